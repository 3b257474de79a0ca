package org.frisson.lsl;

import com.sun.jna.Memory;
import com.sun.jna.Native;

import java.nio.charset.StandardCharsets;

/**
 * Publishes one stream on the network.
 *
 * <p>Pushes are chunked: many samples, one native call, each sample with its own LSL time stamp.
 * Values are copied into native memory that is reused, so a steady stream of pushes allocates nothing.
 * An outlet is meant to be pushed from one thread.
 */
public final class Outlet extends NativeHandle {

    private final StreamInfo info;
    private final int channels;
    private final ChunkCalls chunks = ChunkCalls.forPlatform();
    private final NativeBuffer data = new NativeBuffer();
    private final NativeBuffer stamps = new NativeBuffer();
    private final NativeBuffer stringTable = new NativeBuffer();
    private double[] deducedStamps = new double[0];

    private Outlet(StreamInfo info, int chunkSize, int maxBufferedSeconds) {
        super(LslNative.lsl_create_outlet(info.handle(), chunkSize, maxBufferedSeconds),
                LslNative::lsl_destroy_outlet);
        this.info = info;
        this.channels = info.channelCount();
    }

    /** Opens an outlet that lets the network choose chunk sizes and buffers up to 360 s for slow consumers. */
    public static Outlet open(StreamInfo info) {
        return open(info, 0, 360);
    }

    /**
     * @param chunkSize          samples per network chunk, 0 for the pushes' own chunking
     * @param maxBufferedSeconds how much data to hold for a consumer that falls behind
     */
    public static Outlet open(StreamInfo info, int chunkSize, int maxBufferedSeconds) {
        return new Outlet(info, chunkSize, maxBufferedSeconds);
    }

    /** The stream this outlet publishes (as given at construction). */
    public StreamInfo info() {
        return info;
    }

    public boolean haveConsumers() {
        return LslNative.lsl_have_consumers(handle()) != 0;
    }

    /** Waits until at least one inlet is connected; false on timeout. */
    public boolean waitForConsumers(double timeoutSeconds) {
        return LslNative.lsl_wait_for_consumers(handle(), timeoutSeconds) != 0;
    }

    /** Pushes {@code samples} samples (channel-interleaved in {@code values}) with one stamp per sample. */
    public void push(float[] values, int samples, double[] sampleStamps) {
        int n = valueCount(values.length, samples, sampleStamps);
        data.ensure(4L * n).write(0, values, 0, n);
        send(ChannelFormat.FLOAT32, samples, sampleStamps);
    }

    public void push(double[] values, int samples, double[] sampleStamps) {
        int n = valueCount(values.length, samples, sampleStamps);
        data.ensure(8L * n).write(0, values, 0, n);
        send(ChannelFormat.DOUBLE64, samples, sampleStamps);
    }

    public void push(long[] values, int samples, double[] sampleStamps) {
        int n = valueCount(values.length, samples, sampleStamps);
        data.ensure(8L * n).write(0, values, 0, n);
        send(ChannelFormat.INT64, samples, sampleStamps);
    }

    public void push(int[] values, int samples, double[] sampleStamps) {
        int n = valueCount(values.length, samples, sampleStamps);
        data.ensure(4L * n).write(0, values, 0, n);
        send(ChannelFormat.INT32, samples, sampleStamps);
    }

    public void push(short[] values, int samples, double[] sampleStamps) {
        int n = valueCount(values.length, samples, sampleStamps);
        data.ensure(2L * n).write(0, values, 0, n);
        send(ChannelFormat.INT16, samples, sampleStamps);
    }

    public void push(byte[] values, int samples, double[] sampleStamps) {
        int n = valueCount(values.length, samples, sampleStamps);
        data.ensure(n).write(0, values, 0, n);
        send(ChannelFormat.INT8, samples, sampleStamps);
    }

    /** Pushes string samples; each string is sent as UTF-8. */
    public void push(String[] values, int samples, double[] sampleStamps) {
        int n = valueCount(values.length, samples, sampleStamps);
        long bytes = 0;
        byte[][] encoded = new byte[n][];
        for (int i = 0; i < n; i++) {
            encoded[i] = values[i].getBytes(StandardCharsets.UTF_8);
            bytes += encoded[i].length + 1;
        }
        Memory text = data.ensure(bytes);
        Memory table = stringTable.ensure((long) Native.POINTER_SIZE * n);
        long off = 0;
        long base = com.sun.jna.Pointer.nativeValue(text);
        for (int i = 0; i < n; i++) {
            text.write(off, encoded[i], 0, encoded[i].length);
            text.setByte(off + encoded[i].length, (byte) 0);
            if (Native.POINTER_SIZE == 8) {
                table.setLong(8L * i, base + off);
            } else {
                table.setInt(4L * i, (int) (base + off));
            }
            off += encoded[i].length + 1;
        }
        stamps.ensure(8L * samples).write(0, sampleStamps, 0, samples);
        int ec = chunks.push(ChannelFormat.STRING, handle(), table, n, stamps.ensure(8L * samples), true);
        if (ec != 0) {
            Lsl.check(ec, "push to stream '" + info.name() + "'");
        }
    }

    /**
     * Pushes samples of a regular stream stamped from the newest one back, at the nominal rate
     * ({@code lastStamp - (samples-1-i)/rate}); for an irregular stream every sample gets {@code lastStamp}.
     */
    public void push(float[] values, int samples, double lastStamp) {
        push(values, samples, deduce(samples, lastStamp));
    }

    public void push(double[] values, int samples, double lastStamp) {
        push(values, samples, deduce(samples, lastStamp));
    }

    private double[] deduce(int samples, double lastStamp) {
        if (deducedStamps.length < samples) {
            deducedStamps = new double[samples];
        }
        double rate = info.nominalRate();
        for (int i = 0; i < samples; i++) {
            deducedStamps[i] = rate > 0 ? lastStamp - (samples - 1 - i) / rate : lastStamp;
        }
        return deducedStamps;
    }

    private int valueCount(int length, int samples, double[] sampleStamps) {
        long n = (long) samples * channels;
        if (samples < 0 || n > length) {
            throw new IllegalArgumentException("stream '" + info.name() + "': " + samples + " samples of "
                    + channels + " channels need " + n + " values, array holds " + length);
        }
        if (sampleStamps.length < samples) {
            throw new IllegalArgumentException("stream '" + info.name() + "': " + samples
                    + " samples but only " + sampleStamps.length + " time stamps");
        }
        return (int) n;
    }

    private void send(ChannelFormat as, int samples, double[] sampleStamps) {
        if (samples == 0) {
            return;
        }
        Memory ts = stamps.ensure(8L * samples);
        ts.write(0, sampleStamps, 0, samples);
        int ec = chunks.push(as, handle(), data.ensure(0), (long) samples * channels, ts, true);
        if (ec != 0) {
            Lsl.check(ec, "push to stream '" + info.name() + "'");
        }
    }
}
