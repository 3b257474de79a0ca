package org.frisson.lsl;

import com.sun.jna.Pointer;

import java.lang.ref.Cleaner;
import java.util.function.Consumer;

/**
 * Owns one liblsl object. {@link #close()} releases it at once; if the owner forgets, the garbage
 * collector's {@link Cleaner} releases it later. Releasing twice is impossible.
 */
abstract class NativeHandle implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();

    private final Pointer handle;
    private final Release release;
    private final Cleaner.Cleanable cleanable;

    NativeHandle(Pointer handle, Consumer<Pointer> destroy) {
        if (handle == null) {
            throw new LslInternalException("liblsl returned no object: " + Lsl.lastError());
        }
        this.handle = handle;
        this.release = new Release(Pointer.nativeValue(handle), destroy);
        this.cleanable = CLEANER.register(this, release);
    }

    /** The native pointer; throws once closed. */
    final Pointer handle() {
        if (release.done) {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed");
        }
        return handle;
    }

    final boolean isClosed() {
        return release.done;
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    /** Holds only the address, never the owner, so the owner can become unreachable. */
    private static final class Release implements Runnable {
        private final long address;
        private final Consumer<Pointer> destroy;
        private volatile boolean done;

        Release(long address, Consumer<Pointer> destroy) {
            this.address = address;
            this.destroy = destroy;
        }

        @Override
        public void run() {
            done = true;
            destroy.accept(new Pointer(address));
        }
    }
}
