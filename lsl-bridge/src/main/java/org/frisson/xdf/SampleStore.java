package org.frisson.xdf;

import org.frisson.lsl.ChannelFormat;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A stream's samples as they are read: stamps and channel-interleaved values in the stream's own type, growing. */
final class SampleStore {

    final ChannelFormat format;
    final int channels;
    /** Values one store keeps at most: the largest array the JVM allocates. */
    static final int MAX_VALUES = Integer.MAX_VALUE - 16;

    private double[] stamps = new double[0];
    private Object values;
    private int count;

    /**
     * Nothing is allocated for the samples until {@link #reserve} is told how many a chunk holds: the channel
     * count comes from the file and may be absurd.
     */
    SampleStore(ChannelFormat format, int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("channel count " + channels);
        }
        this.format = format;
        this.channels = channels;
        this.values = allocate(format, 0);
    }

    int count() {
        return count;
    }

    /** Bytes one sample takes at the least in a Samples chunk: its stamp marker and its values (a string: its length byte). */
    long minSampleBytes() {
        return 1 + channels * (format == ChannelFormat.STRING ? 2L : format.bytes());
    }

    /**
     * Makes room for {@code more} samples that are said to follow in {@code bytesLeft} bytes of a chunk. The
     * claim is checked against those bytes before anything is allocated, so a count read from a damaged file
     * never makes the store allocate more than the file could hold.
     *
     * @throws IllegalArgumentException when the bytes cannot hold that many samples, or the stream would hold
     *                                  more values than one array can
     */
    void reserve(long more, long bytesLeft) {
        long min = minSampleBytes();
        // divided, not multiplied: a count read from a file can be near 2^63, and more * min would wrap
        if (more < 0 || more > bytesLeft / min) {
            throw new IllegalArgumentException("claims " + (more < 0 ? Long.toUnsignedString(more) : String.valueOf(more))
                    + " samples of at least " + min + " bytes each, but the chunk holds " + bytesLeft + " bytes");
        }
        long need = count + more;
        long maxSamples = MAX_VALUES / channels;
        if (need > maxSamples) {
            throw new IllegalArgumentException("the stream would hold more than " + MAX_VALUES
                    + " values, more than this reader keeps in memory");
        }
        if (need <= stamps.length) {
            return;
        }
        // doubling keeps appends cheap; never past twice what the chunks read so far hold
        int cap = (int) Math.min(maxSamples, Math.max(need, stamps.length * 2L));
        stamps = Arrays.copyOf(stamps, cap);
        Object bigger = allocate(format, cap * channels);
        System.arraycopy(values, 0, bigger, 0, count * channels);
        values = bigger;
    }

    /** Appends a sample: its stamp and, for numeric streams, its values read from {@code in}. */
    void addNumeric(double stamp, ByteBuffer in) {
        int k = count * channels;
        switch (format) {
            case FLOAT32 -> {
                float[] v = (float[]) values;
                for (int c = 0; c < channels; c++) {
                    v[k + c] = in.getFloat();
                }
            }
            case DOUBLE64 -> {
                double[] v = (double[]) values;
                for (int c = 0; c < channels; c++) {
                    v[k + c] = in.getDouble();
                }
            }
            case INT64 -> {
                long[] v = (long[]) values;
                for (int c = 0; c < channels; c++) {
                    v[k + c] = in.getLong();
                }
            }
            case INT32 -> {
                int[] v = (int[]) values;
                for (int c = 0; c < channels; c++) {
                    v[k + c] = in.getInt();
                }
            }
            case INT16 -> {
                short[] v = (short[]) values;
                for (int c = 0; c < channels; c++) {
                    v[k + c] = in.getShort();
                }
            }
            case INT8 -> in.get((byte[]) values, k, channels);
            default -> throw new IllegalStateException("not a numeric format: " + format);
        }
        stamps[count++] = stamp;
    }

    /** Appends a string sample whose channel values were put with {@link #setString} first. */
    void addString(double stamp) {
        stamps[count++] = stamp;
    }

    /** Sets channel {@code c} of the sample about to be added. */
    void setString(int c, String s) {
        ((String[]) values)[count * channels + c] = s;
    }

    /** Drops samples from {@code n} on. */
    void truncate(int n) {
        if (n < count) {
            if (format == ChannelFormat.STRING) {
                Arrays.fill((String[]) values, n * channels, count * channels, null);
            }
            count = n;
        }
    }

    double[] stamps() {
        return Arrays.copyOf(stamps, count);
    }

    Object values() {
        int n = count * channels;
        return switch (format) {
            case FLOAT32 -> Arrays.copyOf((float[]) values, n);
            case DOUBLE64 -> Arrays.copyOf((double[]) values, n);
            case INT64 -> Arrays.copyOf((long[]) values, n);
            case INT32 -> Arrays.copyOf((int[]) values, n);
            case INT16 -> Arrays.copyOf((short[]) values, n);
            case INT8 -> Arrays.copyOf((byte[]) values, n);
            case STRING -> Arrays.copyOf((String[]) values, n);
        };
    }

    static Object allocate(ChannelFormat format, int n) {
        return switch (format) {
            case FLOAT32 -> new float[n];
            case DOUBLE64 -> new double[n];
            case INT64 -> new long[n];
            case INT32 -> new int[n];
            case INT16 -> new short[n];
            case INT8 -> new byte[n];
            case STRING -> new String[n];
        };
    }
}
