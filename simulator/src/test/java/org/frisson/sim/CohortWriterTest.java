package org.frisson.sim;

import org.frisson.testsupport.VenvPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small cohort read back by NumPy: every file has the shape the manifest promises, and the planted
 * structure is there (occipital alpha falls with arousal, right-minus-left frontal alpha rises with valence,
 * ratings follow the tracks, skin conductance responds after section changes).
 */
class CohortWriterTest {

    private static final String CHECK = """
            import json, sys
            import numpy as np
            d = sys.argv[1]
            m = json.load(open(d + '/manifest.json'))
            S, T, P, N = m['subjects'], m['trials'], m['participants'], m['songs']
            de = np.load(d + '/emotion/de.npy'); music = np.load(d + '/emotion/music.npy')
            r = np.load(d + '/emotion/ratings.npy'); truth = np.load(d + '/emotion/track_truth.npy')
            assert de.shape[:2] == (S, T) and de.shape[3] == len(m['de_labels']), de.shape
            assert de.shape[2] == len(np.load(d + '/emotion/de_times.npy'))
            assert music.shape[0] == T and music.shape[2] == len(m['embedding_labels']), music.shape
            assert music.shape[1] == len(np.load(d + '/emotion/music_times.npy'))
            assert r.shape == (S, T, 2) and truth.shape == (T, 2)
            ph = np.load(d + '/chills/phasic.npy'); ch = np.load(d + '/chills/chill.npy')
            emb = np.load(d + '/chills/embedding.npy'); gt = np.load(d + '/chills/gsr_times.npy')
            assert ph.shape == (P, N, len(gt)) and ch.shape == ph.shape and ch.dtype == np.uint8, (ph.shape, ch.dtype)
            assert emb.shape[0] == N and emb.shape[1] == len(np.load(d + '/chills/embedding_times.npy'))
            labels = m['de_labels']
            occ = [labels.index(c + '/alpha') for c in ('O1', 'O2', 'Oz', 'PO3', 'PO4')]
            left = [labels.index(c + '/alpha') for c in ('F3', 'AF3', 'F7', 'Fp1')]
            right = [labels.index(c + '/alpha') for c in ('F4', 'AF4', 'F8', 'Fp2')]
            alpha = de[:, :, :, occ].mean(axis=(2, 3)).ravel()
            asym = (de[:, :, :, right].mean(axis=(2, 3)) - de[:, :, :, left].mean(axis=(2, 3))).ravel()
            print('alpha_arousal', np.corrcoef(alpha, np.tile(truth[:, 1], S))[0, 1])
            print('asym_valence', np.corrcoef(asym, np.tile(truth[:, 0], S))[0, 1])
            print('rating_valence', np.corrcoef(r[:, :, 0].ravel(), np.tile(truth[:, 0], S))[0, 1])
            print('rating_arousal', np.corrcoef(r[:, :, 1].ravel(), np.tile(truth[:, 1], S))[0, 1])
            bounds = json.load(open(d + '/chills/transitions.json'))
            after, before = [], []
            for k, b in enumerate(bounds):
                for t in b:
                    i = int(np.searchsorted(gt, t))
                    before.append(ph[:, k, max(0, i - 4):i].mean()); after.append(ph[:, k, i + 6:i + 14].mean())
            print('scr_rise', float(np.mean(after) - np.mean(before)))
            """;

    @Test
    void numpyReadsEveryFileWithTheManifestsShapesAndThePlantedStructure(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cohort");
        Map<String, Object> m = CohortWriter.write(new CohortWriter.Options(out, 3, 8, 12, 3, 2, 40, "acoustic", 5),
                System.err);
        assertEquals("acoustic", m.get("embedding_model"));
        Path script = dir.resolve("check.py");
        java.nio.file.Files.writeString(script, CHECK);
        String text = VenvPython.runOk(120, script.toString(), out.toString()).out();
        Map<String, Double> got = new java.util.HashMap<>();
        for (String line : text.strip().split("\n")) {
            String[] f = line.split(" ");
            got.put(f[0], Double.parseDouble(f[1]));
        }
        assertTrue(got.get("alpha_arousal") < -0.7, text);
        assertTrue(got.get("asym_valence") > 0.5, text);
        assertTrue(got.get("rating_valence") > 0.7 && got.get("rating_arousal") > 0.7, text);
        assertTrue(got.get("scr_rise") > 0.05, text);
    }
}
