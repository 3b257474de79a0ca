package org.frisson.dsp.music;

import org.frisson.dsp.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streaming detector against an offline numpy computation of the same algorithm
 * ({@code dsp/python/latent_transitions.py}: windowed means, exponentially weighted covariance, axes from
 * {@code numpy.linalg.eigh} at every mean, windowed PC1 variance, peaks) on synthetic latents: a codec latent
 * at 86.1 frames/s with the seed's 100-frame mean, MusiCNN-sized vectors every 0.5 s, and a fast-forgetting
 * case. Same mean frames, PC1/PC2 and variance to within {@value #RELATIVE} of their scale, the same
 * transitions at the same times.
 */
class LatentTransitionReferenceTest {

    /** PC projections within this times sqrt(λ1), variance within this times λ1 (eigh vs subspace iteration). */
    static final double RELATIVE = 1e-7;
    /** Transition times and delays: the same stamps averaged, up to rounding. */
    static final double TIME_TOLERANCE = 1e-9;

    @TempDir
    static Path dir;
    static Map<String, String> manifest;

    @BeforeAll
    static void runReference() {
        PythonReference.run("transitions", dir);
        manifest = PythonReference.manifest(dir);
    }

    private static double number(String name, String key) {
        return Double.parseDouble(manifest.get(name + "." + key));
    }

    @Test
    void streamingDetectorEqualsTheNumpyReference() {
        List<String> report = new ArrayList<>();
        for (String name : manifest.get("cases").split(",")) {
            String[] shape = manifest.get(name + ".shape").split("x");
            int n = Integer.parseInt(shape[0]);
            int dim = Integer.parseInt(shape[1]);
            double[] latent = PythonReference.read(dir.resolve(name + ".latent.f64"));
            double[] stamps = PythonReference.read(dir.resolve(name + ".stamps.f64"));
            double[] refStamp = PythonReference.read(dir.resolve(name + ".stamp.f64"));
            double[] refPc1 = PythonReference.read(dir.resolve(name + ".pc1.f64"));
            double[] refPc2 = PythonReference.read(dir.resolve(name + ".pc2.f64"));
            double[] refVar = PythonReference.read(dir.resolve(name + ".variance.f64"));
            double[] refStrength = PythonReference.read(dir.resolve(name + ".strength.f64"));
            double[] refLambda = PythonReference.read(dir.resolve(name + ".lambda1.f64"));
            double[] refTransitions = PythonReference.read(dir.resolve(name + ".transitions.f64"));
            TransitionSettings settings = new TransitionSettings(number(name, "mean_window"), number(name, "mean_hop"),
                    number(name, "pca_memory"), number(name, "variance_window"), number(name, "warmup"),
                    number(name, "threshold"), number(name, "confirm"), number(name, "refractory"));
            LatentTransitionDetector d = new LatentTransitionDetector(dim, number(name, "rate"), number(name, "span"),
                    settings);
            String[] frames = manifest.get(name + ".frames").split(":");
            assertEquals(Integer.parseInt(frames[0]), d.meanWindowFrames(), name + ": mean window");
            assertEquals(Integer.parseInt(frames[1]), d.meanHopFrames(), name + ": mean hop");
            assertEquals(Integer.parseInt(frames[2]), d.varianceFrames(), name + ": variance window");
            assertEquals(Integer.parseInt(frames[3]), d.lookaheadFrames(), name + ": lookahead");

            double[] frame = new double[dim];
            int k = 0;
            int transitions = 0;
            double worstPc1 = 0, worstPc2 = 0, worstVar = 0;
            int maxIterations = 0;
            long iterations = 0;
            for (int i = 0; i < n; i++) {
                System.arraycopy(latent, i * dim, frame, 0, dim);
                if (!d.push(frame, stamps[i])) {
                    assertTrue(!d.confirmed(), name + ": a transition without a new mean");
                    continue;
                }
                assertEquals(refStamp[k], stamps[i], 0.0, name + ": mean frame " + k + " ends at another frame");
                double scale = Math.max(Math.sqrt(refLambda[k]), Double.MIN_NORMAL);
                worstPc1 = Math.max(worstPc1, close(refPc1[k], d.pc1(), RELATIVE * scale, name + " pc1 " + k) / scale);
                worstPc2 = Math.max(worstPc2, close(refPc2[k], d.pc2(), RELATIVE * scale, name + " pc2 " + k) / scale);
                double err = close(refVar[k], d.pc1Variance(), RELATIVE * refLambda[k], name + " variance " + k);
                worstVar = Math.max(worstVar, err == 0 ? 0 : err / refLambda[k]);
                close(refStrength[k], d.strength(), RELATIVE * Math.max(1, Math.abs(refStrength[k])), name + " strength " + k);
                if (k > 0) {
                    maxIterations = Math.max(maxIterations, d.pcaIterations());
                    iterations += d.pcaIterations();
                }
                if (d.confirmed()) {
                    int t = transitions * 5;
                    assertTrue(t < refTransitions.length, name + ": an extra transition at mean frame " + k);
                    assertEquals(refTransitions[t], k, 0.0, name + ": transition " + transitions + " confirmed at");
                    assertEquals(refTransitions[t + 1], d.transitionTime(), TIME_TOLERANCE, name + ": transition time");
                    assertEquals(refTransitions[t + 2], d.transitionStrength(), RELATIVE * refTransitions[t + 2], name + ": strength");
                    assertEquals(refTransitions[t + 4], d.transitionDelay(), TIME_TOLERANCE, name + ": delay");
                    transitions++;
                }
                k++;
            }
            assertEquals(refStamp.length, k, name + ": mean frames");
            assertEquals(refTransitions.length / 5, transitions, name + ": transitions");
            assertTrue(transitions >= 4, name + ": the synthetic sections give transitions");
            report.add(String.format("%s: %d means, %d transitions, max |dPC1| %.1e, |dPC2| %.1e (x sqrt(l1)),"
                    + " |dvar| %.1e (x l1); PCA iterations per mean %.1f on average, at most %d", name, k, transitions,
                    worstPc1, worstPc2, worstVar, iterations / (double) (k - 1), maxIterations));
        }
        report.forEach(line -> System.out.println("[reference] latent transitions " + line));
    }

    /** Asserts and returns |expected - actual| (both NaN count as equal, difference 0). */
    private static double close(double expected, double actual, double tolerance, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
            return 0;
        }
        double err = Math.abs(expected - actual);
        assertTrue(err <= tolerance, what + ": expected " + expected + ", got " + actual + " (tolerance " + tolerance + ")");
        return err;
    }
}
