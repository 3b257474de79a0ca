package org.frisson.stages;

import org.frisson.pipeline.OutputListener;
import org.frisson.pipeline.Pipeline;
import org.frisson.pipeline.PipelineConfig;
import org.frisson.sim.EegModel;
import org.frisson.sim.ListenerPlan;
import org.frisson.sim.MusicScore;
import org.frisson.sim.PulseModel;
import org.frisson.sim.SignalModel;
import org.frisson.sim.SkinConductanceModel;
import org.frisson.dsp.FeatureFrames;
import org.frisson.dsp.eda.EdaDecomposer;
import org.frisson.dsp.eeg.DifferentialEntropy;
import org.frisson.dsp.ppg.ElgendiPeakDetector;
import org.frisson.dsp.ppg.HeartRateTracker;
import org.frisson.lsl.StreamInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feature stages hand every sample to their processors exactly once, in order, across overlapping
 * frame windows: the pipeline's output at each frame equals the processor run directly over the whole
 * signal, read at the frame's newest sample (exact equality: same arithmetic on the same samples).
 */
class FeatureStagesTest {

    private static final double SECONDS = 40;
    private static final double T0 = 1000.0;

    private record Signal(String name, String type, double rate, int channels, double[] values, double[] stamps) {
    }

    private static Signal signal(String name, String type, double rate, SignalModel model) {
        int n = (int) (SECONDS * rate);
        double[] v = new double[n * model.channels()];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 + i / rate;
            model.sample(i / rate, v, i * model.channels());
            for (int c = 0; c < model.channels(); c++) { // as float32 on the wire
                v[i * model.channels() + c] = (float) v[i * model.channels() + c];
            }
        }
        return new Signal(name, type, rate, model.channels(), v, t);
    }

    @Test
    void stageOutputsEqualTheProcessorsRunOverTheWholeSignal() {
        MusicScore score = MusicScore.demoPiece();
        ListenerPlan plan = ListenerPlan.plan(score, 4);
        Signal eeg = signal("EEG", "EEG", 128, new EegModel(score, 4, 4));
        Signal gsr = signal("GSR", "GSR", 32, new SkinConductanceModel(plan, score.length(), 4));
        Signal ppg = signal("PPG", "PPG", 64, new PulseModel(score, plan, 4));
        List<Signal> signals = List.of(eeg, gsr, ppg);

        String yaml = """
                pipeline: {hop: 0.25}
                inputs:
                  eeg: {query: "type='EEG'"}
                  gsr: {query: "type='GSR'"}
                  ppg: {query: "type='PPG'"}
                stages:
                  - {name: de, kind: differential_entropy, input: eeg, window: 1.0}
                  - {name: eda, kind: eda, input: gsr}
                  - {name: hr, kind: heart_rate, input: ppg}
                outputs:
                  features: {name: frisson.features.stagetest}
                """;
        PipelineConfig cfg = PipelineConfig.parse(Path.of("stagetest.yaml"), yaml);
        List<StreamInfo> infos = new ArrayList<>();
        for (Signal s : signals) {
            StreamInfo.Builder b = StreamInfo.builder(s.name(), s.type()).channelCount(s.channels()).rate(s.rate());
            for (int c = 0; c < s.channels(); c++) {
                b.channel(s.channels() == 1 ? s.name() : EegModel.DEAP_CHANNELS.get(c), "", s.type());
            }
            infos.add(b.build());
        }
        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        OutputListener collect = new OutputListener() {
            @Override
            public void start(List<StreamInfo> outputs) {
                labels.addAll(outputs.get(0).channelLabels());
            }

            @Override
            public void sample(int output, double stamp, double[] values) {
                double[] r = new double[values.length + 1];
                r[0] = stamp;
                System.arraycopy(values, 0, r, 1, values.length);
                rows.add(r);
            }

            @Override
            public void end() {
            }
        };
        try (Pipeline p = Pipeline.offline(cfg, Map.of("eeg", List.of(infos.get(0)), "gsr", List.of(infos.get(1)),
                "ppg", List.of(infos.get(2))), List.of(collect), line -> { })) {
            feedInStampOrder(p, signals);
            p.finish();
        }
        assertTrue(rows.size() > 150, "frames: " + rows.size());

        // DE: the processor run over the whole EEG, the frame's value = its latest DE frame at that sample
        DifferentialEntropy de = DifferentialEntropy.builder(4, 128).windowSeconds(1.0).hopSeconds(0.25)
                .bands(DifferentialEntropyStage.DEFAULT_BANDS).channelNames(EegModel.DEAP_CHANNELS.subList(0, 4)).build();
        FeatureFrames deFrames = new FeatureFrames(de.width(), 1000);
        de.process(eeg.values(), 0, (int) (SECONDS * 128), deFrames);
        int deCol = labels.indexOf("EEG.Fp1/delta") + 1;
        // EDA: live decomposition over the whole GSR
        int ng = gsr.stamps().length;
        double[] tonic = new double[ng];
        double[] phasic = new double[ng];
        new EdaDecomposer(32).process(gsr.values(), 0, ng, tonic, phasic, 0);
        int tonicCol = labels.indexOf("GSR.tonic") + 1;
        // heart rate: peaks over the whole PPG, the tracker updated at the frame's sample count
        // (the live detector decides about a peak half a beat window after it: note when each was confirmed)
        int np = ppg.stamps().length;
        long[] peaks = new long[np];
        long[] confirmedAt = new long[np];
        int found = 0;
        ElgendiPeakDetector detector = ElgendiPeakDetector.live(64);
        long[] one = new long[4];
        for (int i = 0; i < np; i++) {
            int k = detector.process(ppg.values(), i, 1, one, 0);
            for (int j = 0; j < k; j++) {
                peaks[found] = one[j];
                confirmedAt[found++] = i + 1;
            }
        }
        int hrCol = labels.indexOf("PPG.heart_rate") + 1;

        int checked = 0;
        for (double[] r : rows) {
            double t = r[0];
            long eegCount = count(eeg.stamps(), t);
            double expectedDe = Double.NaN;
            for (int f = 0; f < deFrames.size(); f++) {
                if (deFrames.endSample(f) <= eegCount) {
                    expectedDe = deFrames.value(f, 0);
                }
            }
            assertEquals(expectedDe, r[deCol], 0.0, "DE at frame " + t);
            int g = (int) count(gsr.stamps(), t);
            if (g > 0) {
                assertEquals(tonic[g - 1], r[tonicCol], 0.0, "tonic at frame " + t);
                assertEquals(phasic[g - 1], r[tonicCol + 1], 0.0, "phasic at frame " + t);
            }
            long p = count(ppg.stamps(), t);
            HeartRateTracker tracker = new HeartRateTracker(64);
            for (int i = 0; i < found && confirmedAt[i] <= p; i++) {
                tracker.addBeat(peaks[i]);
            }
            tracker.update(p);
            assertEquals(tracker.heartRate(), r[hrCol], 1e-9, "heart rate at frame " + t);
            checked++;
        }
        assertTrue(checked > 150);
    }

    @Test
    void aStageBoundToAStreamOfTheWrongShapeIsRefusedNamingTheStageAndStream() {
        PipelineConfig cfg = PipelineConfig.parse(Path.of("stagetest.yaml"), """
                inputs: {gsr: {query: "type='GSR'"}}
                stages: [{name: skin, kind: eda, input: gsr}]
                outputs: {features: {name: frisson.features.shape}}
                """);
        try (StreamInfo twoChannels = StreamInfo.builder("Wrist", "GSR").channelCount(2).rate(32).build()) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(PipelineConfig.ConfigException.class,
                    () -> Pipeline.offline(cfg, Map.of("gsr", List.of(twoChannels)), List.of(), line -> { }));
            assertEquals("stagetest.yaml: stage 'skin': input 'gsr' (Wrist, 2 channels at 32.0 Hz) must be a regular"
                    + " 1-channel skin conductance stream", e.getMessage());
        }
    }

    private static long count(double[] stamps, double t) {
        long n = 0;
        while (n < stamps.length && stamps[(int) n] <= t) {
            n++;
        }
        return n;
    }

    private static void feedInStampOrder(Pipeline p, List<Signal> signals) {
        int[] next = new int[signals.size()];
        double[] st = new double[16];
        double[] vals = new double[16 * 8];
        while (true) {
            int pick = -1;
            for (int s = 0; s < signals.size(); s++) {
                if (next[s] < signals.get(s).stamps().length && (pick < 0
                        || signals.get(s).stamps()[next[s]] < signals.get(pick).stamps()[next[pick]])) {
                    pick = s;
                }
            }
            if (pick < 0) {
                return;
            }
            Signal s = signals.get(pick);
            int k = 0;
            while (k < 4 && next[pick] < s.stamps().length) {
                st[k] = s.stamps()[next[pick]];
                System.arraycopy(s.values(), next[pick] * s.channels(), vals, k * s.channels(), s.channels());
                next[pick]++;
                k++;
            }
            p.feed(pick, k, st, vals, null);
        }
    }
}
