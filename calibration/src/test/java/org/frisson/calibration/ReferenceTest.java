package org.frisson.calibration;

import java.io.IOException;
import java.nio.file.Path;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frisson's calibration numerics against numpy and scikit-learn (calibration/python/calibration_reference.py). */
class ReferenceTest {

    /** Ridge weights and intercept: within 1e-8 of the largest reference weight / of the reference intercept. */
    static final double RIDGE_RELATIVE = 1e-8;
    /** P(high): within 1e-6 absolute. */
    static final double PROBABILITY = 1e-6;
    /** Ledoit-Wolf intensity: within 1e-12 absolute. */
    static final double SHRINKAGE = 1e-12;
    /** Pearson r: within 1e-12 absolute. */
    static final double PEARSON = 1e-12;
    /** PCA mean and variances: within 1e-10 relative; axes (up to sign) within 1e-8 absolute. */
    static final double PCA_RELATIVE = 1e-10;
    static final double PCA_AXES = 1e-8;

    @TempDir
    Path dir;

    @Test
    void ridgeMatchesScikitLearnOnTheSameLagDesign() throws IOException, InterruptedException {
        PythonReference ref = PythonReference.run("ridge", dir);
        int k = ref.integer("k");
        int[] lags = java.util.Arrays.stream(ref.numbers("lags")).mapToInt(v -> (int) v).toArray();
        assertArrayEquals(LagDesign.lags(2.5, 6), lags, "the reference uses the analysis' lags");
        double[][] components = ref.matrix("components", k);
        DMatrixRMaj design = LagDesign.build(components, lags);
        double[] expectedDesign = ref.array("design");
        assertArrayEquals(expectedDesign, design.data, 0.0, "the same lag design, bit for bit");
        double[] y = ref.array("y");
        double[] lambdas = ref.numbers("lambdas");
        double worst = 0;
        for (int i = 0; i < lambdas.length; i++) {
            RidgeRegression.Fit fit = RidgeRegression.fit(design, y, lambdas[i]);
            double[] coef = ref.array("coef_" + i);
            double intercept = ref.array("intercept_" + i)[0];
            double largest = java.util.Arrays.stream(coef).map(Math::abs).max().orElseThrow();
            double error = 0;
            for (int a = 0; a < coef.length; a++) {
                error = Math.max(error, Math.abs(fit.weights()[0][a] - coef[a]));
            }
            double interceptError = Math.abs(fit.intercept()[0] - intercept) / Math.abs(intercept);
            worst = Math.max(worst, Math.max(error / largest, interceptError));
            assertTrue(error <= RIDGE_RELATIVE * largest, "lambda " + lambdas[i] + ": weights off by " + error
                    + " (largest weight " + largest + ")");
            assertTrue(interceptError <= RIDGE_RELATIVE, "lambda " + lambdas[i] + ": intercept off by "
                    + interceptError + " relative");
        }
        System.out.println("ridge vs sklearn Ridge: largest relative difference " + worst);
    }

    @Test
    void shrinkageLdaMatchesScikitLearn() throws IOException, InterruptedException {
        PythonReference ref = PythonReference.run("lda", dir);
        double worstProbability = 0;
        double worstShrinkage = 0;
        for (String name : new String[] {"tall", "wide"}) {
            int p = ref.integer(name + ".p");
            int train = ref.integer(name + ".train");
            double[][] x = ref.matrix(name + "_x", p);
            double[] labels = ref.array(name + "_high");
            double[][] xTrain = java.util.Arrays.copyOfRange(x, 0, train);
            boolean[] high = new boolean[train];
            for (int i = 0; i < train; i++) {
                high[i] = labels[i] == 1;
            }
            ShrinkageLda lda = ShrinkageLda.fit(xTrain, high);
            double[] proba = ref.array(name + "_proba");
            for (int i = 0; i < proba.length; i++) {
                double error = Math.abs(lda.probability(x[train + i]) - proba[i]);
                worstProbability = Math.max(worstProbability, error);
                assertEquals(proba[i], lda.probability(x[train + i]), PROBABILITY, name + " test window " + i);
            }
            // the per-class intensities sklearn's 'auto' uses: Ledoit-Wolf on the class standardized within itself
            FeatureScaling scaling = FeatureScaling.fit(xTrain, null);
            double[][] z = scaling.apply(xTrain, null);
            double[] shrinkage = ref.array(name + "_shrinkage");
            for (int c = 0; c < 2; c++) {
                final boolean label = c == 1;
                int[] rows = java.util.stream.IntStream.range(0, train).filter(i -> high[i] == label).toArray();
                FeatureScaling within = FeatureScaling.fit(z, rows);
                double delta = LedoitWolf.shrinkage(within.apply(z, rows));
                worstShrinkage = Math.max(worstShrinkage, Math.abs(delta - shrinkage[c]));
                assertEquals(shrinkage[c], delta, SHRINKAGE, name + " class " + label + " shrinkage");
            }
        }
        System.out.println("ShrinkageLda vs sklearn LDA(lsqr, auto): largest P difference " + worstProbability
                + ", largest shrinkage difference " + worstShrinkage);
    }

    @Test
    void pearsonMatchesNumpy() throws IOException, InterruptedException {
        PythonReference ref = PythonReference.run("pearson", dir);
        double[] expected = ref.array("r");
        double worst = 0;
        for (int i = 0; i < ref.integer("pairs"); i++) {
            double r = Pearson.r(ref.array("x_" + i), ref.array("y_" + i));
            worst = Math.max(worst, Math.abs(r - expected[i]));
            assertEquals(expected[i], r, PEARSON, "pair " + i);
        }
        System.out.println("Pearson vs numpy.corrcoef: largest difference " + worst);
    }

    @Test
    void principalComponentsMatchScikitLearn() throws IOException, InterruptedException {
        PythonReference ref = PythonReference.run("pca", dir);
        int d = ref.integer("d");
        int k = ref.integer("k");
        LayerComponents pca = LayerComponents.fit(ref.matrix("x", d), k, "reference layer");
        assertEquals(k, pca.count());
        double[] mean = ref.array("mean");
        for (int j = 0; j < d; j++) {
            assertEquals(mean[j], pca.mean()[j], PCA_RELATIVE * Math.abs(mean[j]), "mean " + j);
        }
        double[] variance = ref.array("variance");
        double[][] axes = ref.matrix("components", d);
        double worstAxis = 0;
        for (int c = 0; c < k; c++) {
            double scale = pca.scale()[c];
            assertEquals(variance[c], scale * scale, PCA_RELATIVE * variance[c], "variance of component " + c);
            double sign = Math.signum(dot(axes[c], pca.basis()[c]));
            for (int j = 0; j < d; j++) {
                worstAxis = Math.max(worstAxis, Math.abs(sign * pca.basis()[c][j] - axes[c][j]));
                assertEquals(axes[c][j], sign * pca.basis()[c][j], PCA_AXES, "component " + c + " entry " + j);
            }
        }
        System.out.println("LayerComponents vs sklearn PCA: largest axis difference " + worstAxis);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
