package org.frisson.calibration;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The sums a ridge fit with intercept needs from a set of design rows, for several responses at once: the row
 * count, column sums, XᵀX, XᵀY and the response sums. Sets of rows combine by adding and subtracting these sums,
 * so a fold's training set costs O(p²) per track instead of O(n·p²).
 */
final class DesignMoments {

    private final int p;
    private final int responses;
    private int count;
    private final double[] columnSum;
    private final DMatrixRMaj gram;
    private final DMatrixRMaj cross;
    private final double[] responseSum;

    private DesignMoments(int p, int responses) {
        this.p = p;
        this.responses = responses;
        this.columnSum = new double[p];
        this.gram = new DMatrixRMaj(p, p);
        this.cross = new DMatrixRMaj(p, responses);
        this.responseSum = new double[responses];
    }

    /** No rows yet. */
    static DesignMoments empty(int p, int responses) {
        return new DesignMoments(p, responses);
    }

    /** The sums over {@code rows} of {@code design}, with responses {@code y[response][row]}. */
    static DesignMoments of(DMatrixRMaj design, int[] rows, double[][] y) {
        int p = design.numCols;
        DesignMoments m = new DesignMoments(p, y.length);
        if (rows.length == 0) {
            return m;
        }
        DMatrixRMaj x = DesignRows.gather(design, rows);
        DMatrixRMaj yr = new DMatrixRMaj(rows.length, y.length);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < y.length; j++) {
                yr.data[i * y.length + j] = y[j][rows[i]];
                m.responseSum[j] += y[j][rows[i]];
            }
            for (int c = 0; c < p; c++) {
                m.columnSum[c] += x.data[i * p + c];
            }
        }
        CommonOps_DDRM.multInner(x, m.gram);
        CommonOps_DDRM.multTransA(x, yr, m.cross);
        m.count = rows.length;
        return m;
    }

    /** A copy to accumulate into. */
    DesignMoments copy() {
        DesignMoments m = new DesignMoments(p, responses);
        m.add(this);
        return m;
    }

    void add(DesignMoments other) {
        count += other.count;
        for (int c = 0; c < p; c++) {
            columnSum[c] += other.columnSum[c];
        }
        CommonOps_DDRM.addEquals(gram, other.gram);
        CommonOps_DDRM.addEquals(cross, other.cross);
        for (int j = 0; j < responses; j++) {
            responseSum[j] += other.responseSum[j];
        }
    }

    /** Takes row t of {@code design} (with responses {@code y[response][t]}) out of the sums. */
    void remove(DMatrixRMaj design, int t, double[][] y) {
        double[] d = design.data;
        int at = t * p;
        double[] g = gram.data;
        double[] xy = cross.data;
        for (int a = 0; a < p; a++) {
            double xa = d[at + a];
            columnSum[a] -= xa;
            if (xa != 0) {
                int row = a * p;
                for (int b = 0; b < p; b++) {
                    g[row + b] -= xa * d[at + b];
                }
                for (int j = 0; j < responses; j++) {
                    xy[a * responses + j] -= xa * y[j][t];
                }
            }
        }
        for (int j = 0; j < responses; j++) {
            responseSum[j] -= y[j][t];
        }
        count--;
    }

    int count() {
        return count;
    }

    double[] columnMean() {
        double[] mean = new double[p];
        for (int c = 0; c < p; c++) {
            mean[c] = columnSum[c] / count;
        }
        return mean;
    }

    double[] responseMean() {
        double[] mean = new double[responses];
        for (int j = 0; j < responses; j++) {
            mean[j] = responseSum[j] / count;
        }
        return mean;
    }

    /** (X - 1x̄ᵀ)ᵀ(X - 1x̄ᵀ) = XᵀX - n·x̄x̄ᵀ. */
    DMatrixRMaj centeredGram() {
        DMatrixRMaj g = gram.copy();
        double[] mean = columnMean();
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                g.data[a * p + b] -= columnSum[a] * mean[b];
            }
        }
        return g;
    }

    /** (X - 1x̄ᵀ)ᵀ(Y - 1ȳᵀ) = XᵀY - n·x̄ȳᵀ, [p][response]. */
    DMatrixRMaj centeredCross() {
        DMatrixRMaj c = cross.copy();
        double[] mean = responseMean();
        for (int a = 0; a < p; a++) {
            for (int j = 0; j < responses; j++) {
                c.data[a * responses + j] -= columnSum[a] * mean[j];
            }
        }
        return c;
    }
}
