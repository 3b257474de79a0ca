package org.frisson.pipeline;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.frisson.xdf.XdfRecorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Records a running pipeline into one XDF file: every input as it arrived (raw source stamps, and a
 * ClockOffset chunk whenever the correction the pipeline applied changes, timed at the first raw stamp it
 * was applied to, so re-applying them reproduces the pipeline's stamps exactly) and every output sample.
 * Writing happens on the recorder's own thread; {@link #inputs()} is fed by its own ring consumer,
 * {@link #outputs()} by the aligner.
 */
public final class PipelineRecorder implements AutoCloseable {

    /** Outputs are on the local clock: their (zero) offset is written this often, as LabRecorder does. */
    static final double OUTPUT_OFFSET_PERIOD = 5.0;

    private final XdfRecorder recorder;
    private final Inputs inputs = new Inputs();
    private final Outputs outputs = new Outputs();
    private int ended;
    private boolean closed;

    public PipelineRecorder(Path file, boolean overwrite) {
        try {
            this.recorder = XdfRecorder.create(file, XdfRecorder.options().overwrite(overwrite));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The listener to register for input chunks. */
    public ChunkListener inputs() {
        return inputs;
    }

    /** The listener to register for output samples. */
    public OutputListener outputs() {
        return outputs;
    }

    /** The taps that record everything. */
    public Pipeline.Taps taps() {
        return new Pipeline.Taps(List.of(inputs), List.of(outputs));
    }

    public Path file() {
        return recorder.file();
    }

    /**
     * Samples that could not be written (disk too slow or failing): after a write failure (a full disk), which
     * the recorder reports in one line on standard error, every sample the session goes on to take.
     */
    public long droppedSamples() {
        return recorder.droppedSamples();
    }

    private synchronized void ended() {
        if (++ended == 2) {
            close();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recorder.close();
        } catch (IOException e) {
            if (!recorder.failed()) { // a write failure was reported when it happened, and is counted
                throw new UncheckedIOException("closing " + recorder.file(), e);
            }
        }
    }

    /** Inputs, raw stamps and the offsets applied. */
    private final class Inputs implements ChunkListener {
        private int[] ids;
        private ChannelFormat[] formats;
        private int[] channels;
        private double[] lastOffset;
        private double[] raw = new double[0];
        private long[] integers = new long[0];

        @Override
        public void start(List<StreamInfo> infos) {
            ids = new int[infos.size()];
            formats = new ChannelFormat[infos.size()];
            channels = new int[infos.size()];
            lastOffset = new double[infos.size()];
            for (int i = 0; i < infos.size(); i++) {
                ids[i] = recorder.addStream(infos.get(i));
                formats[i] = infos.get(i).format();
                channels[i] = infos.get(i).channelCount();
                lastOffset[i] = Double.NaN;
            }
        }

        @Override
        public void chunk(int stream, int samples, double[] stamps, double[] values, String[] texts,
                          double clockOffset) {
            int id = ids[stream];
            if (clockOffset != lastOffset[stream]) {
                lastOffset[stream] = clockOffset;
                recorder.clockOffset(id, stamps[0] - clockOffset, clockOffset);
            }
            if (raw.length < samples) {
                raw = new double[samples];
            }
            for (int i = 0; i < samples; i++) {
                raw[i] = stamps[i] - clockOffset;
            }
            switch (formats[stream]) {
                case STRING -> recorder.append(id, texts, raw, samples);
                case FLOAT32, DOUBLE64 -> recorder.append(id, values, raw, samples);
                default -> { // integers arrive as doubles (exact below 2^53) and keep their own format
                    int n = samples * channels[stream];
                    if (integers.length < n) {
                        integers = new long[n];
                    }
                    for (int i = 0; i < n; i++) {
                        integers[i] = Math.round(values[i]);
                    }
                    recorder.append(id, integers, raw, samples);
                }
            }
        }

        @Override
        public void end() {
            ended();
        }
    }

    /** Outputs, one sample per frame (markers as they come), on the local clock. */
    private final class Outputs implements OutputListener {
        private int[] ids;
        private double[] nextOffset;
        private final double[] oneStamp = new double[1];
        private final String[] oneText = new String[1];

        @Override
        public void start(List<StreamInfo> infos) {
            ids = new int[infos.size()];
            nextOffset = new double[infos.size()];
            for (int i = 0; i < infos.size(); i++) {
                ids[i] = recorder.addStream(infos.get(i));
                nextOffset[i] = Double.NEGATIVE_INFINITY;
            }
        }

        @Override
        public void sample(int output, double stamp, double[] values) {
            offsetDue(output, stamp);
            oneStamp[0] = stamp;
            recorder.append(ids[output], values, oneStamp, 1);
        }

        @Override
        public void marker(int output, double stamp, String text) {
            offsetDue(output, stamp);
            oneStamp[0] = stamp;
            oneText[0] = text;
            recorder.append(ids[output], oneText, oneStamp, 1);
        }

        private void offsetDue(int output, double stamp) {
            if (stamp >= nextOffset[output]) {
                nextOffset[output] = stamp + OUTPUT_OFFSET_PERIOD;
                recorder.clockOffset(ids[output], stamp, 0.0);
            }
        }

        @Override
        public void end() {
            ended();
        }
    }
}
