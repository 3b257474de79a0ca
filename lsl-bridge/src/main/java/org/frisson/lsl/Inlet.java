package org.frisson.lsl;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.util.EnumSet;
import java.util.Set;

/**
 * Receives one stream.
 *
 * <p>Pulls are chunked into caller-owned arrays: one native call fetches every sample that fits, with
 * its time stamp, through native memory that is reused, so a steady stream of pulls allocates nothing
 * (string pulls excepted: each string is a new Java object). An inlet is meant to be pulled from one
 * thread. With recovery on (the default) a stream whose outlet restarts with the same {@code source_id}
 * resumes in the same inlet; {@link #wasClockReset()} then reports it.
 */
public final class Inlet extends NativeHandle {

    private final StreamInfo info;
    private final String name;

    private final int channels;
    private final ChannelFormat format;
    private final ChunkCalls chunks = ChunkCalls.forPlatform();
    private final NativeBuffer data = new NativeBuffer();
    private final NativeBuffer stamps = new NativeBuffer();
    private final NativeBuffer firstSample = new NativeBuffer();
    private final Memory errorCode = new Memory(4);
    private final Memory correction = new Memory(16);

    private Inlet(StreamInfo resolved, Options options) {
        super(LslNative.lsl_create_inlet(resolved.handle(), options.maxBufferSeconds, options.maxChunk,
                options.recover ? 1 : 0), LslNative::lsl_destroy_inlet);
        // liblsl fetches the full description on the first pull with no time limit: a source that died
        // before that would hang the pull for good. Fetch it here, bounded, and keep it.
        StreamInfo full;
        try {
            full = fullInfo(options.openTimeout);
        } catch (LslException e) {
            super.close();
            throw e instanceof LslTimeoutException
                    ? new LslTimeoutException("stream " + Printable.name(resolved.name())
                    + " did not send its description within " + options.openTimeout + " s; is its outlet still running?")
                    : e;
        }
        this.info = full;
        this.name = info.name();
        this.channels = info.channelCount();
        this.format = info.format();
        if (!options.processing.isEmpty()) {
            setProcessing(options.processing);
        }
    }

    /** Opens an inlet with the defaults (360 s buffer, sender's chunking, recovery on, raw stamps). */
    public static Inlet open(StreamInfo info) {
        return open(info, options());
    }

    /**
     * Opens an inlet on a resolved stream.
     *
     * @throws StreamMismatchException when the stream's shape is not the one the options expect, or it has no
     *                                 channel (liblsl lets an outlet announce 0)
     */
    public static Inlet open(StreamInfo info, Options options) {
        if (info.channelCount() < 1) {
            throw new StreamMismatchException(info.name(), "channel count", "of at least 1", info.channelCount());
        }
        info.requireShape(options.expectChannels, options.expectFormat);
        return new Inlet(info, options);
    }

    public static Options options() {
        return new Options();
    }

    /** The stream's full description, {@code <desc>} included, as fetched when the inlet opened. */
    public StreamInfo info() {
        return info;
    }

    @Override
    public void close() {
        super.close();
        info.close();
    }

    public String name() {
        return name;
    }

    public int channelCount() {
        return channels;
    }

    public ChannelFormat format() {
        return format;
    }

    /** The full stream description with {@code <desc>}, fetched from the outlet. */
    public StreamInfo fullInfo(double timeoutSeconds) {
        errorCode.setInt(0, 0);
        Pointer p = LslNative.lsl_get_fullinfo(handle(), timeoutSeconds, errorCode);
        failIfError("full info of stream " + (name != null ? Printable.name(name) : "?"));
        return new StreamInfo(p);
    }

    /** Subscribes now, so samples pushed from this moment on are queued. */
    public void openStream(double timeoutSeconds) {
        errorCode.setInt(0, 0);
        LslNative.lsl_open_stream(handle(), timeoutSeconds, errorCode);
        failIfError("opening stream " + Printable.name(name));
    }

    /** Drops the subscription and everything buffered. */
    public void closeStream() {
        LslNative.lsl_close_stream(handle());
    }

    /** The current clock offset estimate of the stream's machine (the first call waits up to the timeout). */
    public TimeCorrection timeCorrection(double timeoutSeconds) {
        errorCode.setInt(0, 0);
        double offset = LslNative.lsl_time_correction_ex(handle(), correction, correction.share(8),
                timeoutSeconds, errorCode);
        failIfError("time correction of stream " + Printable.name(name));
        return new TimeCorrection(offset, correction.getDouble(0), correction.getDouble(8));
    }

    /** Sets liblsl's own stamp post-processing; raw stamps are no longer available afterwards. */
    public void setProcessing(Set<Processing> flags) {
        int ec = LslNative.lsl_set_postprocessing(handle(), Processing.mask(flags));
        if (ec != 0) {
            Lsl.check(ec, "post-processing " + flags + " on stream " + Printable.name(name));
        }
    }

    /** Samples buffered and ready to pull now. */
    public int samplesAvailable() {
        return LslNative.lsl_samples_available(handle());
    }

    /** Drops every buffered sample; returns how many were dropped. */
    public int flush() {
        return LslNative.lsl_inlet_flush(handle());
    }

    /** True once after the source's clock was reset (typically: its outlet restarted and was recovered). */
    public boolean wasClockReset() {
        return LslNative.lsl_was_clock_reset(handle()) != 0;
    }

    /** Half-time in seconds of the dejitter regression (with {@link Processing#DEJITTER}). */
    public void setSmoothingHalftime(float seconds) {
        int ec = LslNative.lsl_smoothing_halftime(handle(), seconds);
        if (ec != 0) {
            Lsl.check(ec, "smoothing half-time on stream " + Printable.name(name));
        }
    }

    /**
     * Pulls as many samples as fit into {@code values} (channel-interleaved) and {@code sampleStamps},
     * waiting up to {@code timeoutSeconds} for the first. Returns the number of samples pulled (0 when
     * none arrived). Stamps are the source's, or corrected per {@link #setProcessing}.
     *
     * @throws LslLostException when the source is gone and recovery is off
     */
    public int pull(float[] values, double[] sampleStamps, double timeoutSeconds) {
        int n = pullValues(ChannelFormat.FLOAT32, 4, values.length, sampleStamps.length, timeoutSeconds);
        data.ensure(0).read(0, values, 0, n * channels);
        stamps.ensure(0).read(0, sampleStamps, 0, n);
        return n;
    }

    public int pull(double[] values, double[] sampleStamps, double timeoutSeconds) {
        int n = pullValues(ChannelFormat.DOUBLE64, 8, values.length, sampleStamps.length, timeoutSeconds);
        data.ensure(0).read(0, values, 0, n * channels);
        stamps.ensure(0).read(0, sampleStamps, 0, n);
        return n;
    }

    public int pull(long[] values, double[] sampleStamps, double timeoutSeconds) {
        int n = pullValues(ChannelFormat.INT64, 8, values.length, sampleStamps.length, timeoutSeconds);
        data.ensure(0).read(0, values, 0, n * channels);
        stamps.ensure(0).read(0, sampleStamps, 0, n);
        return n;
    }

    public int pull(int[] values, double[] sampleStamps, double timeoutSeconds) {
        int n = pullValues(ChannelFormat.INT32, 4, values.length, sampleStamps.length, timeoutSeconds);
        data.ensure(0).read(0, values, 0, n * channels);
        stamps.ensure(0).read(0, sampleStamps, 0, n);
        return n;
    }

    public int pull(short[] values, double[] sampleStamps, double timeoutSeconds) {
        int n = pullValues(ChannelFormat.INT16, 2, values.length, sampleStamps.length, timeoutSeconds);
        data.ensure(0).read(0, values, 0, n * channels);
        stamps.ensure(0).read(0, sampleStamps, 0, n);
        return n;
    }

    public int pull(byte[] values, double[] sampleStamps, double timeoutSeconds) {
        int n = pullValues(ChannelFormat.INT8, 1, values.length, sampleStamps.length, timeoutSeconds);
        data.ensure(0).read(0, values, 0, n * channels);
        stamps.ensure(0).read(0, sampleStamps, 0, n);
        return n;
    }

    /**
     * Waits up to {@code timeoutSeconds} for the first sample, then takes every sample available at that
     * moment that fits: the low-latency pull for a reader thread. ({@link #pull(double[], double[], double)}
     * with a timeout waits until the buffers are full.) Values of any numeric format arrive as doubles.
     */
    public int pullAvailable(double[] values, double[] sampleStamps, double timeoutSeconds) {
        int n = pull(values, sampleStamps, 0.0);
        if (n > 0 || timeoutSeconds <= 0) {
            return n;
        }
        Memory one = firstSample.ensure(8L * channels);
        errorCode.setInt(0, 0);
        double stamp = LslNative.lsl_pull_sample_d(handle(), one, channels, timeoutSeconds, errorCode);
        int ec = errorCode.getInt(0);
        if (ec != 0) {
            Lsl.check(ec, "pull from stream " + Printable.name(name));
        }
        if (stamp == 0.0) {
            return 0;
        }
        int rest = 0;
        int capacity = Math.min(values.length / channels, sampleStamps.length);
        if (capacity > 1) {
            rest = pullValues(ChannelFormat.DOUBLE64, 8, values.length - channels, sampleStamps.length - 1, 0.0);
            // newer samples go after the first one
            data.ensure(0).read(0, values, channels, rest * channels);
            stamps.ensure(0).read(0, sampleStamps, 1, rest);
        }
        one.read(0, values, 0, channels);
        sampleStamps[0] = stamp;
        return 1 + rest;
    }

    /** Like {@link #pullAvailable(double[], double[], double)} for string streams. */
    public int pullAvailable(String[] values, double[] sampleStamps, double timeoutSeconds) {
        int n = pull(values, sampleStamps, 0.0);
        if (n > 0 || timeoutSeconds <= 0) {
            return n;
        }
        Memory one = firstSample.ensure((long) Native.POINTER_SIZE * channels);
        errorCode.setInt(0, 0);
        double stamp = LslNative.lsl_pull_sample_str(handle(), one, channels, timeoutSeconds, errorCode);
        int ec = errorCode.getInt(0);
        if (ec != 0) {
            Lsl.check(ec, "pull from stream " + Printable.name(name));
        }
        if (stamp == 0.0) {
            return 0;
        }
        takeStrings(one, values, 0, channels);
        sampleStamps[0] = stamp;
        return 1;
    }

    /** Pulls string samples; every string liblsl allocated is freed before this returns. */
    public int pull(String[] values, double[] sampleStamps, double timeoutSeconds) {
        int n = pullValues(ChannelFormat.STRING, Native.POINTER_SIZE, values.length, sampleStamps.length,
                timeoutSeconds);
        stamps.ensure(0).read(0, sampleStamps, 0, n);
        takeStrings(data.ensure(0), values, 0, n * channels);
        return n;
    }

    /** Copies {@code count} liblsl strings from a pointer table and frees each one. */
    private static void takeStrings(Memory table, String[] values, int offset, int count) {
        RuntimeException failure = null;
        for (int i = 0; i < count; i++) {
            Pointer s = table.getPointer((long) i * Native.POINTER_SIZE);
            try {
                values[offset + i] = s == null ? "" : s.getString(0, "UTF-8");
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                if (s != null) {
                    LslNative.lsl_destroy_string(s);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Pulls into native staging; returns samples. Callers copy values and stamps out. */
    private int pullValues(ChannelFormat as, int valueBytes, int valueCapacity, int stampCapacity,
                           double timeoutSeconds) {
        int maxSamples = Math.min(valueCapacity / channels, stampCapacity);
        if (maxSamples <= 0) {
            throw new IllegalArgumentException("stream " + Printable.name(name) + ": buffers too small for one sample of "
                    + channels + " channels (values " + valueCapacity + ", stamps " + stampCapacity + ")");
        }
        long values = (long) maxSamples * channels;
        Memory d = data.ensure(values * valueBytes);
        Memory t = stamps.ensure(8L * maxSamples);
        errorCode.setInt(0, 0);
        long written = chunks.pull(as, handle(), d, t, values, maxSamples, timeoutSeconds, errorCode);
        int ec = errorCode.getInt(0);
        if (ec != 0) {
            Lsl.check(ec, "pull from stream " + Printable.name(name));
        }
        return (int) (written / channels);
    }

    private void failIfError(String what) {
        int ec = errorCode.getInt(0);
        if (ec != 0) {
            Lsl.check(ec, what);
        }
    }

    /** How to open an inlet. */
    public static final class Options {
        private int maxBufferSeconds = 360;
        private int maxChunk = 0;
        private boolean recover = true;
        private Set<Processing> processing = EnumSet.noneOf(Processing.class);
        private int expectChannels = -1;
        private ChannelFormat expectFormat;
        private double openTimeout = 5.0;

        private Options() {
        }

        /** Seconds of data buffered for this inlet (x100 samples for irregular streams). */
        public Options maxBufferSeconds(int seconds) {
            this.maxBufferSeconds = seconds;
            return this;
        }

        /** Largest chunk the network delivers, in samples; 0 for the sender's choice. */
        public Options maxChunk(int samples) {
            this.maxChunk = samples;
            return this;
        }

        /** Whether to resume silently when the outlet restarts with the same source_id. */
        public Options recover(boolean on) {
            this.recover = on;
            return this;
        }

        public Options processing(Set<Processing> flags) {
            this.processing = flags.isEmpty() ? EnumSet.noneOf(Processing.class) : EnumSet.copyOf(flags);
            return this;
        }

        /** How long opening waits for the stream's full description (default 5 s). */
        public Options openTimeout(double seconds) {
            this.openTimeout = seconds;
            return this;
        }

        /** Refuse the stream unless it has this many channels (negative: any) and this format (null: any). */
        public Options expect(int channels, ChannelFormat format) {
            this.expectChannels = channels;
            this.expectFormat = format;
            return this;
        }
    }
}
