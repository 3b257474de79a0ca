package org.frisson.xdf;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.frisson.lsl.StreamXml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Records streams into one XDF file, crash-safe: what LabRecorder writes and pyxdf reads.
 *
 * <p>Producers (one thread per stream) call {@link #append} with samples and their raw stamps; each call
 * is encoded into whole Samples chunks in a pooled buffer and handed to the writer thread through a
 * bounded queue. The writer thread owns the file: it writes every chunk it takes at once, adds a Boundary
 * chunk every {@link Options#boundaryInterval}, and forces the file to disk every
 * {@link Options#flushInterval}. When the disk falls behind, producers wait for a free buffer (back
 * pressure) up to {@link Options#maxWait}; samples that still find none are counted in
 * {@link #droppedSamples()} and reported, never silently lost. A write that fails (a full disk) is reported
 * once and stops the recording: the file is cut back to its last whole chunk and stays readable (without
 * footers), and every sample from then on is counted as dropped; appends go on without error, and
 * {@link #close()} throws the failure. {@link #close()} writes the footers (first and last stamp, sample
 * count, clock offsets).
 */
public final class XdfRecorder implements AutoCloseable {

    private final Path file;
    private final Options options;
    private final XdfWriter writer;
    private final ArrayBlockingQueue<Block> free;
    private final ArrayBlockingQueue<Block> full;
    private final Thread thread;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Object streamsLock = new Object();
    private volatile RecordedStream[] streams = new RecordedStream[0];
    private volatile boolean closed;
    private volatile IOException failure;
    private boolean finished;

    private XdfRecorder(Path file, Options options) throws IOException {
        this.file = file;
        this.options = options;
        this.writer = XdfWriter.create(file, options.overwrite);
        this.free = new ArrayBlockingQueue<>(options.queueChunks);
        this.full = new ArrayBlockingQueue<>(options.queueChunks + 64);
        for (int i = 0; i < options.queueChunks; i++) {
            free.add(new Block(new ChunkEncoder(16 * 1024), true));
        }
        this.thread = new Thread(this::writeLoop, "xdf-writer " + file.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a recording into a new file (refused when the file exists). */
    public static XdfRecorder create(Path file) throws IOException {
        return create(file, options());
    }

    public static XdfRecorder create(Path file, Options options) throws IOException {
        return new XdfRecorder(file, options);
    }

    public static Options options() {
        return new Options();
    }

    public Path file() {
        return file;
    }

    /** Adds a stream from its full description (as {@link StreamInfo#xml()} gives it); returns its stream id. */
    public int addStream(StreamInfo info) {
        return addStream(info.xml());
    }

    /**
     * Adds a stream from its XML header, written as is into the StreamHeader chunk; returns its stream id
     * (1, 2, ...).
     *
     * @throws IllegalArgumentException naming the file, the stream and the field when the header lacks a
     *                                  usable channel_count, channel_format or nominal_srate
     * @throws org.frisson.lsl.LslException when the XML is malformed or carries a DOCTYPE
     */
    public int addStream(String headerXml) {
        StreamXml x = StreamXml.parse("stream header for XDF recording " + file, headerXml);
        String name = x.text("name");
        int channels = StreamHeaderFields.channelCount(x, where(name));
        ChannelFormat format = StreamHeaderFields.format(x, where(name));
        StreamHeaderFields.nominalRate(x, where(name));
        Block header = new Block(new ChunkEncoder(headerXml.length() + 64), false);
        enter();
        try {
            synchronized (streamsLock) {
                RecordedStream[] old = streams;
                RecordedStream s = new RecordedStream(old.length + 1, name, format, channels);
                header.encoder.streamHeader(s.id, headerXml.getBytes(StandardCharsets.UTF_8));
                put(header);
                RecordedStream[] grown = java.util.Arrays.copyOf(old, old.length + 1);
                grown[old.length] = s;
                streams = grown;
                return s.id;
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Appends {@code samples} samples (channel-interleaved values) with one raw stamp each. */
    public void append(int streamId, float[] values, double[] stamps, int samples) {
        RecordedStream s = enter(streamId, values.length, stamps, samples, "float[]", ChannelFormat.FLOAT32);
        try {
            for (int first = 0; first < samples; first += s.maxChunkSamples) {
                int n = Math.min(s.maxChunkSamples, samples - first);
                Block b = acquire(s, n);
                if (b != null) {
                    b.encoder.samples(s.id, s.channels, values, first, n, stamps);
                    submit(b, s, stamps, first, n);
                }
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Doubles, into a double64 stream or (rounded) a float32 stream. */
    public void append(int streamId, double[] values, double[] stamps, int samples) {
        RecordedStream s = enter(streamId, values.length, stamps, samples, "double[]", ChannelFormat.DOUBLE64,
                ChannelFormat.FLOAT32);
        try {
            for (int first = 0; first < samples; first += s.maxChunkSamples) {
                int n = Math.min(s.maxChunkSamples, samples - first);
                Block b = acquire(s, n);
                if (b != null) {
                    b.encoder.samples(s.id, s.format, s.channels, values, first, n, stamps);
                    submit(b, s, stamps, first, n);
                }
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Longs, into a stream of any integer format (int8, int16, int32, int64).
     *
     * @throws IllegalArgumentException naming the file, stream and value when a value does not fit the format
     */
    public void append(int streamId, long[] values, double[] stamps, int samples) {
        RecordedStream s = enter(streamId, values.length, stamps, samples, "long[]", ChannelFormat.INT64,
                ChannelFormat.INT32, ChannelFormat.INT16, ChannelFormat.INT8);
        try {
            for (int first = 0; first < samples; first += s.maxChunkSamples) {
                int n = Math.min(s.maxChunkSamples, samples - first);
                Block b = acquire(s, n);
                if (b != null) {
                    try {
                        b.encoder.samples(s.id, s.format, s.channels, values, first, n, stamps);
                    } catch (IllegalArgumentException e) {
                        free.offer(b);
                        throw new IllegalArgumentException(where(s.name) + ": " + e.getMessage(), e);
                    }
                    submit(b, s, stamps, first, n);
                }
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public void append(int streamId, int[] values, double[] stamps, int samples) {
        RecordedStream s = enter(streamId, values.length, stamps, samples, "int[]", ChannelFormat.INT32);
        try {
            for (int first = 0; first < samples; first += s.maxChunkSamples) {
                int n = Math.min(s.maxChunkSamples, samples - first);
                Block b = acquire(s, n);
                if (b != null) {
                    b.encoder.samples(s.id, s.channels, values, first, n, stamps);
                    submit(b, s, stamps, first, n);
                }
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public void append(int streamId, short[] values, double[] stamps, int samples) {
        RecordedStream s = enter(streamId, values.length, stamps, samples, "short[]", ChannelFormat.INT16);
        try {
            for (int first = 0; first < samples; first += s.maxChunkSamples) {
                int n = Math.min(s.maxChunkSamples, samples - first);
                Block b = acquire(s, n);
                if (b != null) {
                    b.encoder.samples(s.id, s.channels, values, first, n, stamps);
                    submit(b, s, stamps, first, n);
                }
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    public void append(int streamId, byte[] values, double[] stamps, int samples) {
        RecordedStream s = enter(streamId, values.length, stamps, samples, "byte[]", ChannelFormat.INT8);
        try {
            for (int first = 0; first < samples; first += s.maxChunkSamples) {
                int n = Math.min(s.maxChunkSamples, samples - first);
                Block b = acquire(s, n);
                if (b != null) {
                    b.encoder.samples(s.id, s.channels, values, first, n, stamps);
                    submit(b, s, stamps, first, n);
                }
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Strings, written as UTF-8 ({@code null} as the empty string). */
    public void append(int streamId, String[] values, double[] stamps, int samples) {
        RecordedStream s = enter(streamId, values.length, stamps, samples, "String[]", ChannelFormat.STRING);
        try {
            for (int first = 0; first < samples; first += s.maxChunkSamples) {
                int n = Math.min(s.maxChunkSamples, samples - first);
                Block b = acquire(s, n);
                if (b != null) {
                    b.encoder.samples(s.id, s.channels, values, first, n, stamps);
                    submit(b, s, stamps, first, n);
                }
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Records one clock offset measurement of a stream (a ClockOffset chunk, and an entry of its footer).
     *
     * @param collectionTime when it was measured, on the stream's clock (LabRecorder: local time − offset)
     * @param offset         seconds to add to the stream's stamps to put them on the recording machine's clock
     */
    public void clockOffset(int streamId, double collectionTime, double offset) {
        RecordedStream s = enter(streamId);
        try {
            Block b = acquire(s, 0);
            if (b != null) {
                b.encoder.clockOffset(s.id, collectionTime, offset);
                s.offset(collectionTime, offset);
                b.stream = s;
                b.samples = 0;
                full.add(b);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Samples of this stream handed to the operating system so far (they survive a kill of this process). */
    public long writtenSamples(int streamId) {
        return stream(streamId).written();
    }

    /** Samples appended to this stream so far. */
    public long appendedSamples(int streamId) {
        return stream(streamId).count();
    }

    /** Samples that could not be recorded (disk too slow for {@link Options#maxWait}, or a write error). */
    public long droppedSamples() {
        return dropped.get();
    }

    /** Whether a write failed, which stopped the recording (it was reported then). */
    public boolean failed() {
        return failure != null;
    }

    /**
     * Writes every stream's footer, flushes and closes the file. Appends must have ended; later ones are
     * refused. Idempotent.
     *
     * @throws IOException naming the file when a write failed during the recording or now
     */
    @Override
    public synchronized void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        closed = true;
        long deadline = System.nanoTime() + (long) ((options.maxWait + 5) * 1e9);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        try {
            for (RecordedStream s : streams) {
                Block f = new Block(new ChunkEncoder(256), false);
                f.encoder.streamFooter(s.id, s.footerXml().getBytes(StandardCharsets.UTF_8));
                put(f);
            }
            put(Block.STOP);
            thread.join(TimeUnit.SECONDS.toMillis(60));
            if (thread.isAlive()) {
                throw new IOException("XDF recording " + file + ": the writer did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("XDF recording " + file + ": interrupted while closing", e);
        } finally {
            writer.close();
        }
        if (failure != null) {
            throw new IOException("XDF recording " + file + ": " + failure.getMessage(), failure);
        }
    }

    private String where(String streamName) {
        return "XDF recording " + file + ", stream '" + streamName + "'";
    }

    private RecordedStream stream(int streamId) {
        RecordedStream[] all = streams;
        if (streamId < 1 || streamId > all.length) {
            throw new IllegalArgumentException("XDF recording " + file + ": no stream with id " + streamId);
        }
        return all[streamId - 1];
    }

    private void enter() {
        inFlight.incrementAndGet();
        if (closed) {
            inFlight.decrementAndGet();
            throw new IllegalStateException("XDF recording " + file + " is closed");
        }
    }

    private RecordedStream enter(int streamId) {
        enter();
        try {
            return stream(streamId);
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    private RecordedStream enter(int streamId, int valueCount, double[] stamps, int samples, String given,
                                 ChannelFormat... accepted) {
        RecordedStream s = enter(streamId);
        try {
            boolean ok = false;
            for (ChannelFormat f : accepted) {
                ok |= f == s.format;
            }
            if (!ok) {
                throw new IllegalArgumentException(where(s.name) + " (id " + s.id + "): channel_format is " + s.format
                        + ", cannot append " + given + " values");
            }
            if (samples < 0 || (long) samples * s.channels > valueCount || samples > stamps.length) {
                throw new IllegalArgumentException(where(s.name) + ": " + samples + " samples of " + s.channels
                        + " channels, but " + valueCount + " values and " + stamps.length + " stamps given");
            }
            return s;
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    /**
     * A free buffer, waiting up to maxWait; null (and the samples counted as dropped) when none came or the
     * recording has stopped on a write failure.
     */
    private Block acquire(RecordedStream s, int samples) {
        if (failure != null) {
            dropped.addAndGet(samples);
            return null;
        }
        Block b = free.poll();
        if (b != null) {
            b.encoder.reset();
            return b;
        }
        try {
            b = free.poll((long) (options.maxWait * 1e9), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (b == null) {
            long total = dropped.addAndGet(samples);
            report(where(s.name) + ": dropped " + (samples == 0 ? "a clock offset" : samples + " samples")
                    + ": the disk has not taken a chunk for " + options.maxWait + " s (" + total
                    + " samples dropped in all)");
            return null;
        }
        b.encoder.reset();
        return b;
    }

    private void submit(Block b, RecordedStream s, double[] stamps, int first, int n) {
        s.appended(stamps, first, n);
        b.stream = s;
        b.samples = n;
        full.add(b); // never full: it holds every pooled block plus room for headers, footers and the stop
    }

    private void put(Block b) {
        try {
            full.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("XDF recording " + file + ": interrupted", e);
        }
    }

    private void report(String message) {
        try {
            options.onError.accept(message);
        } catch (RuntimeException ignored) {
            // a failing sink must not stop the recording
        }
    }

    private void writeLoop() {
        ByteBuffer[] batch = new ByteBuffer[64];
        Block[] taken = new Block[64];
        ChunkEncoder boundary = new ChunkEncoder(64);
        boundary.boundary();
        long boundaryEvery = (long) (options.boundaryInterval * 1e9);
        long forceEvery = (long) (options.flushInterval * 1e9);
        long now = System.nanoTime();
        long nextBoundary = now + boundaryEvery;
        long nextForce = now + forceEvery;
        boolean dirty = false;
        boolean stop = false;
        while (!stop) {
            int k = 0;
            try {
                long wait = Math.max(0, Math.min(Math.min(nextBoundary, nextForce) - System.nanoTime(), 100_000_000L));
                Block b = full.poll(wait, TimeUnit.NANOSECONDS);
                while (b != null) {
                    if (b == Block.STOP) {
                        stop = true;
                        break;
                    }
                    taken[k] = b;
                    batch[k] = b.encoder.bytes();
                    k++;
                    b = k < taken.length ? full.poll() : null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
            }
            if (k > 0) {
                write(batch, taken, k);
                dirty = true;
            }
            now = System.nanoTime();
            if (now - nextBoundary >= 0 && failure == null) {
                write(boundary.bytes());
                nextBoundary = now + boundaryEvery;
                dirty = true;
            }
            if (dirty && (now - nextForce >= 0 || stop) && failure == null) {
                try {
                    writer.force();
                } catch (IOException e) {
                    fail(e);
                }
                dirty = false;
                nextForce = now + forceEvery;
            }
        }
    }

    private void write(ByteBuffer[] batch, Block[] taken, int k) {
        boolean tried = failure == null;
        if (tried) {
            try {
                writer.write(batch, k);
            } catch (IOException e) {
                fail(e); // the blocks written whole before it stay in the file
            }
        }
        for (int i = 0; i < k; i++) {
            Block b = taken[i];
            if (b.stream != null) {
                if (tried && !batch[i].hasRemaining()) {
                    b.stream.addWritten(b.samples);
                } else {
                    dropped.addAndGet(b.samples);
                }
            }
            if (b.pooled) {
                b.stream = null;
                b.samples = 0;
                free.offer(b);
            }
            taken[i] = null;
            batch[i] = null;
        }
    }

    private void write(ByteBuffer chunk) {
        try {
            writer.write(chunk);
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
            report("XDF recording " + file + ": write failed (" + e.getMessage() + "); recording stopped, the file "
                    + "keeps its first " + writer.size() + " bytes (whole chunks, readable, no footers); every sample "
                    + "from now on is counted as dropped");
        }
    }

    /** A reusable buffer holding whole encoded chunks on their way to the writer thread. */
    private static final class Block {
        static final Block STOP = new Block(null, false);
        final ChunkEncoder encoder;
        final boolean pooled;
        RecordedStream stream;
        int samples;

        Block(ChunkEncoder encoder, boolean pooled) {
            this.encoder = encoder;
            this.pooled = pooled;
        }
    }

    /** How a recorder writes. */
    public static final class Options {
        private boolean overwrite;
        private double flushInterval = 1.0;
        private double boundaryInterval = 10.0;
        private int queueChunks = 256;
        private double maxWait = 10.0;
        private Consumer<String> onError = System.err::println;

        private Options() {
        }

        /** Replace an existing file (default: refuse). */
        public Options overwrite(boolean on) {
            this.overwrite = on;
            return this;
        }

        /** Seconds between forcing the file to the storage device (default 1). */
        public Options flushInterval(double seconds) {
            this.flushInterval = positive("flush interval", seconds);
            return this;
        }

        /** Seconds between Boundary chunks (default 10, as LabRecorder). */
        public Options boundaryInterval(double seconds) {
            this.boundaryInterval = positive("boundary interval", seconds);
            return this;
        }

        /** Chunks that may wait for the disk before producers are held back (default 256). */
        public Options queueChunks(int chunks) {
            if (chunks < 1) {
                throw new IllegalArgumentException("queue must hold at least 1 chunk, got " + chunks);
            }
            this.queueChunks = chunks;
            return this;
        }

        /** Seconds a producer waits for the disk before its samples are dropped and reported (default 10). */
        public Options maxWait(double seconds) {
            this.maxWait = positive("maximum wait", seconds);
            return this;
        }

        /** Where dropped samples and write failures are reported (default: standard error). */
        public Options onError(Consumer<String> sink) {
            this.onError = sink;
            return this;
        }

        private static double positive(String what, double v) {
            if (!(v > 0)) {
                throw new IllegalArgumentException(what + " must be > 0 seconds, got " + v);
            }
            return v;
        }
    }
}
