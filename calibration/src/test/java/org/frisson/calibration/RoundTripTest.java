package org.frisson.calibration;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fitted models rebuilt from their accessors predict bit for bit the same. */
class RoundTripTest {

    private static SyntheticSession session;
    private static EncodingModel model;

    @BeforeAll
    static void fit() {
        session = new SyntheticSession(31, 5, 60, 4, new int[] {12, 12}, 3.0, 1.0);
        EncodingSettings s = new EncodingSettings(SyntheticSession.RATE, 6, 16, new double[] {1, 100, 10000}, 3, 20, 1);
        EncodingProfile profile = EncodingAnalysis.run(session.layers,
                List.of(new Response("eda", "uS", session.planted(2, 0.5))), session.block, s);
        model = profile.models().get(0);
    }

    @Test
    void anEncodingModelFromItsPartsPredictsIdentically() {
        EncodingModel copy = EncodingModel.of(model.layer(), model.response(), model.lambda(), model.mean(),
                model.basis(), model.componentScale(), model.lags(), model.weights(), model.intercept());
        double[][] values = session.layer(2).values();
        assertArrayEquals(model.predict(values), copy.predict(values));
        assertEquals(model.layer(), copy.layer());
        assertEquals(model.response(), copy.response());
        assertEquals(model.lambda(), copy.lambda());
    }

    @Test
    void historyBeforeTheFirstRowIsTheAverageStimulus() {
        double[][] values = session.layer(2).values();
        double[] prediction = model.predict(values);
        // at t = 0 only lag 0 sees data; every other lag holds zeros (the z-scored components' mean)
        double[] mean = model.mean();
        double[][] basis = model.basis();
        double[] scale = model.componentScale();
        double[] w = model.weights();
        double expected = model.intercept();
        for (int c = 0; c < basis.length; c++) {
            double z = 0;
            for (int d = 0; d < mean.length; d++) {
                z += (values[0][d] - mean[d]) * basis[c][d];
            }
            expected += w[c] * (z / scale[c]);
        }
        assertEquals(expected, prediction[0], 1e-12 * Math.abs(expected) + 1e-12);
    }

    @Test
    void accessorsHandOutCopies() {
        double[] w = model.weights();
        w[0] += 1;
        assertNotEquals(w[0], model.weights()[0]);
        double[][] basis = model.basis();
        basis[0][0] += 1;
        assertNotEquals(basis[0][0], model.basis()[0][0]);
    }

    @Test
    void aShrinkageLdaFromItsPartsPredictsIdentically() {
        BlockedReadoutTest.Windows w = BlockedReadoutTest.windows(8, 10, 12, 6, 1.0, 0.3, 1.0);
        ShrinkageLda lda = ShrinkageLda.fit(w.x(), w.high());
        ShrinkageLda copy = ShrinkageLda.of(lda.mean(), lda.scale(), lda.weights(), lda.bias());
        for (double[] x : w.x()) {
            assertEquals(Double.doubleToLongBits(lda.probability(x)), Double.doubleToLongBits(copy.probability(x)));
        }
    }

    @Test
    void partsOfTheWrongSizeAreRefusedNamingBothSizes() {
        double[] shortWeights = java.util.Arrays.copyOf(model.weights(), model.weights().length - 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncodingModel.of(model.layer(),
                model.response(), model.lambda(), model.mean(), model.basis(), model.componentScale(), model.lags(),
                shortWeights, model.intercept()));
        assertTrue(e.getMessage().contains("weights has " + shortWeights.length + " values")
                && e.getMessage().contains("= " + model.weights().length), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.predict(new double[][] {{1, 2, 3}}));
        assertTrue(e.getMessage().contains("3 columns") && e.getMessage().contains("has 12"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ShrinkageLda.of(new double[2], new double[] {1, 1},
                new double[3], 0));
        assertEquals("weights has 3 values, mean has 2", e.getMessage());
    }
}
