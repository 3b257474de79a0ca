package org.frisson.dsp.ppg;

import org.frisson.dsp.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PPG against the field's tools: systolic peaks against NeuroKit2's {@code ppg_clean} +
 * {@code ppg_findpeaks} (Elgendi) on HeartPy's bundled {@code data.csv} and on {@code nk.ppg_simulate}
 * recordings; heart rate and RMSSD against what HeartPy reports for {@code data.csv}.
 */
class PpgReferenceTest {

    /** A NeuroKit2 peak is matched by a Frisson peak within this many seconds. */
    static final double MATCH_SECONDS = 0.020;
    /**
     * The live form's causal band-pass shifts peaks by its group delay at the pulse's frequencies: up to
     * 20 ms on HeartPy's real recording (within {@link #MATCH_SECONDS}), slightly more (measured: up to
     * 23 ms) on NeuroKit2's simulated pulses, where live peaks must match within this.
     */
    static final double LIVE_SIMULATION_MATCH_SECONDS = 0.040;
    /** Inter-beat intervals of matched peaks: within 20 ms or 2 samples, whichever is more. */
    static final double IBI_TOLERANCE_SECONDS = 0.020;
    /** Fraction of NeuroKit2's peaks matched (and of Frisson's matching) at least this. */
    static final double MIN_MATCHED = 0.99;
    /** Heart rate within this many bpm of HeartPy's. */
    static final double HR_TOLERANCE_BPM = 1.0;
    /** RMSSD within this many ms of HeartPy's. */
    static final double RMSSD_TOLERANCE_MS = 5.0;
    /** HeartPy's published numbers for data.csv, to be sure the reference is the one meant. */
    static final double HEARTPY_BPM = 58.90, HEARTPY_RMSSD = 64.74;

    @TempDir
    static Path dir;
    static Map<String, String> manifest;

    @BeforeAll
    static void runReference() {
        PythonReference.run("ppg", dir);
        manifest = PythonReference.manifest(dir);
    }

    static double[] read(String name, String what) {
        return PythonReference.read(dir.resolve(name + "." + what + ".f64"));
    }

    static long[] live(double[] raw, double fs, long seed) {
        ElgendiPeakDetector d = ElgendiPeakDetector.live(fs);
        long[] peaks = new long[raw.length];
        int found = 0, pos = 0;
        SplittableRandom rnd = new SplittableRandom(seed);
        while (pos < raw.length) {
            int n = Math.min(raw.length - pos, 1 + rnd.nextInt(50));
            found += d.process(raw, pos, n, peaks, found);
            pos += n;
        }
        found += d.flush(peaks, found);
        return Arrays.copyOf(peaks, found);
    }

    static long[] offline(double[] raw, double fs) {
        long[] peaks = new long[raw.length];
        int found = ElgendiPeakDetector.detectOffline(raw, 0, raw.length, fs, peaks);
        return Arrays.copyOf(peaks, found);
    }

    /**
     * Greedy one-to-one matching within {@code tolerance} s: {matched, max |offset| (samples), mean offset
     * ours - reference (samples), max |IBI difference| between consecutive matched pairs (samples)}.
     */
    static double[] match(long[] ours, double[] ref, double fs, double tolerance) {
        boolean[] used = new boolean[ours.length];
        int matched = 0;
        double maxOff = 0, sumOff = 0, maxIbiDiff = 0;
        long prevOurs = -1;
        double prevRef = -1;
        for (double r : ref) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < ours.length; j++) {
                double d = Math.abs(ours[j] - r);
                if (!used[j] && d / fs <= tolerance + 1e-12 && d < bestD) {
                    best = j;
                    bestD = d;
                }
            }
            if (best >= 0) {
                used[best] = true;
                matched++;
                maxOff = Math.max(maxOff, bestD);
                sumOff += ours[best] - r;
                if (prevOurs >= 0) {
                    maxIbiDiff = Math.max(maxIbiDiff, Math.abs((ours[best] - prevOurs) - (r - prevRef)));
                }
                prevOurs = ours[best];
                prevRef = r;
            } else {
                prevOurs = -1;
            }
        }
        return new double[]{matched, maxOff, matched == 0 ? 0 : sumOff / matched, maxIbiDiff};
    }

    @Test
    void peaksMatchNeurokit() {
        List<String> report = new ArrayList<>();
        List<Runnable> checks = new ArrayList<>();
        for (String name : manifest.get("cases").split(",")) {
            double fs = Double.parseDouble(manifest.get(name + ".fs"));
            double[] raw = read(name, "raw");
            double[] ref = read(name, "peaks");
            boolean real = name.equals("heartpy_data");
            for (String form : new String[]{"offline", "live"}) {
                boolean live = form.equals("live");
                long[] ours = live ? live(raw, fs, name.hashCode()) : offline(raw, fs);
                double tolerance = live && !real ? LIVE_SIMULATION_MATCH_SECONDS : MATCH_SECONDS;
                double[] m = match(ours, ref, fs, tolerance);
                int matched = (int) m[0];
                report.add(String.format("%s %s: %d/%d within %.0f ms (%d found), max |offset| %.0f ms, mean offset"
                                + " %+.1f ms, max |IBI diff| %.0f ms", name, form, matched, ref.length, 1000 * tolerance,
                        ours.length, 1000 * m[1] / fs, 1000 * m[2] / fs, 1000 * m[3] / fs));
                checks.add(() -> {
                    assertTrue(matched >= MIN_MATCHED * ref.length, name + " " + form + ": " + matched + " of "
                            + ref.length + " NeuroKit2 peaks matched within " + tolerance + " s");
                    assertTrue(matched >= MIN_MATCHED * ours.length, name + " " + form + ": only " + matched
                            + " of " + ours.length + " Frisson peaks match NeuroKit2's");
                    assertTrue(m[3] / fs <= Math.max(IBI_TOLERANCE_SECONDS, 2 / fs) + 1e-12, name + " " + form
                            + ": IBIs differ by " + m[3] / fs + " s");
                    if (!live) {
                        assertEquals(0.0, m[1], name + ": offline peaks are NeuroKit2's exactly");
                    }
                });
            }
        }
        System.out.println("[reference] PPG peaks vs NeuroKit2 ppg_findpeaks: " + String.join("; ", report));
        checks.forEach(Runnable::run);
    }

    @Test
    void heartRateAndRmssdMatchHeartpy() {
        double bpmRef = Double.parseDouble(manifest.get("heartpy.bpm"));
        double rmssdRef = Double.parseDouble(manifest.get("heartpy.rmssd"));
        assertEquals(HEARTPY_BPM, bpmRef, 0.005, "HeartPy's own result for data.csv");
        assertEquals(HEARTPY_RMSSD, rmssdRef, 0.005, "HeartPy's own result for data.csv");
        double fs = 100;
        double[] raw = read("heartpy_data", "raw");
        List<String> report = new ArrayList<>();
        for (String form : new String[]{"live", "offline"}) {
            long[] peaks = form.equals("live") ? live(raw, fs, 7) : offline(raw, fs);
            // one window covering the whole 24.8 s record, as HeartPy's numbers are whole-record numbers
            HeartRateTracker whole = new HeartRateTracker(fs, 30, 30, 5);
            for (long p : peaks) {
                whole.addBeat(p);
            }
            whole.update(peaks[peaks.length - 1]);
            report.add(String.format("%s: HR %.3f bpm (HeartPy %.3f), RMSSD %.2f ms (HeartPy %.2f), SDNN %.2f ms"
                            + " (HeartPy %s), %d IBIs rejected", form, whole.heartRate(), bpmRef, whole.rmssd(), rmssdRef,
                    whole.sdnn(), manifest.get("heartpy.sdnn"), whole.rejectedIntervals()));
            assertEquals(bpmRef, whole.heartRate(), HR_TOLERANCE_BPM, form + " heart rate");
            assertEquals(rmssdRef, whole.rmssd(), RMSSD_TOLERANCE_MS, form + " RMSSD");

            // the live 10 s heart rate along the record stays near the record's rate
            HeartRateTracker tracker = new HeartRateTracker(fs);
            StringBuilder series = new StringBuilder();
            int next = 0;
            for (long t = 0; t <= raw.length; t += 250) {
                while (next < peaks.length && peaks[next] <= t) {
                    tracker.addBeat(peaks[next++]);
                }
                tracker.update(t);
                if (t >= 1000 && !Double.isNaN(tracker.heartRate())) {
                    series.append(String.format(" %.1f", tracker.heartRate()));
                    assertEquals(bpmRef, tracker.heartRate(), 10, form + " 10 s heart rate at sample " + t);
                }
            }
            report.add(form + " 10 s HR every 2.5 s:" + series);
        }
        System.out.println("[reference] heart rate vs HeartPy on data.csv: " + String.join("; ", report));
    }
}
