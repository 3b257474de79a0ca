package org.frisson.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.frisson.stage.Frame;
import org.frisson.stage.InputRef;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Stage;
import org.frisson.stage.StageContext;
import org.frisson.stage.StreamWindow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The aligner on its own: hand-made chunks and an injected clock, no LSL, no threads, no sleeps. Frames
 * sit on a 0.25 s grid; stamps are multiples of 1/128 s and 1/32 s, so every comparison is exact.
 */
class AlignerTest {

    private static final double HOP = 0.25;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PipelineMetrics metrics = new PipelineMetrics(meters);
    private final List<Aligner.Input> inputs = new ArrayList<>();
    private final List<WindowView> views = new ArrayList<>();
    private final List<InputRef> refs = new ArrayList<>();
    private final List<Aligner.StageRun> stages = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final Recorder recorder = new Recorder();
    private final ChunkEvent event = new ChunkEvent(4096, 64);
    private double now;
    private Aligner aligner;

    /**
     * What one frame held, per input in order: whether missing, the window's size and newest stamp, the stamps
     * of the new samples and whether the stream restarted.
     */
    record Seen(long index, double time, boolean[] missing, int[] sizes, double[] newest, double[][] fresh,
                boolean[] restarted) {
    }

    /** A stage that writes down every frame it is given. */
    private final class Recorder implements Stage {
        final List<Seen> frames = new ArrayList<>();

        @Override
        public String kind() {
            return "recorder";
        }

        @Override
        public String description() {
            return "records what every frame held";
        }

        @Override
        public List<Parameter<?>> parameters() {
            return List.of();
        }

        @Override
        public void configure(StageContext context) {
        }

        @Override
        public void process(Frame frame) {
            boolean[] missing = new boolean[refs.size()];
            int[] sizes = new int[refs.size()];
            double[] newest = new double[refs.size()];
            double[][] fresh = new double[refs.size()][];
            boolean[] restarted = new boolean[refs.size()];
            for (int k = 0; k < refs.size(); k++) {
                StreamWindow w = frame.window(refs.get(k));
                missing[k] = frame.missing(refs.get(k));
                sizes[k] = w.size();
                newest[k] = w.size() == 0 ? Double.NaN : w.stamp(w.size() - 1);
                StreamWindow n = frame.newSamples(refs.get(k));
                fresh[k] = new double[n.size()];
                for (int i = 0; i < n.size(); i++) {
                    fresh[k][i] = n.stamp(i);
                }
                restarted[k] = frame.restarted(refs.get(k));
            }
            frames.add(new Seen(frame.index(), frame.time(), missing, sizes, newest, fresh, restarted));
        }
    }

    private int input(String name, double rate, int channels, boolean required, double timeout, double window) {
        StreamHealth h = new StreamHealth(name, name, rate, channels);
        boolean text = rate == 0;
        StreamBuffer buffer = new StreamBuffer(channels, rate > 0 ? (int) (rate * 8) : 64, text);
        int index = inputs.size();
        inputs.add(new Aligner.Input(buffer, h, required && rate > 0, timeout, rate, metrics.samplesIn(h)));
        views.add(new WindowView(index, window, buffer));
        refs.add(new InputRef(index, name, name, rate, List.of("ch0"), List.of(""), text));
        return index;
    }

    private void start(Aligner.StageRun... extra) {
        stages.addAll(Arrays.asList(extra));
        stages.add(run("recorder", recorder, List.of()));
        aligner = new Aligner(inputs, views, stages, new OutputLayout(), new OutputListeners(List.of()), metrics, HOP, 1.0,
                () -> now, () -> Double.NaN, log::add);
    }

    private Aligner.StageRun run(String name, Stage stage, List<OutputSlot> slots) {
        return new Aligner.StageRun(name, stage, metrics.stageTime(name), slots, metrics.stageFailures(name));
    }

    private void tick(double at) {
        now = at;
        event.stream = ChunkEvent.TICK;
        event.samples = 0;
        event.arrival = at;
        aligner.onEvent(event, 0, true);
    }

    /** Samples {@code from} to {@code to} (indices on the stream's own grid, inclusive), arriving at {@code at}. */
    private void feed(int stream, long from, long to, double at) {
        now = at;
        double rate = inputs.get(stream).rate;
        event.stream = stream;
        event.samples = (int) (to - from + 1);
        for (int i = 0; i < event.samples; i++) {
            event.stamps[i] = (from + i) / rate;
            event.values[i] = from + i;
        }
        event.arrival = at;
        aligner.onEvent(event, 0, true);
    }

    private void marker(int stream, double stamp, String text, double at) {
        now = at;
        event.stream = stream;
        event.samples = 1;
        event.stamps[0] = stamp;
        event.texts[0] = text;
        event.arrival = at;
        aligner.onEvent(event, 0, true);
    }

    private StreamHealth health(int stream) {
        return inputs.get(stream).health;
    }

    @Test
    void aFrameIsEmittedOnceEveryRegularStreamHasDeliveredUpToItsTime() {
        int eeg = input("eeg", 128, 1, true, 1.0, 1.0);
        int gsr = input("gsr", 32, 1, true, 1.0, 1.0);
        start();
        tick(100.0); // the first frame goes on the grid at or after the first event: 100.0
        feed(eeg, 128 * 99 + 1, 128 * 100, 100.0);
        assertEquals(0, recorder.frames.size(), "gsr has delivered nothing yet");
        feed(gsr, 32 * 99 + 1, 32 * 100 - 1, 100.0);
        assertEquals(0, recorder.frames.size(), "gsr's newest stamp is 1/32 s short: its watermark (0.9 period) is too");
        feed(gsr, 32 * 100, 32 * 100, 100.0);
        assertEquals(1, recorder.frames.size());
        Seen f = recorder.frames.get(0);
        assertEquals(0, f.index());
        assertEquals(100.0, f.time());
        assertFalse(f.missing()[eeg] || f.missing()[gsr]);
        assertEquals(128, f.sizes()[eeg], "(99, 100] holds 128 samples at 128 Hz");
        assertEquals(32, f.sizes()[gsr]);
        assertEquals(100.0, f.newest()[eeg]);
    }

    @Test
    void aSilentRequiredStreamHoldsFramesForItsTimeoutThenFramesGoOnWithItMissing() {
        int eeg = input("eeg", 128, 1, true, 1.0, 1.0);
        int gsr = input("gsr", 32, 1, true, 1.0, 1.0);
        start();
        tick(100.0);
        feed(eeg, 128 * 99 + 1, 128 * 100, 100.0);
        feed(gsr, 32 * 99 + 1, 32 * 100, 100.0);
        assertEquals(1, recorder.frames.size());
        feed(eeg, 128 * 100 + 1, 128 * 100 + 64, 100.5); // gsr goes silent
        assertEquals(1, recorder.frames.size(), "frame 100.25 waits: 0.25 s is within gsr's 1 s timeout");
        feed(eeg, 128 * 100 + 65, 128 * 101 + 38, 101.3);
        assertEquals(2, recorder.frames.size(), "100.25 is now 1.05 s old (emitted); 100.5 is 0.8 s old (waits)");
        Seen late = recorder.frames.get(1);
        assertEquals(100.25, late.time());
        assertTrue(late.missing()[gsr]);
        assertEquals(0, late.sizes()[gsr], "a missing stream's window is empty, never zero-filled");
        assertFalse(late.missing()[eeg]);
        assertEquals(128, late.sizes()[eeg]);
        assertEquals(1, health(gsr).missingFrames());

        feed(gsr, 32 * 100 + 1, 32 * 101 + 9, 101.3); // gsr comes back with everything it held
        assertEquals(List.of(100.0, 100.25, 100.5, 100.75, 101.0, 101.25),
                recorder.frames.stream().map(Seen::time).toList());
        assertTrue(recorder.frames.stream().skip(2).noneMatch(s -> s.missing()[gsr]));
        assertEquals(8, health(gsr).lateSamples(), "gsr's samples in (100, 100.25] came after their frame");
        assertEquals(1, health(gsr).missingFrames());
    }

    @Test
    void anOptionalStreamHoldsAFrameForAtMostItsGrace() {
        int eeg = input("eeg", 128, 1, true, 1.0, 1.0);
        int slider = input("slider", 32, 1, false, 5.0, 1.0);
        start();
        tick(100.0);
        feed(eeg, 128 * 99 + 1, 128 * 100, 100.0);
        tick(100.0 + Aligner.OPTIONAL_GRACE_SECONDS / 2);
        assertEquals(0, recorder.frames.size(), "within the grace, an optional stream is waited for");
        tick(100.0 + Aligner.OPTIONAL_GRACE_SECONDS * 1.5);
        assertEquals(1, recorder.frames.size(), "past the grace (not its 5 s timeout), the frame goes");
        assertTrue(recorder.frames.get(0).missing()[slider]);
        assertEquals(0, health(slider).missingFrames(), "only required streams count missing frames");
    }

    @Test
    void markersNeverHoldAFrameAndThoseThatComeAfterTheirFrameAreCounted() {
        int eeg = input("eeg", 128, 1, true, 1.0, 1.0);
        int markers = input("markers", 0, 1, false, 1.0, HOP);
        start();
        tick(100.0);
        feed(eeg, 128 * 99 + 1, 128 * 100, 100.0);
        assertEquals(1, recorder.frames.size(), "no marker yet, and the frame did not wait");
        assertFalse(recorder.frames.get(0).missing()[markers], "a quiet marker stream is not missing");
        marker(markers, 100.125, "section_b", 100.2);
        feed(eeg, 128 * 100 + 1, 128 * 100 + 32, 100.25);
        Seen f = recorder.frames.get(1);
        assertEquals(100.25, f.time());
        assertEquals(1, f.sizes()[markers]);
        assertEquals(100.125, f.newest()[markers]);
        assertEquals(0, health(markers).lateSamples());
        marker(markers, 100.2, "came_late", 100.3); // its frame, 100.25, is out already
        assertEquals(1, health(markers).lateSamples());
    }

    @Test
    void stampsGoingBackAreAClockResetAndFramesStayOnTheirGrid() {
        int eeg = input("eeg", 128, 1, true, 0.5, 1.0);
        start();
        tick(100.0);
        feed(eeg, 128 * 99 + 1, 128 * 100, 100.0);
        feed(eeg, 128 * 90, 128 * 90 + 31, 100.25); // the source's clock jumped 10 s back
        assertEquals(1, health(eeg).clockResets());
        assertEquals(1, log.stream().filter(l -> l.contains("input 'eeg': stamps went back")).count(), log.toString());
        tick(101.1); // 100.25 and 100.5 are past the 0.5 s timeout, 100.75 is not
        List<Double> times = recorder.frames.stream().map(Seen::time).toList();
        assertEquals(List.of(100.0, 100.25, 100.5), times, "frames go on on the grid, never back");
        assertTrue(recorder.frames.stream().skip(1).allMatch(s -> s.missing()[eeg]),
                "after the reset the stream has not delivered up to the frames' times");
    }

    /** Stamps of samples {@code from} to {@code to} on a stream's grid. */
    private static double[] grid(double rate, long from, long to) {
        double[] out = new double[(int) (to - from + 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (from + i) / rate;
        }
        return out;
    }

    /** Every frame's new samples of {@code stream}, one after the other. */
    private double[] offered(int stream) {
        return recorder.frames.stream().flatMapToDouble(s -> Arrays.stream(s.fresh()[stream])).toArray();
    }

    @Test
    void newSamplesOfferEverySampleOnceAcrossOverlappingWindows() {
        int eeg = input("eeg", 128, 1, true, 1.0, 5.0);
        start();
        tick(100.0);
        feed(eeg, 128 * 99 + 1, 128 * 100, 100.0);
        feed(eeg, 128 * 100 + 1, 128 * 100 + 20, 100.2); // 100.25 not delivered yet
        feed(eeg, 128 * 100 + 21, 128 * 101, 101.0);
        assertEquals(List.of(100.0, 100.25, 100.5, 100.75, 101.0), recorder.frames.stream().map(Seen::time).toList());
        assertEquals(128, recorder.frames.get(0).fresh()[eeg].length, "the first frame offers its whole window");
        for (Seen f : recorder.frames.subList(1, 5)) {
            assertEquals(32, f.fresh()[eeg].length, "then a hop's worth at 128 Hz");
            assertEquals(f.time(), f.fresh()[eeg][31], "up to the frame's time");
            assertEquals(128 + 32 * f.index(), f.sizes()[eeg], "while the window holds everything so far");
            assertFalse(f.restarted()[eeg]);
        }
        assertArrayEquals(grid(128, 128 * 99 + 1, 128 * 101), offered(eeg), "each sample once, in order");
    }

    @Test
    void aLateStreamsBacklogIsOfferedWholeWhenItComes() {
        int eeg = input("eeg", 128, 1, true, 1.0, 5.0);
        int gsr = input("gsr", 32, 1, true, 1.0, 5.0);
        start();
        tick(100.0);
        feed(eeg, 128 * 99 + 1, 128 * 100, 100.0);
        feed(gsr, 32 * 99 + 1, 32 * 100, 100.0);
        feed(eeg, 128 * 100 + 1, 128 * 101 + 38, 101.3); // gsr stalls: 100.25 goes out without it
        Seen without = recorder.frames.get(1);
        assertTrue(without.missing()[gsr]);
        assertEquals(0, without.fresh()[gsr].length, "a missing stream offers nothing");
        assertFalse(without.restarted()[gsr]);

        feed(gsr, 32 * 100 + 1, 32 * 101 + 9, 101.3); // its samples come, those before 100.25 too
        Seen back = recorder.frames.get(2);
        assertEquals(100.5, back.time());
        assertEquals(16, back.fresh()[gsr].length, "(100, 100.5]: what the missing frame would have had, and more");
        assertEquals(100 + 1 / 32.0, back.fresh()[gsr][0]);
        assertArrayEquals(grid(32, 32 * 99 + 1, 32 * 101 + 8), offered(gsr), "nothing lost, nothing twice");
        assertArrayEquals(grid(128, 128 * 99 + 1, 128 * 101 + 32), offered(eeg));
    }

    @Test
    void afterAClockResetTheStreamRestartsAndItsWholeNewHistoryIsOffered() {
        int eeg = input("eeg", 128, 1, true, 0.5, 5.0);
        start();
        tick(100.0);
        feed(eeg, 128 * 99 + 1, 128 * 100, 100.0);
        feed(eeg, 128 * 100 + 1, 128 * 100 + 32, 100.25);
        // the source's clock went back 1/8 s: its stamps overlap what was offered, and run on past it
        feed(eeg, 128 * 100 + 17, 128 * 100 + 64, 100.5);
        assertEquals(1, health(eeg).clockResets());
        Seen reset = recorder.frames.get(2);
        assertEquals(100.5, reset.time());
        assertTrue(reset.restarted()[eeg], "processors must start over");
        assertArrayEquals(grid(128, 128 * 100 + 17, 128 * 100 + 64), reset.fresh()[eeg],
                "everything since the reset, also the stamps offered before it");
        feed(eeg, 128 * 100 + 65, 128 * 100 + 96, 100.75);
        Seen next = recorder.frames.get(3);
        assertFalse(next.restarted()[eeg], "a restart is said once");
        assertArrayEquals(grid(128, 128 * 100 + 65, 128 * 100 + 96), next.fresh()[eeg]);
        assertFalse(recorder.frames.get(0).restarted()[eeg] || recorder.frames.get(1).restarted()[eeg]);
    }

    @Test
    void aResetWhileTheStreamIsMissingIsSaidAtItsFirstFrameBack() {
        int eeg = input("eeg", 128, 1, true, 0.5, 5.0);
        start();
        tick(100.0);
        feed(eeg, 128 * 99 + 1, 128 * 100, 100.0);
        feed(eeg, 128 * 90, 128 * 90 + 31, 100.25); // 10 s back: frames after it go out without the stream
        tick(101.1);
        assertEquals(List.of(100.0, 100.25, 100.5), recorder.frames.stream().map(Seen::time).toList());
        assertTrue(recorder.frames.stream().skip(1).noneMatch(s -> s.restarted()[eeg] || s.fresh()[eeg].length > 0));
        // the stream catches up with the frames' clock on its new time base
        feed(eeg, 128 * 90 + 32, 128 * 100 + 96, 101.1);
        Seen back = recorder.frames.get(3);
        assertEquals(100.75, back.time());
        assertFalse(back.missing()[eeg]);
        assertTrue(back.restarted()[eeg]);
        assertEquals(95.75 + 1 / 128.0, back.fresh()[eeg][0], "the whole window of the new history");
        assertEquals(100.75, back.fresh()[eeg][back.fresh()[eeg].length - 1]);
    }

    @Test
    void aStageThatThrowsIsSwitchedOffItsChannelsClearedAndTheOthersGoOn() {
        int eeg = input("eeg", 128, 1, true, 1.0, 1.0);
        double[] out = new double[2];
        OutputSlot slot = new OutputSlot("features", 2);
        slot.bind(out, 0);
        int[] calls = {0};
        Stage failing = new Stage() {
            @Override
            public String kind() {
                return "failing";
            }

            @Override
            public String description() {
                return "throws on frame 1";
            }

            @Override
            public List<Parameter<?>> parameters() {
                return List.of();
            }

            @Override
            public void configure(StageContext context) {
            }

            @Override
            public void process(Frame frame) {
                calls[0]++;
                slot.set(0, 1.0);
                slot.set(1, 2.0);
                if (frame.index() == 1) {
                    throw new IllegalArgumentException("bad frame");
                }
            }
        };
        start(run("failing", failing, List.of(slot)));
        tick(100.0);
        feed(eeg, 128 * 99 + 1, 128 * 100, 100.0);
        assertEquals(1.0, out[0]);
        feed(eeg, 128 * 100 + 1, 128 * 100 + 32, 100.25);
        assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]), "what it wrote before throwing is cleared");
        feed(eeg, 128 * 100 + 33, 128 * 101, 101.0);
        assertEquals(2, calls[0], "switched off after its first failure");
        assertEquals(5, recorder.frames.size(), "the stage after it ran on every frame");
        assertEquals(1.0, meters.get("frisson.stage.failures").tag("stage", "failing").counter().count());
        assertTrue(stages.get(0).off);
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("stage 'failing' failed on frame 1 (t=100.250)") && log.get(0).contains("bad frame"),
                log.get(0));
    }
}
