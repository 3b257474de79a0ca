package org.frisson.devices;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** BrainFlow's synthetic and playback boards through our binding (the real native library). */
class BoardSessionTest {

    /** Samples to read: two seconds of the synthetic board's 250 Hz. */
    private static final int TARGET = 500;

    @Test
    void syntheticDescriptionMapsTheRows() {
        BoardDescription d = BoardInfo.describe(Boards.SYNTHETIC, BoardParams.NONE);
        assertEquals(-1, d.boardId());
        assertEquals(250, d.samplingRate());
        assertEquals(32, d.numRows());
        assertArrayEquals(new int[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, d.eegRows());
        assertEquals(List.of("Fz", "C3", "Cz", "C4", "Pz", "PO7", "Oz", "PO8", "F5", "F7", "F3", "F1", "F2", "F4",
                "F6", "F8"), d.eegNames());
        assertArrayEquals(new int[]{17, 18, 19}, d.accelRows());
        assertArrayEquals(new int[]{23}, d.edaRows());
        assertArrayEquals(new int[]{24, 25}, d.ppgRows());
        assertArrayEquals(new int[]{26}, d.temperatureRows());
        assertEquals(0, d.packageNumRow());
        assertEquals(29, d.batteryRow());
        assertEquals(30, d.timestampRow());
        assertEquals(31, d.markerRow());
    }

    @Test
    void syntheticBoardDeliversEverySampleOnceAndInOrder() {
        try (BoardSession s = BoardSession.prepare(Boards.SYNTHETIC, BoardParams.NONE, 256)) {
            assertTrue(s.isPrepared());
            BoardDescription d = s.description();
            s.start();
            double[] buf = new double[s.rows() * s.maxSamples()];
            List<Double> packages = new ArrayList<>();
            List<Double> times = new ArrayList<>();
            List<Double> markerValues = new ArrayList<>();
            boolean marked = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (packages.size() < TARGET) {
                if (System.nanoTime() > deadline) {
                    fail("only " + packages.size() + " of " + TARGET + " samples within 20 s");
                }
                if (!marked && packages.size() > TARGET / 2) {
                    s.insertMarker(7);
                    marked = true;
                }
                int n = s.pull(buf);
                if (n == 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
                for (int i = 0; i < n; i++) {
                    packages.add(buf[d.packageNumRow() * n + i]);
                    times.add(buf[d.timestampRow() * n + i]);
                    double m = buf[d.markerRow() * n + i];
                    if (m != 0) {
                        markerValues.add(m);
                    }
                }
            }
            for (int i = 1; i < packages.size(); i++) {
                assertEquals((packages.get(i - 1) + 1) % 256, packages.get(i), 0, "package number after sample " + (i - 1));
                assertTrue(times.get(i) > times.get(i - 1), "timestamps increase at sample " + i);
            }
            double span = times.get(times.size() - 1) - times.get(0);
            assertEquals((packages.size() - 1) / 250.0, span, 0.25, "board seconds for " + packages.size() + " samples");
            assertEquals(List.of(7.0), markerValues, "the marker, once");
            s.stop();
        }
    }

    @Test
    void steadyStatePullsAllocateNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        try (BoardSession s = BoardSession.prepare(Boards.SYNTHETIC, BoardParams.NONE, 256)) {
            s.start();
            double[] buf = new double[s.rows() * s.maxSamples()];
            long samples = pullWithData(s, buf, 200); // warm-up: JIT, first calls
            long before = mx.getThreadAllocatedBytes(me);
            samples += pullWithData(s, buf, 200);
            long allocated = mx.getThreadAllocatedBytes(me) - before;
            System.out.println("200 pulls with data (" + samples + " samples in all): " + allocated + " bytes allocated");
            // one object per pull (16 bytes at least) would make 3200 bytes; the JVM's own bookkeeping stays far below
            assertTrue(allocated < 1600, allocated + " bytes allocated by 200 pulls");
        }
    }

    /** {@code pulls} pulls that each take at least one sample (a bounded wait between them); the samples. */
    private static long pullWithData(BoardSession s, double[] buf, int pulls) {
        long samples = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int k = 0; k < pulls; ) {
            int n = s.pull(buf);
            if (n > 0) {
                samples += n;
                k++;
            } else if (System.nanoTime() > deadline) {
                throw new AssertionError("the synthetic board delivered nothing for 30 s");
            } else {
                LockSupport.parkNanos(1_000_000);
            }
        }
        return samples;
    }

    @Test
    void unknownBoardIdIsNamed() {
        Board bogus = new Board("bogus", 9999, "nothing");
        BoardException e = assertThrows(BoardException.class, () -> BoardSession.prepare(bogus, BoardParams.NONE, 64));
        assertTrue(e.getMessage().contains("board 'bogus'"), e.getMessage());
        assertTrue(e.getMessage().contains("UNSUPPORTED_BOARD_ERROR (exit code 14)"), e.getMessage());
        assertEquals(14, e.exitCode());
    }

    @Test
    void playbackWithoutFileNamesTheFile() {
        BoardParams params = BoardParams.NONE.withMasterBoard(Boards.SYNTHETIC.id());
        BoardException e = assertThrows(BoardException.class, () -> BoardSession.prepare(Boards.PLAYBACK, params, 64));
        assertTrue(e.getMessage().startsWith("board 'playback': file not given (this board needs --file"), e.getMessage());
        BoardException missing = assertThrows(BoardException.class,
                () -> BoardSession.prepare(Boards.PLAYBACK, params.withFile("/nonexistent/recording.csv"), 64));
        assertEquals("board 'playback': file '/nonexistent/recording.csv' is not a readable file", missing.getMessage());
    }

    @Test
    void playbackWithoutMasterBoardSaysSo() {
        BoardException e = assertThrows(BoardException.class,
                () -> BoardSession.prepare(Boards.PLAYBACK, BoardParams.NONE.withFile("/nonexistent.csv"), 64));
        assertTrue(e.getMessage().contains("board 'playback': master board not given"), e.getMessage());
    }

    @Test
    void unknownBoardNameListsTheKnownOnes() {
        BoardException e = assertThrows(BoardException.class, () -> Boards.byName("cytom"));
        assertTrue(e.getMessage().startsWith("unknown board 'cytom'; Frisson knows: synthetic, playback, cyton,"),
                e.getMessage());
    }

    @Test
    void everyKnownBoardHasADescription() {
        for (Board b : Boards.all()) {
            if (b.id() == Boards.PLAYBACK.id()) {
                continue;
            }
            BoardDescription d = BoardInfo.describe(b, BoardParams.NONE);
            assertTrue(d.samplingRate() > 0 && d.numRows() > 0, b + ": " + d);
        }
        assertEquals(Arrays.asList("synthetic"), Boards.all().stream().filter(b -> b.id() == -1).map(Board::name).toList());
    }
}
