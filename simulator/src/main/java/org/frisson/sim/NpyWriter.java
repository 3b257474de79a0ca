package org.frisson.sim;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes one array as a NumPy {@code .npy} file (format version 1.0: magic, a header dict padded to a multiple
 * of 64 bytes, then the values little-endian in C order), streamed: values are appended in order and the count
 * is checked against the shape at close.
 */
public final class NpyWriter implements AutoCloseable {

    /** Element types written here. */
    public enum Type {
        FLOAT32("<f4", 4), UINT8("|u1", 1);

        final String descr;
        final int bytes;

        Type(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }
    }

    private final Path file;
    private final Type type;
    private final long expected;
    private final OutputStream out;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long written;

    public NpyWriter(Path file, Type type, long... shape) throws IOException {
        this.file = file;
        this.type = type;
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        this.expected = n;
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "))
                + (shape.length == 1 ? "," : "");
        StringBuilder header = new StringBuilder("{'descr': '" + type.descr + "', 'fortran_order': False, 'shape': ("
                + dims + "), }");
        int preamble = 10; // magic (6), version (2), header length (2)
        while ((preamble + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = new BufferedOutputStream(Files.newOutputStream(file));
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (h.length & 0xff), (byte) (h.length >> 8)});
        out.write(h);
    }

    /** Appends {@code n} values as float32. */
    public void write(float[] values, int off, int n) throws IOException {
        requireType(Type.FLOAT32);
        for (int i = 0; i < n; i++) {
            if (buffer.remaining() < 4) {
                drain();
            }
            buffer.putFloat(values[off + i]);
        }
        written += n;
    }

    /** Appends {@code n} values as float32. */
    public void write(double[] values, int off, int n) throws IOException {
        requireType(Type.FLOAT32);
        for (int i = 0; i < n; i++) {
            if (buffer.remaining() < 4) {
                drain();
            }
            buffer.putFloat((float) values[off + i]);
        }
        written += n;
    }

    /** Appends {@code n} values as uint8. */
    public void write(byte[] values, int off, int n) throws IOException {
        requireType(Type.UINT8);
        for (int i = 0; i < n; i++) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            buffer.put(values[off + i]);
        }
        written += n;
    }

    private void requireType(Type t) {
        if (type != t) {
            throw new IllegalArgumentException(file + ": holds " + type + ", not " + t);
        }
    }

    private void drain() throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        drain();
        out.close();
        if (written != expected) {
            throw new IOException(file + ": wrote " + written + " values, its shape holds " + expected);
        }
    }
}
