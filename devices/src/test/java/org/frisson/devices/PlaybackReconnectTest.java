package org.frisson.devices;

import org.frisson.lsl.Inlet;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A recording written by BrainFlow itself (its file streamer, on the synthetic board) replayed through BrainFlow's
 * playback board: every sample of the file arrives on LSL, once and in order; when the file ends the board falls
 * silent, is opened again after the silence limit, and the file arrives again on the same stream.
 */
class PlaybackReconnectTest {

    @Test
    void aRecordingReplaysWholeAndASilentBoardIsOpenedAgain(@TempDir Path dir) throws IOException {
        Path raw = dir.resolve("synthetic-raw.csv");
        List<DeviceReport> recorded = new CopyOnWriteArrayList<>();
        try (DevicePublisher p = DevicePublisher.start(Boards.SYNTHETIC, BoardParams.NONE,
                DeviceOptions.reportingEvery(0.5).withSaveTo(raw), recorded::add, line -> { })) {
            awaitTrue(() -> !recorded.isEmpty() && recorded.get(recorded.size() - 1).samples() >= 750, p,
                    "3 s of the synthetic board");
        }
        List<double[]> file = BrainFlowFile.read(raw);
        BoardDescription d = BoardInfo.describe(Boards.SYNTHETIC, BoardParams.NONE);
        int[] eeg = d.eegRows();
        assertTrue(file.size() >= 750, file.size() + " rows in BrainFlow's file");
        assertEquals(d.numRows(), file.get(0).length, "BrainFlow writes every row");

        List<String> events = new CopyOnWriteArrayList<>();
        BoardParams playback = BoardParams.NONE.withFile(raw.toString()).withMasterBoard(Boards.SYNTHETIC.id());
        List<float[]> got = new ArrayList<>();
        List<Double> stamps = new ArrayList<>();
        try (DevicePublisher p = DevicePublisher.start(Boards.PLAYBACK, playback,
                DeviceOptions.reportingEvery(1).withReconnectAfter(0.5), r -> { }, events::add)) {
            StreamInfo found = Resolver.first("source_id='brainflow-playback-eeg'", 20).orElseThrow();
            try (found; Inlet inlet = Inlet.open(found)) {
                inlet.openStream(10);
                float[] chunk = new float[512 * eeg.length];
                double[] ts = new double[512];
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                // until the samples received hold one whole pass of the file after the first one seen
                while (wholePassesIn(got, file, eeg) < 1) {
                    if (System.nanoTime() > deadline) {
                        fail("no whole pass of the " + file.size() + "-sample file within 90 s; " + got.size()
                                + " samples, events " + events);
                    }
                    int n = inlet.pull(chunk, ts, 0.2);
                    for (int i = 0; i < n; i++) {
                        got.add(java.util.Arrays.copyOfRange(chunk, i * eeg.length, (i + 1) * eeg.length));
                        stamps.add(ts[i]);
                    }
                }
            }
            DeviceHealth h = p.health();
            assertTrue(h.reconnects() >= 1, "reconnections: " + h.reconnects());
            assertEquals(0, h.droppedPackages(), "a new session's package numbers are not a gap");
            assertTrue(events.get(0).startsWith("playback: no data for 0.5 s; opening it again"), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.startsWith("playback: back after ")), events.toString());
            assertEquals(1.0, h.signalQuality(), 1e-12, "the synthetic board's EEG is within range");
            assertTrue(h.battery() > 0 && h.battery() <= 100, "battery " + h.battery());
        }
        for (int i = 1; i < stamps.size(); i++) {
            assertTrue(stamps.get(i) >= stamps.get(i - 1), "stamps go back at sample " + i);
        }
        double[] span = passSpan(got, stamps, file, eeg);
        double fileSpan = file.get(file.size() - 1)[d.timestampRow()] - file.get(0)[d.timestampRow()];
        System.out.printf("file: %d samples over %.3f s; a replayed pass spans %.3f s on the LSL clock%n",
                file.size(), fileSpan, span[0]);
        // the playback board paces the file by its own stamps; the fit follows it within scheduling noise
        assertEquals(fileSpan, span[0], 0.05 * fileSpan, "a replayed pass's span against the file's");
    }

    /** Whole passes of {@code file} in {@code got} after its first (possibly partial) one; fails on any mismatch. */
    private static int wholePassesIn(List<float[]> got, List<double[]> file, int[] eeg) {
        if (got.isEmpty()) {
            return 0;
        }
        int at = indexOf(got.get(0), file, eeg);
        int whole = 0;
        boolean fromStart = false;
        for (int i = 0; i < got.size(); i++) {
            assertRow(file.get(at), eeg, got.get(i), i);
            at++;
            if (at == file.size()) {
                whole += fromStart ? 1 : 0;
                fromStart = true;
                at = 0;
            }
        }
        return whole;
    }

    /** LSL seconds from the first to the last sample of the first whole pass, on the stamps received. */
    private static double[] passSpan(List<float[]> got, List<Double> stamps, List<double[]> file, int[] eeg) {
        int start = (file.size() - indexOf(got.get(0), file, eeg)) % file.size();
        return new double[]{stamps.get(start + file.size() - 1) - stamps.get(start)};
    }

    private static int indexOf(float[] sample, List<double[]> file, int[] eeg) {
        for (int k = 0; k < file.size(); k++) {
            if (same(file.get(k), eeg, sample)) {
                return k;
            }
        }
        throw new AssertionError("the first sample received is not in the file");
    }

    private static boolean same(double[] row, int[] eeg, float[] sample) {
        for (int c = 0; c < eeg.length; c++) {
            if (Math.abs(row[eeg[c]] - sample[c]) > 1e-6 * Math.abs(row[eeg[c]]) + 1e-9) {
                return false;
            }
        }
        return true;
    }

    private static void assertRow(double[] row, int[] eeg, float[] sample, int index) {
        if (!same(row, eeg, sample)) {
            fail("sample " + index + " received is not the file's next sample (lost, repeated or out of order)");
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier done, DevicePublisher p, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            if (p.failure() != null || System.nanoTime() > deadline) {
                fail("not within 30 s: " + what + (p.failure() == null ? "" : "; " + p.failure()));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
