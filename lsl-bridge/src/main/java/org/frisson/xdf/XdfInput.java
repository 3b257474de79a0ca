package org.frisson.xdf;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/** Buffered, positioned little-endian reading of a file, with its size known so truncation is seen up front. */
final class XdfInput implements AutoCloseable {

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private long bufStart;

    XdfInput(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        buf.limit(0);
    }

    long size() {
        return size;
    }

    long position() {
        return bufStart + buf.position();
    }

    long remaining() {
        return size - position();
    }

    void seek(long pos) {
        if (pos >= bufStart && pos <= bufStart + buf.limit()) {
            buf.position((int) (pos - bufStart));
        } else {
            bufStart = pos;
            buf.limit(0);
        }
    }

    int u8() throws IOException {
        fill(1);
        return buf.get() & 0xFF;
    }

    int u16() throws IOException {
        fill(2);
        return buf.getShort() & 0xFFFF;
    }

    long u32() throws IOException {
        fill(4);
        return buf.getInt() & 0xFFFF_FFFFL;
    }

    long u64() throws IOException {
        fill(8);
        return buf.getLong();
    }

    void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            fill(1);
            int k = Math.min(len, buf.remaining());
            buf.get(dst, off, k);
            off += k;
            len -= k;
        }
    }

    /**
     * Moves to just after the next Boundary signature at or after the current position.
     *
     * @return false (positioned at the end) when there is none
     */
    boolean scanToBoundary() throws IOException {
        byte[] sig = XdfFormat.BOUNDARY_SIGNATURE;
        long pos = position();
        byte[] window = new byte[1 << 16];
        while (pos + sig.length <= size) {
            int n = (int) Math.min(window.length, size - pos);
            seek(pos);
            readFully(window, 0, n);
            for (int i = 0; i + sig.length <= n; i++) {
                if (matches(window, i, sig)) {
                    seek(pos + i + sig.length);
                    return true;
                }
            }
            if (pos + n >= size) {
                break;
            }
            pos += n - sig.length + 1;
        }
        seek(size);
        return false;
    }

    private static boolean matches(byte[] a, int at, byte[] sig) {
        for (int j = 0; j < sig.length; j++) {
            if (a[at + j] != sig[j]) {
                return false;
            }
        }
        return true;
    }

    private void fill(int n) throws IOException {
        if (buf.remaining() >= n) {
            return;
        }
        long pos = position();
        buf.compact();
        bufStart = pos;
        while (buf.position() < n) {
            int r = channel.read(buf, bufStart + buf.position());
            if (r < 0) {
                buf.flip();
                throw new EOFException("end of file at byte " + (bufStart + buf.limit()));
            }
            if (r == 0 && !buf.hasRemaining()) {
                break;
            }
        }
        buf.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
