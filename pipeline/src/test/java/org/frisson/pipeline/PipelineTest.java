package org.frisson.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.frisson.lsl.Lsl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline spine against real LSL streams with known stamps. */
class PipelineTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final String session = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void closeAll() throws Exception {
        SlowStage.slow = false; // a slow stage would hold the pipeline's close back
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private TestSource source(String role, String type, int channels, double rate) {
        TestSource s = new TestSource(role + "-" + session, type, "src-" + role + "-" + session, channels, rate);
        open.add(s);
        return s;
    }

    private Pipeline pipeline(String inputs, String probeInputs, double window) {
        String yaml = "pipeline: {hop: 0.25, resolve_seconds: 5}\n"
                + "inputs:\n" + inputs
                + "stages:\n  - {name: probe, kind: test_probe, inputs: \"" + probeInputs + "\", window: " + window + "}\n"
                + "outputs:\n  features: {name: frisson.features.test-" + session + ", source_id: f-" + session + "}\n"
                + "  health: {name: frisson.health.test-" + session + ", source_id: h-" + session + "}\n";
        Pipeline p = Pipeline.start(PipelineConfig.parse(Path.of("test.yaml"), yaml), new SimpleMeterRegistry(),
                log::add);
        open.add(p);
        return p;
    }

    private String input(String role, double timeout) {
        return "  " + role + ": {query: \"source_id='src-" + role + "-" + session + "'\", timeout: " + timeout + "}\n";
    }

    private static List<ProbeStage.Seen> seen(String stream) {
        List<ProbeStage.Seen> out = new ArrayList<>();
        ConcurrentLinkedQueue<ProbeStage.Seen> q = ProbeStage.SEEN.get("probe");
        if (q != null) {
            for (ProbeStage.Seen s : q) {
                if (s.stream().equals(stream)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    @Test
    void framesHoldExactlyEachStreamsSamplesInTheirWindow() {
        TestSource eeg = source("eeg", "EEG", 4, 128);
        TestSource gsr = source("gsr", "GSR", 1, 32);
        TestSource ppg = source("ppg", "PPG", 1, 64);
        Pipeline p = pipeline(input("eeg", 1) + input("gsr", 1) + input("ppg", 1), "eeg, gsr, ppg", 1.0);
        await().atMost(Duration.ofSeconds(20)).until(() -> seen(ppg.name).size() >= 12);
        for (TestSource s : List.of(eeg, gsr, ppg)) {
            int checked = assertWindowsHoldWhatWasPushed(s, 1.0);
            assertTrue(checked >= 8, s.name + ": only " + checked + " complete frames");
        }
        assertEquals(0, p.health().stream().mapToLong(StreamHealth::missedSamples).sum());
    }

    /**
     * Frames of {@code s} come one hop apart, and every frame where it is not missing holds exactly the samples
     * it pushed in the frame's window (from the first the inlet received on); returns how many were checked.
     */
    private static int assertWindowsHoldWhatWasPushed(TestSource s, double window) {
        List<ProbeStage.Seen> frames = seen(s.name);
        // the inlet receives what is pushed after it subscribed: expectations start at its first sample
        double firstReceived = frames.stream().filter(f -> f.stamps().length > 0)
                .mapToDouble(f -> f.stamps()[0]).min().orElseThrow();
        double lastTime = Double.NEGATIVE_INFINITY;
        int checked = 0;
        for (ProbeStage.Seen f : frames) {
            assertTrue(f.time() > lastTime, "frame times increase");
            if (lastTime != Double.NEGATIVE_INFINITY) {
                assertEquals(0.25, f.time() - lastTime, 1e-9, "one frame per hop");
            }
            lastTime = f.time();
            if (f.missing()) {
                continue;
            }
            List<Double> expected = s.pushedIn(Math.max(f.time() - window, firstReceived - 1e-6), f.time());
            assertEquals(expected.size(), f.stamps().length, s.name + " frame " + f.frame() + " window size");
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), f.stamps()[i], 1e-3, s.name + " stamp " + i);
            }
            checked++;
        }
        return checked;
    }

    /** Every sample number (channel 0) from the first to the last the frames of {@code stream} held is in one. */
    private static void assertNoSampleSkipped(String stream) {
        java.util.TreeSet<Long> numbers = new java.util.TreeSet<>();
        for (ProbeStage.Seen f : seen(stream)) {
            for (double k : f.firstChannel()) {
                numbers.add((long) k);
            }
        }
        assertEquals(numbers.last() - numbers.first() + 1, numbers.size(), stream + ": samples skipped between "
                + numbers.first() + " and " + numbers.last());
    }

    /** Sizes of the windows of {@code stream} that lie wholly after its first received sample. */
    private static java.util.Set<Integer> fullWindowSizes(String stream, double window) {
        List<ProbeStage.Seen> frames = seen(stream);
        double firstReceived = frames.stream().filter(f -> f.stamps().length > 0)
                .mapToDouble(f -> f.stamps()[0]).min().orElseThrow();
        java.util.Set<Integer> sizes = new java.util.TreeSet<>();
        for (ProbeStage.Seen f : frames) {
            if (!f.missing() && f.time() - window > firstReceived) {
                sizes.add(f.stamps().length);
            }
        }
        return sizes;
    }

    @Test
    void streamsTwoPercentOffTheirDeclaredRateAreTakenWholeAtTheirRealRate() {
        // the EEG declares 128 Hz and runs 2 % fast; the GSR declares 32 Hz and runs 2 % slow
        TestSource eeg = new TestSource("eeg-" + session, "EEG", "src-eeg-" + session, 2, 128, 128 * 1.02);
        open.add(eeg);
        TestSource gsr = new TestSource("gsr-" + session, "GSR", "src-gsr-" + session, 1, 32, 32 * 0.98);
        open.add(gsr);
        Pipeline p = pipeline(input("eeg", 1) + input("gsr", 1), "eeg, gsr", 1.0);
        await().atMost(Duration.ofSeconds(20)).until(() -> seen(gsr.name).size() >= 4);
        double t1 = Lsl.localClock();
        long[] n1 = {p.health().get(0).samples(), p.health().get(1).samples()};
        // ten seconds of frames
        await().atMost(Duration.ofSeconds(60)).until(() -> seen(gsr.name).size() >= 44
                && Lsl.localClock() >= t1 + 10);
        double t2 = Lsl.localClock();
        long[] n2 = {p.health().get(0).samples(), p.health().get(1).samples()};
        for (TestSource s : List.of(eeg, gsr)) {
            // nothing lost, nothing added: every window holds what was pushed in its span, no sample skipped
            assertTrue(assertWindowsHoldWhatWasPushed(s, 1.0) >= 30, s.name);
            assertNoSampleSkipped(s.name);
        }
        // a 1 s window holds what a second of the real rate gives: 130.56 and 31.36 samples, not 128 and 32
        assertEquals(java.util.Set.of(130, 131), fullWindowSizes(eeg.name, 1.0));
        assertEquals(java.util.Set.of(31, 32), fullWindowSizes(gsr.name, 1.0));
        double[] taken = new double[2];
        for (int i = 0; i < 2; i++) {
            StreamHealth h = p.health().get(i);
            assertEquals(0, h.droppedSamples(), h.name());
            assertEquals(0, h.gaps(), h.name());
            assertEquals(0, h.clockResets(), h.name());
            taken[i] = (n2[i] - n1[i]) / (t2 - t1);
        }
        // health counts what arrives: its rates follow the real ones (arrival times make them coarse)
        assertEquals(130.56, taken[0], 13.0, "EEG samples taken in per second");
        assertEquals(31.36, taken[1], 3.2, "GSR samples taken in per second");
        System.out.printf("2 %% off rate: EEG declared 128 Hz, real 130.56 Hz, taken in at %.2f/s, health rate %.1f Hz;"
                        + " GSR declared 32 Hz, real 31.36 Hz, taken in at %.2f/s, health rate %.1f Hz; windows %s and %s;"
                        + " missing frames %d and %d, late samples %d and %d%n", taken[0],
                p.health().get(0).effectiveRate(), taken[1], p.health().get(1).effectiveRate(),
                fullWindowSizes(eeg.name, 1.0), fullWindowSizes(gsr.name, 1.0), p.health().get(0).missingFrames(),
                p.health().get(1).missingFrames(), p.health().get(0).lateSamples(), p.health().get(1).lateSamples());
    }

    @Test
    void aClockDriftingAHundredPpmPassesUncorrectedWithFramesOnTheirGridAndNothingLost() {
        // the EEG's clock runs 100 ppm fast: it pushes 128 samples a second, stamped 1.0001 s apart per second
        TestSource eeg = TestSource.drifting("eeg-" + session, "EEG", "src-eeg-" + session, 2, 128, 100);
        open.add(eeg);
        TestSource gsr = source("gsr", "GSR", 1, 32);
        Pipeline p = pipeline(input("eeg", 1) + input("gsr", 1), "eeg, gsr", 1.0);
        // twenty seconds of frames
        await().atMost(Duration.ofSeconds(20)).until(() -> seen(gsr.name).size() >= 4);
        int first = seen(eeg.name).size();
        await().atMost(Duration.ofSeconds(90)).until(() -> seen(eeg.name).size() >= first + 80);
        for (TestSource s : List.of(eeg, gsr)) {
            // frames on their grid of the local clock, every window holding what was pushed, nothing skipped
            assertTrue(assertWindowsHoldWhatWasPushed(s, 1.0) >= 60, s.name);
            assertNoSampleSkipped(s.name);
        }
        for (StreamHealth h : p.health()) {
            assertEquals(0, h.clockResets(), h.name());
            assertEquals(0, h.gaps(), h.name());
            assertEquals(0, h.droppedSamples(), h.name());
        }
        // the drift is not corrected: over the run the stamps stages see run 100 ppm ahead of the samples' time
        List<ProbeStage.Seen> frames = seen(eeg.name).stream().filter(f -> f.stamps().length > 0).toList();
        ProbeStage.Seen a = frames.get(0);
        ProbeStage.Seen b = frames.get(frames.size() - 1);
        double sampled = (b.firstChannel()[b.stamps().length - 1] - a.firstChannel()[0]) / 128.0;
        double stamped = b.stamps()[b.stamps().length - 1] - a.stamps()[0];
        double ppm = (stamped / sampled - 1) * 1e6;
        assertEquals(100, ppm, 20, "drift of the stamps against the samples' time over " + sampled + " s");
        System.out.printf("100 ppm drift: over %.1f s of samples the stamps moved %.2f ms ahead (%.1f ppm); %d EEG "
                        + "frames on the grid, 0 clock resets, 0 gaps, 0 dropped, late %d, missing frames %d%n",
                sampled, (stamped - sampled) * 1e3, ppm, seen(eeg.name).size(), p.health().get(0).lateSamples(),
                p.health().get(0).missingFrames());
    }

    @Test
    void silentStreamIsMarkedMissingAfterItsTimeoutAndRecovers() {
        TestSource eeg = source("eeg", "EEG", 2, 128);
        TestSource gsr = source("gsr", "GSR", 1, 32);
        Pipeline p = pipeline(input("eeg", 0.5) + input("gsr", 0.5), "eeg, gsr", 0.5);
        await().atMost(Duration.ofSeconds(20)).until(() -> seen(gsr.name).size() >= 4);
        gsr.pause(true);
        double pausedAt = Lsl.localClock();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen(gsr.name).stream()
                .filter(ProbeStage.Seen::missing).count() >= 4);
        // frames keep coming while the stream is silent, for the other stream too
        await().atMost(Duration.ofSeconds(10)).until(() -> seen(eeg.name).stream()
                .anyMatch(f -> f.time() > pausedAt + 1.0 && !f.missing()));
        gsr.pause(false);
        double resumedAt = Lsl.localClock();
        await().atMost(Duration.ofSeconds(15)).until(() -> seen(gsr.name).stream()
                .anyMatch(f -> f.time() > resumedAt + 0.5 && !f.missing()));
        for (ProbeStage.Seen f : seen(gsr.name)) {
            if (f.missing()) {
                assertEquals(0, f.stamps().length, "a missing stream's window is empty, never zero-filled");
            }
        }
        assertTrue(p.health().get(1).missingFrames() >= 4);
    }

    @Test
    void aStreamThatFloodsAtTenTimesItsRateIsTakenWholeAndStarvesNoOtherStream() {
        TestSource eeg = source("eeg", "EEG", 2, 128);
        // declares 32 Hz, pushes (and stamps) 320 samples a second
        TestSource gsr = new TestSource("gsr-" + session, "GSR", "src-gsr-" + session, 1, 32, 320);
        open.add(gsr);
        Pipeline p = pipeline(input("eeg", 0.5) + input("gsr", 0.5), "eeg, gsr", 0.5);
        await().atMost(Duration.ofSeconds(20)).until(() -> seen(gsr.name).size() >= 8);
        int framesBefore = seen(eeg.name).size();
        double t1 = Lsl.localClock();
        long g1 = p.health().get(1).samples();
        await().atMost(Duration.ofSeconds(30)).until(() -> Lsl.localClock() >= t1 + 5);
        long g2 = p.health().get(1).samples();
        double t2 = Lsl.localClock();
        // every pushed sample is taken in: the count grows at the real rate, ten times the declared one
        double ingested = (g2 - g1) / (t2 - t1);
        assertTrue(ingested > 5 * 32, "GSR samples taken in per second: " + ingested);
        // the other stream's frames go on, none missing, and nothing of it is dropped or late
        await().atMost(Duration.ofSeconds(10)).until(() -> seen(eeg.name).size() >= framesBefore + 16);
        assertTrue(seen(eeg.name).stream().skip(framesBefore).noneMatch(ProbeStage.Seen::missing));
        assertEquals(0, p.health().get(0).droppedSamples());
        assertFalse(p.health().get(1).lost());
        System.out.printf("flood: GSR declared 32 Hz, taken in at %.0f/s, dropped %d, effective rate %.0f Hz%n",
                ingested, p.health().get(1).droppedSamples(), p.health().get(1).effectiveRate());
    }

    @Test
    void stampsJumpingBackTenSecondsAreAClockResetAndFramesStayMonotonic() {
        TestSource eeg = source("eeg", "EEG", 2, 128);
        TestSource gsr = source("gsr", "GSR", 1, 32);
        Pipeline p = pipeline(input("eeg", 0.5) + input("gsr", 0.5), "eeg, gsr", 0.5);
        await().atMost(Duration.ofSeconds(20)).until(() -> seen(gsr.name).size() >= 4);
        gsr.shiftStamps(-10.0);
        await().atMost(Duration.ofSeconds(10)).until(() -> p.health().get(1).clockResets() >= 1);
        int before = seen(eeg.name).size();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen(eeg.name).size() >= before + 8);
        double last = Double.NEGATIVE_INFINITY;
        for (ProbeStage.Seen f : seen(eeg.name)) {
            assertTrue(f.time() > last);
            last = f.time();
        }
        assertTrue(log.stream().anyMatch(l -> l.contains("clock reset") || l.contains("stamps went back")), log.toString());
    }

    @Test
    void nonFiniteBurstsArriveAsMissingValuesAndCrashNothing() {
        TestSource eeg = source("eeg", "EEG", 2, 128);
        Pipeline p = pipeline(input("eeg", 0.5), "eeg", 0.5);
        await().atMost(Duration.ofSeconds(20)).until(() -> seen(eeg.name).size() >= 4);
        eeg.burstNonFinite(50);
        await().atMost(Duration.ofSeconds(10)).until(() -> p.health().get(0).nonFinite() >= 50);
        await().atMost(Duration.ofSeconds(10)).until(() -> seen(eeg.name).stream().anyMatch(f -> {
            for (double v : f.firstChannel()) {
                if (Double.isNaN(v)) {
                    return true;
                }
            }
            return false;
        }));
        for (ProbeStage.Seen f : seen(eeg.name)) {
            for (double v : f.firstChannel()) {
                assertFalse(Double.isInfinite(v), "infinities arrive as NaN");
            }
        }
        int before = seen(eeg.name).size();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen(eeg.name).size() >= before + 4);
    }

    @Test
    void streamRestartedWithAnotherShapeIsReportedWhileOthersRun() {
        TestSource eeg = source("eeg", "EEG", 2, 128);
        TestSource gsr = source("gsr", "GSR", 1, 32);
        Pipeline p = pipeline(input("eeg", 0.5) + input("gsr", 0.5), "eeg, gsr", 0.5);
        await().atMost(Duration.ofSeconds(20)).until(() -> seen(gsr.name).size() >= 4);
        restart(gsr, "src-gsr-" + session, 3, 32);
        await().atMost(Duration.ofSeconds(30)).until(() -> !p.health().get(1).error().isEmpty());
        String error = p.health().get(1).error();
        assertTrue(error.contains(gsr.name) && error.contains("3 channels") && error.contains("1 channels"), error);
        int before = seen(eeg.name).size();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen(eeg.name).size() >= before + 8);
        assertTrue(seen(eeg.name).stream().skip(before).noneMatch(ProbeStage.Seen::missing));
    }

    /**
     * Closes {@code s} and opens a stream of the same name and type in its place, under {@code sourceId}, with
     * {@code channels} channels at {@code rate}; returns when (local clock) the old one was closed.
     */
    private double restart(TestSource s, String sourceId, int channels, double rate) {
        s.close();
        open.remove(s);
        double closedAt = Lsl.localClock();
        open.add(new TestSource(s.name, "GSR", sourceId, channels, rate));
        return closedAt;
    }

    /**
     * Once a restarted stream was reported: {@code other} gives 8 more frames, none missing; {@code restarted} is
     * missing in 8 more, and none of its frames ever held a sample stamped after {@code restartedAt}.
     */
    private static void assertOthersRunAndTheRestartedStreamStaysOut(String other, String restarted,
                                                                      double restartedAt) {
        int before = seen(other).size();
        int restartedBefore = seen(restarted).size();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen(other).size() >= before + 8
                && seen(restarted).size() >= restartedBefore + 8);
        assertTrue(seen(other).stream().skip(before).noneMatch(ProbeStage.Seen::missing));
        assertTrue(seen(restarted).stream().skip(restartedBefore).allMatch(ProbeStage.Seen::missing));
        assertTrue(seen(restarted).stream().allMatch(f -> f.stamps().length == 0
                || f.stamps()[f.stamps().length - 1] <= restartedAt), "a sample of the restarted stream reached a frame");
    }

    @Test
    void aStreamRestartedUnderANewSourceIdIsReportedAndNotTakenWhileOthersRun() {
        TestSource eeg = source("eeg", "EEG", 2, 128);
        TestSource gsr = source("gsr", "GSR", 1, 32);
        // the GSR input asks for its stream by name, which the restarted stream answers to as well
        String byName = "  gsr: {query: \"name='" + gsr.name + "'\", timeout: 0.5}\n";
        Pipeline p = pipeline(input("eeg", 0.5) + byName, "eeg, gsr", 0.5);
        await().atMost(Duration.ofSeconds(20)).until(() -> seen(gsr.name).size() >= 4);
        double restartedAt = restart(gsr, "src-gsr-renewed-" + session, 1, 32);
        // the stream is lost after 2 s; from then on the query is looked up every 2 s (look-ups of a just
        // started outlet can go unanswered for many seconds on a busy machine)
        await().atMost(Duration.ofSeconds(60)).until(() -> !p.health().get(1).error().isEmpty());
        double reportedAfter = Lsl.localClock() - restartedAt;
        String error = p.health().get(1).error();
        assertTrue(error.contains(gsr.name) && error.contains("src-gsr-" + session)
                && error.contains("src-gsr-renewed-" + session), error);
        assertTrue(p.health().get(1).lost());
        // the other input goes on; the renewed stream is not taken
        assertOthersRunAndTheRestartedStreamStaysOut(eeg.name, gsr.name, restartedAt);
        assertEquals(1, log.stream().filter(l -> l.contains("src-gsr-renewed-" + session)).count(), log.toString());
        System.out.printf("new source id: reported %.1f s after the restart, GSR missing in %d frames: %s%n",
                reportedAfter, p.health().get(1).missingFrames(), error);
    }

    @Test
    void aStreamRestartedAtAnotherRateIsReportedAndRefusedWhileOthersRun() {
        TestSource eeg = source("eeg", "EEG", 2, 128);
        TestSource gsr = source("gsr", "GSR", 1, 32);
        Pipeline p = pipeline(input("eeg", 0.5) + input("gsr", 0.5), "eeg, gsr", 0.5);
        await().atMost(Duration.ofSeconds(20)).until(() -> seen(gsr.name).size() >= 4);
        // same name and source id: liblsl reconnects the inlet to it, whatever its rate
        double restartedAt = restart(gsr, "src-gsr-" + session, 1, 64);
        await().atMost(Duration.ofSeconds(30)).until(() -> !p.health().get(1).error().isEmpty());
        double reportedAfter = Lsl.localClock() - restartedAt;
        String error = p.health().get(1).error();
        assertTrue(error.contains(gsr.name) && error.contains("64.0 Hz") && error.contains("32.0 Hz"), error);
        // the other input goes on; not one sample of the 64 Hz stream reaches a window laid out for 32 Hz
        assertOthersRunAndTheRestartedStreamStaysOut(eeg.name, gsr.name, restartedAt);
        assertEquals(1, log.stream().filter(l -> l.contains("came back at 64.0 Hz")).count(), log.toString());
        assertEquals(error, p.health().get(1).error(), "the error stays while the stream is refused");
        System.out.printf("rate change: reported %.1f s after the restart, %d clock reset(s), GSR missing in %d frames:"
                + " %s%n", reportedAfter, p.health().get(1).clockResets(), p.health().get(1).missingFrames(), error);
    }

    @Test
    void aStageSlowerThanTheHopIsCountedAndHoldsEveryFrameBackUntilItKeepsUpAgain() {
        TestSource eeg = source("eeg", "EEG", 2, 128);
        TestSource gsr = source("gsr", "GSR", 1, 32);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SlowStage.slow = true; // each frame takes it until the local clock has moved two hops on
        String yaml = "pipeline: {hop: 0.25, resolve_seconds: 5, ring_size: 256}\n"
                + "inputs:\n" + input("eeg", 0.5) + input("gsr", 0.5)
                + "stages:\n  - {name: probe, kind: test_probe, inputs: \"eeg, gsr\", window: 0.5}\n"
                + "  - {name: slow, kind: test_slow, hops: 2}\n"
                + "outputs:\n  features: {name: frisson.features.test-" + session + ", source_id: f-" + session + "}\n"
                + "  health: {name: frisson.health.test-" + session + ", source_id: h-" + session + "}\n";
        Pipeline p = Pipeline.start(PipelineConfig.parse(Path.of("test.yaml"), yaml), meters, log::add);
        open.add(p);
        Counter overruns = meters.get("frisson.frames.overrun").counter();
        // every frame is an overrun, counted
        await().atMost(Duration.ofSeconds(60)).until(() -> overruns.count() >= 8);
        // what backs up: the ring fills (its readers wait for room, liblsl holds their samples), frames fall behind
        await().atMost(Duration.ofSeconds(60)).until(() -> meters.get("frisson.ring.free").gauge().value() <= 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> newestFrame(eeg.name) < Lsl.localClock() - 2.0);
        // what is counted: the streams' data comes too late for frames that were due, which go out with them
        // missing; their samples then arrive after their frames
        await().atMost(Duration.ofSeconds(60)).until(() -> p.health().stream()
                .allMatch(h -> h.missingFrames() > 0 && h.lateSamples() > 0));
        long slowFrames = SlowStage.FRAMES.get();
        double behind = Lsl.localClock() - newestFrame(eeg.name);
        SlowStage.slow = false;
        double fastAt = Lsl.localClock();
        // it keeps up again: frames catch up with the streams and hold their data
        await().atMost(Duration.ofSeconds(30)).until(() -> newestFrame(eeg.name) > Lsl.localClock() - 1.0
                && seen(eeg.name).stream().anyMatch(f -> f.time() > fastAt && !f.missing())
                && seen(gsr.name).stream().anyMatch(f -> f.time() > fastAt && !f.missing()));
        // nothing dropped on the way: no gap in any stream, nothing overwritten before a frame covered it
        for (StreamHealth h : p.health()) {
            assertEquals(0, h.gaps(), h.name());
            assertEquals(0, h.droppedSamples(), h.name());
            assertFalse(h.lost(), h.name());
        }
        assertEquals(0.0, meters.get("frisson.samples.dropped").counter().count());
        List<String> said = log.stream().filter(l -> l.contains("longer than the 0.250 s hop")).toList();
        assertEquals(1, said.size(), log.toString());
        assertTrue(said.get(0).contains("stage 'slow'") && said.get(0).contains("frisson.frames.overrun"), said.get(0));
        StreamHealth h0 = p.health().get(0);
        StreamHealth h1 = p.health().get(1);
        System.out.printf("slow stage: %d frames at two hops each, %.0f overruns, frames %.1f s behind; EEG missing in %d"
                        + " frames, %d samples late; GSR missing in %d frames, %d samples late; 0 gaps, 0 dropped%n",
                slowFrames, overruns.count(), behind, h0.missingFrames(), h0.lateSamples(), h1.missingFrames(),
                h1.lateSamples());
    }

    /** Time of the newest frame the probe saw for {@code stream}, minus infinity before the first. */
    private static double newestFrame(String stream) {
        List<ProbeStage.Seen> frames = seen(stream);
        return frames.isEmpty() ? Double.NEGATIVE_INFINITY : frames.get(frames.size() - 1).time();
    }

    @Test
    void aStageAnInputListenerAndAnOutputListenerThatThrowAreSwitchedOffAndTheSessionGoesOn() {
        TestSource eeg = source("eeg", "EEG", 2, 128);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FailingOutputs failingOutputs = new FailingOutputs();
        RecordedOutputs recorded = new RecordedOutputs();
        ChunkListener failingInputs = new ChunkListener() {
            @Override
            public void start(List<org.frisson.lsl.StreamInfo> inputs) {
            }

            @Override
            public void chunk(int stream, int samples, double[] stamps, double[] values, String[] texts, double off) {
                throw new IllegalStateException("planted input listener failure");
            }

            @Override
            public void end() {
            }
        };
        String yaml = "pipeline: {hop: 0.25, resolve_seconds: 5, health_period: 0.5}\n"
                + "inputs:\n" + input("eeg", 1)
                + "stages:\n  - {name: probe, kind: test_probe, inputs: \"eeg\", window: 0.5}\n"
                + "  - {name: thrower, kind: test_throw, from_frame: 4}\n"
                + "outputs:\n  features: {name: frisson.features.test-" + session + ", source_id: f-" + session + "}\n"
                + "  health: {name: frisson.health.test-" + session + ", source_id: h-" + session + "}\n";
        Pipeline p = Pipeline.start(PipelineConfig.parse(Path.of("test.yaml"), yaml), meters, log::add,
                new Pipeline.Taps(List.of(failingInputs), List.of(failingOutputs, recorded)));
        open.add(p);
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded.failedFlag() == 1.0 && recorded.samplesAfterFailure() >= 8);

        // one line each, naming who failed, where, and the exception
        List<String> lines = List.copyOf(log);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("stage 'thrower' failed on frame 4")
                && l.contains("switched off") && l.contains("planted failure on frame 4")).count(), lines.toString());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("output listener 'FailingOutputs' failed")
                && l.contains("planted output listener failure")).count(), lines.toString());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("input listener '")
                && l.contains("planted input listener failure")).count(), lines.toString());
        assertEquals(1.0, meters.get("frisson.stage.failures").tag("stage", "thrower").counter().count());
        assertEquals(1.0, meters.get("frisson.listener.failures").tag("kind", "output").tag("listener", "FailingOutputs").counter().count());
        assertEquals(1.0, meters.get("frisson.listener.failures").tag("kind", "input").counter().count());
        assertEquals(1, failingOutputs.calls.get(), "a listener switched off is not called again");
        // what was switched off, as whoever shows the session reads it: the same three lines
        List<String> off = p.switchedOff();
        assertEquals(3, off.size(), off.toString());
        assertTrue(off.get(0).startsWith("stage 'thrower' failed on frame 4"), off.toString());
        assertTrue(off.get(1).startsWith("input listener '"), off.toString());
        assertTrue(off.get(2).startsWith("output listener 'FailingOutputs'"), off.toString());
        // the thrower's channel: 1 before its first failure, NaN from that frame on; the probe never stops
        assertTrue(recorded.throwerBefore >= 3, "frames before the failure: " + recorded.throwerBefore);
        assertEquals(0, recorded.throwerNonNaNAfter, "the failing stage's channel stays NaN");
        int before = seen(eeg.name).size();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen(eeg.name).size() >= before + 8);
        assertFalse(p.health().get(0).lost());
    }

    /** Throws on its first sample. */
    private static final class FailingOutputs implements OutputListener {
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void start(List<org.frisson.lsl.StreamInfo> outputs) {
        }

        @Override
        public void sample(int output, double stamp, double[] values) {
            calls.incrementAndGet();
            throw new IllegalStateException("planted output listener failure");
        }

        @Override
        public void end() {
        }
    }

    /** Follows the thrower's channel on the features output and its flag on the health output. */
    private static final class RecordedOutputs implements OutputListener {
        private int features = -1;
        private int health = -1;
        private int throwerChannel = -1;
        private int failedChannel = -1;
        volatile double failed = Double.NaN;
        volatile int throwerBefore;
        volatile int throwerNonNaNAfter;
        volatile int after;
        private boolean seenNaN;

        @Override
        public void start(List<org.frisson.lsl.StreamInfo> outputs) {
            for (int k = 0; k < outputs.size(); k++) {
                List<String> labels = outputs.get(k).channelLabels();
                if (labels.contains("thrower.value")) {
                    features = k;
                    throwerChannel = labels.indexOf("thrower.value");
                }
                if (labels.contains("thrower.failed")) {
                    health = k;
                    failedChannel = labels.indexOf("thrower.failed");
                }
            }
        }

        @Override
        public void sample(int output, double stamp, double[] values) {
            if (output == health) {
                failed = values[failedChannel];
            } else if (output == features) {
                double v = values[throwerChannel];
                if (v == v && !seenNaN) {
                    throwerBefore++;
                } else {
                    seenNaN = true;
                    after++;
                    if (v == v) {
                        throwerNonNaNAfter++;
                    }
                }
            }
        }

        double failedFlag() {
            return failed;
        }

        int samplesAfterFailure() {
            return after;
        }

        @Override
        public void end() {
        }
    }
}
