package org.frisson.xdf;

import org.frisson.lsl.ChannelFormat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes whole XDF chunks, little-endian, into one reusable byte array: each call appends one chunk
 * (length, tag, stream id, content) and {@link #bytes()} hands the result to the writer. Once the array
 * has grown to the largest chunk, encoding allocates nothing. Every sample gets its 8-byte time stamp.
 */
final class ChunkEncoder {

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle F32 = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle F64 = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    /** Largest chunk this encoder builds; larger sample blocks must be split by the caller. */
    static final int MAX_CHUNK_BYTES = 1 << 30;

    private byte[] buf;
    private ByteBuffer view;
    private int pos;

    ChunkEncoder(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
        view = ByteBuffer.wrap(buf);
    }

    /** Forgets the encoded chunks, keeping the array. */
    void reset() {
        pos = 0;
    }

    /** Bytes encoded since the last reset. */
    int size() {
        return pos;
    }

    /** The encoded chunks, positioned at 0 and limited to {@link #size()}; valid until the next call. */
    ByteBuffer bytes() {
        view.clear();
        view.limit(pos);
        return view;
    }

    void fileHeader(byte[] xml) {
        header(ChunkType.FILE_HEADER, -1, xml.length);
        putBytes(xml, 0, xml.length);
    }

    void streamHeader(int streamId, byte[] xml) {
        header(ChunkType.STREAM_HEADER, streamId, xml.length);
        putBytes(xml, 0, xml.length);
    }

    void streamFooter(int streamId, byte[] xml) {
        header(ChunkType.STREAM_FOOTER, streamId, xml.length);
        putBytes(xml, 0, xml.length);
    }

    /**
     * @param collectionTime when the offset was measured, on the stream's own clock
     * @param offset         seconds to add to the stream's stamps to map them onto the recorder's clock
     */
    void clockOffset(int streamId, double collectionTime, double offset) {
        header(ChunkType.CLOCK_OFFSET, streamId, 16);
        putDouble(collectionTime);
        putDouble(offset);
    }

    void boundary() {
        header(ChunkType.BOUNDARY, -1, XdfFormat.BOUNDARY_SIGNATURE.length);
        putBytes(XdfFormat.BOUNDARY_SIGNATURE, 0, XdfFormat.BOUNDARY_SIGNATURE.length);
    }

    void samples(int streamId, int channels, float[] values, int first, int n, double[] stamps) {
        sampleHeader(streamId, n, (long) n * channels * 4);
        int k = first * channels;
        for (int i = 0; i < n; i++) {
            stamp(stamps[first + i]);
            for (int c = 0; c < channels; c++, pos += 4) {
                F32.set(buf, pos, values[k++]);
            }
        }
    }

    /** Doubles into a double64 stream, or (rounded to float) into a float32 stream. */
    void samples(int streamId, ChannelFormat as, int channels, double[] values, int first, int n, double[] stamps) {
        boolean narrow = as == ChannelFormat.FLOAT32;
        sampleHeader(streamId, n, (long) n * channels * (narrow ? 4 : 8));
        int k = first * channels;
        for (int i = 0; i < n; i++) {
            stamp(stamps[first + i]);
            if (narrow) {
                for (int c = 0; c < channels; c++, pos += 4) {
                    F32.set(buf, pos, (float) values[k++]);
                }
            } else {
                for (int c = 0; c < channels; c++, pos += 8) {
                    F64.set(buf, pos, values[k++]);
                }
            }
        }
    }

    void samples(int streamId, int channels, int[] values, int first, int n, double[] stamps) {
        sampleHeader(streamId, n, (long) n * channels * 4);
        int k = first * channels;
        for (int i = 0; i < n; i++) {
            stamp(stamps[first + i]);
            for (int c = 0; c < channels; c++, pos += 4) {
                I32.set(buf, pos, values[k++]);
            }
        }
    }

    void samples(int streamId, int channels, short[] values, int first, int n, double[] stamps) {
        sampleHeader(streamId, n, (long) n * channels * 2);
        int k = first * channels;
        for (int i = 0; i < n; i++) {
            stamp(stamps[first + i]);
            for (int c = 0; c < channels; c++, pos += 2) {
                I16.set(buf, pos, values[k++]);
            }
        }
    }

    void samples(int streamId, int channels, byte[] values, int first, int n, double[] stamps) {
        sampleHeader(streamId, n, (long) n * channels);
        int k = first * channels;
        for (int i = 0; i < n; i++) {
            stamp(stamps[first + i]);
            System.arraycopy(values, k, buf, pos, channels);
            pos += channels;
            k += channels;
        }
    }

    /**
     * Longs into any integer stream ({@code as}: int8, int16, int32 or int64).
     *
     * @throws IllegalArgumentException naming sample and channel when a value does not fit {@code as}
     */
    void samples(int streamId, ChannelFormat as, int channels, long[] values, int first, int n, double[] stamps) {
        int width = as.bytes();
        long min = width == 8 ? Long.MIN_VALUE : -(1L << (8 * width - 1));
        long max = width == 8 ? Long.MAX_VALUE : (1L << (8 * width - 1)) - 1;
        int k = first * channels;
        for (int i = 0, end = k + n * channels; k + i < end; i++) {
            long v = values[k + i];
            if (v < min || v > max) {
                throw new IllegalArgumentException("value " + v + " of sample " + (first + i / channels)
                        + ", channel " + (i % channels) + " does not fit channel_format " + as);
            }
        }
        sampleHeader(streamId, n, (long) n * channels * width);
        for (int i = 0; i < n; i++) {
            stamp(stamps[first + i]);
            for (int c = 0; c < channels; c++, pos += width) {
                long v = values[k++];
                switch (width) {
                    case 1 -> buf[pos] = (byte) v;
                    case 2 -> I16.set(buf, pos, (short) v);
                    case 4 -> I32.set(buf, pos, (int) v);
                    default -> I64.set(buf, pos, v);
                }
            }
        }
    }

    /** Strings as UTF-8, each with its variable-length byte count. */
    void samples(int streamId, int channels, String[] values, int first, int n, double[] stamps) {
        long valueBytes = 0;
        int k0 = first * channels;
        for (int i = 0; i < n * channels; i++) {
            long len = Utf8.length(values[k0 + i]);
            valueBytes += XdfFormat.varLenSize(len) + len;
        }
        sampleHeader(streamId, n, valueBytes);
        int k = k0;
        for (int i = 0; i < n; i++) {
            stamp(stamps[first + i]);
            for (int c = 0; c < channels; c++) {
                String s = values[k++];
                putVarLen(Utf8.length(s));
                pos = Utf8.encode(s, buf, pos);
            }
        }
    }

    private void sampleHeader(int streamId, int n, long valueBytes) {
        if (n < 0) {
            throw new IllegalArgumentException("negative sample count " + n);
        }
        long content = XdfFormat.varLenSize(n) + (long) n * (1 + XdfFormat.STAMP_BYTES) + valueBytes;
        header(ChunkType.SAMPLES, streamId, content);
        putVarLen(n);
    }

    private void stamp(double t) {
        buf[pos++] = (byte) XdfFormat.STAMP_BYTES;
        F64.set(buf, pos, t);
        pos += 8;
    }

    /** Writes [length][tag][stream id] for a chunk whose content after the stream id is {@code content} bytes. */
    private void header(ChunkType type, int streamId, long content) {
        long length = 2 + (type.carriesStreamId() ? 4 : 0) + content;
        long total = XdfFormat.varLenSize(length) + length;
        if (total > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException(type + " chunk of " + total + " bytes exceeds " + MAX_CHUNK_BYTES);
        }
        ensure((int) total);
        putVarLen(length);
        I16.set(buf, pos, (short) type.tag());
        pos += 2;
        if (type.carriesStreamId()) {
            I32.set(buf, pos, streamId);
            pos += 4;
        }
    }

    private void putVarLen(long value) {
        int width = XdfFormat.varLenWidth(value);
        buf[pos++] = (byte) width;
        switch (width) {
            case 1 -> buf[pos] = (byte) value;
            case 4 -> I32.set(buf, pos, (int) value);
            default -> I64.set(buf, pos, value);
        }
        pos += width;
    }

    private void putDouble(double v) {
        F64.set(buf, pos, v);
        pos += 8;
    }

    private void putBytes(byte[] src, int off, int len) {
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
    }

    private void ensure(int more) {
        long need = (long) pos + more;
        if (need <= buf.length) {
            return;
        }
        long grown = Math.max(need, Math.min((long) buf.length * 2, Integer.MAX_VALUE - 16));
        byte[] bigger = new byte[(int) grown];
        System.arraycopy(buf, 0, bigger, 0, pos);
        buf = bigger;
        view = ByteBuffer.wrap(buf);
    }
}
