package org.frisson.sim;

import org.frisson.xdf.XdfRecorder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A simulated session written straight into an XDF file, as a recording of it would be: every stream's header
 * (created at the session start), its samples with their stamps, and a zero clock offset per stream at the start,
 * every {@link #OFFSET_INTERVAL} seconds and at the end, since every stream runs on the recording's clock.
 */
final class XdfSink implements SessionSink {

    /** LabRecorder measures clock offsets every 5 s. */
    static final double OFFSET_INTERVAL = 5.0;

    private final XdfRecorder recorder;
    private final int[] ids;
    private double nextOffset;
    private double latest;

    /**
     * @throws java.nio.file.FileAlreadyExistsException when {@code file} exists and {@code overwrite} is false
     */
    XdfSink(Path file, List<StreamSpec> streams, double start, boolean overwrite) throws IOException {
        this.recorder = XdfRecorder.create(file, XdfRecorder.options().overwrite(overwrite));
        this.ids = new int[streams.size()];
        try {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = recorder.addStream(streams.get(i).headerXml(start));
            }
            this.latest = start;
            this.nextOffset = start;
            offsets(start);
        } catch (RuntimeException e) {
            recorder.close();
            throw e;
        }
    }

    @Override
    public void samples(int stream, float[] values, int samples, double[] stamps) {
        recorder.append(ids[stream], values, stamps, samples);
        passed(stamps, samples);
    }

    @Override
    public void markers(int stream, String[] texts, int count, double[] stamps) {
        recorder.append(ids[stream], texts, stamps, count);
        passed(stamps, count);
    }

    private void passed(double[] stamps, int n) {
        if (n > 0) {
            latest = Math.max(latest, stamps[n - 1]);
        }
        while (latest >= nextOffset) {
            offsets(nextOffset);
        }
    }

    private void offsets(double at) {
        for (int id : ids) {
            recorder.clockOffset(id, at, 0.0);
        }
        nextOffset = at + OFFSET_INTERVAL;
    }

    /**
     * Records the last offsets, the footers, and closes the file.
     *
     * @throws IOException when the file could not be written, or samples were dropped
     */
    @Override
    public void close() throws IOException {
        try {
            if (latest > nextOffset - OFFSET_INTERVAL) {
                offsets(latest);
            }
        } finally {
            recorder.close();
        }
        if (recorder.droppedSamples() > 0) {
            throw new IOException(recorder.file() + ": " + recorder.droppedSamples() + " samples could not be written");
        }
    }
}
