package org.frisson.calibration;

/**
 * Seed 001's retrieval scores in the common space: each query (a window's EEG latent) ranks the gallery (the music
 * latents of the same windows) by cosine similarity, highest first, ties in gallery order. Precision at k is the
 * share of relevant items among the first k (k capped at the gallery's size); a query's average precision is the
 * mean, over its relevant items, of the precision at each one's rank; both are averaged over the queries that have
 * a relevant item, the others being left out. Chance is the mean share of relevant items in the gallery, what a
 * random ranking scores on average for both measures.
 */
public final class Retrieval {

    /** Seed 001 reports precision at 10. */
    public static final int K = 10;

    private Retrieval() {
    }

    /** Cosine similarity of every query with every gallery item ({@code [queries][gallery]}). */
    public static double[][] cosine(double[][] queries, double[][] gallery) {
        double[][] g = normalised(gallery);
        double[][] q = normalised(queries);
        double[][] s = new double[q.length][g.length];
        for (int i = 0; i < q.length; i++) {
            for (int j = 0; j < g.length; j++) {
                double dot = 0;
                for (int c = 0; c < q[i].length; c++) {
                    dot += q[i][c] * g[j][c];
                }
                s[i][j] = dot;
            }
        }
        return s;
    }

    private static double[][] normalised(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double n = 0;
            for (double v : x[i]) {
                n += v * v;
            }
            double scale = 1 / Math.max(Math.sqrt(n), 1e-12);
            out[i] = new double[x[i].length];
            for (int c = 0; c < x[i].length; c++) {
                out[i][c] = x[i][c] * scale;
            }
        }
        return out;
    }

    /** Precision at {@code k} and mean average precision of {@code similarity} against {@code relevant}. */
    public static RetrievalScore score(double[][] similarity, boolean[][] relevant, int k) {
        double pSum = 0;
        double apSum = 0;
        double chanceSum = 0;
        int queries = 0;
        for (int q = 0; q < similarity.length; q++) {
            double[] s = similarity[q];
            Integer[] order = new Integer[s.length];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a])); // stable: ties keep gallery order
            int total = 0;
            for (boolean r : relevant[q]) {
                total += r ? 1 : 0;
            }
            if (total == 0) {
                continue;
            }
            int kk = Math.min(k, order.length);
            int hits = 0;
            double ap = 0;
            int atK = 0;
            for (int rank = 1; rank <= order.length; rank++) {
                if (relevant[q][order[rank - 1]]) {
                    hits++;
                    ap += hits / (double) rank;
                }
                if (rank == kk) {
                    atK = hits;
                }
            }
            pSum += atK / (double) kk;
            apSum += ap / total;
            chanceSum += total / (double) order.length;
            queries++;
        }
        return queries == 0 ? new RetrievalScore(Double.NaN, Double.NaN, Double.NaN, k, 0)
                : new RetrievalScore(pSum / queries, apSum / queries, chanceSum / queries, k, queries);
    }
}
