package org.frisson.calibration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seed 001's retrieval scores against the training tools' Python metrics (the numbers in the training reports) and,
 * for mean average precision, scikit-learn's {@code average_precision_score}, on the same latents: cosine
 * similarity within 1e-12, precision at 10 and mAP within 1e-12 (the same sums in another order).
 */
class RetrievalTest {

    @Test
    void precisionAtTenAndMeanAveragePrecisionMatchTheReferences(@TempDir Path dir) throws Exception {
        PythonReference ref = PythonReference.run("retrieval", dir);
        int dim = ref.integer("dim");
        double[][] queries = ref.matrix("queries", dim);
        double[][] gallery = ref.matrix("gallery", dim);
        double[] track = ref.array("track");
        double[] cls = ref.array("class");
        double[][] sim = Retrieval.cosine(queries, gallery);
        double[][] want = ref.matrix("similarity", gallery.length);
        for (int i = 0; i < sim.length; i++) {
            for (int j = 0; j < sim[i].length; j++) {
                assertEquals(want[i][j], sim[i][j], 1e-12, "cosine " + i + "," + j);
            }
        }
        for (String name : new String[]{"track", "class"}) {
            double[] label = name.equals("track") ? track : cls;
            boolean[][] relevant = new boolean[queries.length][gallery.length];
            for (int i = 0; i < queries.length; i++) {
                for (int j = 0; j < gallery.length; j++) {
                    relevant[i][j] = label[i] == label[j];
                }
            }
            RetrievalScore s = Retrieval.score(sim, relevant, Retrieval.K);
            assertEquals(ref.integer(name + "_queries"), s.queries(), name);
            assertEquals(ref.numbers(name + "_p_at_10")[0], s.precisionAtK(), 1e-12, name + " P@10");
            assertEquals(ref.numbers(name + "_map")[0], s.meanAveragePrecision(), 1e-12, name + " mAP");
            assertEquals(ref.numbers(name + "_map_sklearn")[0], s.meanAveragePrecision(), 1e-12, name + " mAP, sklearn");
            System.out.printf("retrieval by %s: P@10 %.4f, mAP %.4f, chance %.4f over %d queries%n", name,
                    s.precisionAtK(), s.meanAveragePrecision(), s.chance(), s.queries());
        }
    }

    @Test
    void queriesWithoutARelevantItemAreLeftOutAndTiesKeepGalleryOrder() {
        double[][] sim = {{0.5, 0.5, 0.1}, {0.9, 0.2, 0.3}};
        boolean[][] relevant = {{false, true, false}, {false, false, false}};
        RetrievalScore s = Retrieval.score(sim, relevant, 2);
        assertEquals(1, s.queries());
        assertEquals(0.5, s.precisionAtK(), 1e-15); // ranked 0, 1 (tie in gallery order): one hit in two
        assertEquals(0.5, s.meanAveragePrecision(), 1e-15); // its only relevant item at rank 2
        assertEquals(1 / 3.0, s.chance(), 1e-15);
    }
}
