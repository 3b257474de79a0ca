package org.frisson.lsl;

import com.sun.jna.Memory;
import com.sun.jna.Native;

import java.util.List;

/**
 * Keeps discovering streams in the background; {@link #results()} is the current set. Streams not
 * seen for {@code forgetAfterSeconds} drop out.
 */
public final class ContinuousResolver extends NativeHandle {

    private final Memory buffer = new Memory((long) Native.POINTER_SIZE * Resolver.maxResults());
    private final String what;

    private ContinuousResolver(com.sun.jna.Pointer handle, String what) {
        super(handle, LslNative::lsl_destroy_continuous_resolver);
        this.what = what;
    }

    /** Watches every stream. */
    public static ContinuousResolver all(double forgetAfterSeconds) {
        LslLibrary.ensureLoaded();
        return new ContinuousResolver(LslNative.lsl_create_continuous_resolver(forgetAfterSeconds), "all streams");
    }

    public static ContinuousResolver byProperty(String property, String value, double forgetAfterSeconds) {
        LslLibrary.ensureLoaded();
        return new ContinuousResolver(LslNative.lsl_create_continuous_resolver_byprop(property, value,
                forgetAfterSeconds), property + "='" + value + "'");
    }

    public static ContinuousResolver byPredicate(String predicate, double forgetAfterSeconds) {
        LslLibrary.ensureLoaded();
        return new ContinuousResolver(LslNative.lsl_create_continuous_resolver_bypred(predicate,
                forgetAfterSeconds), "\"" + predicate + "\"");
    }

    /** The streams currently visible; each is a new handle for the caller to close. */
    public synchronized List<StreamInfo> results() {
        int n = LslNative.lsl_resolver_results(handle(), buffer, Resolver.maxResults());
        return Resolver.collect(buffer, n, "continuous resolver for " + what);
    }
}
