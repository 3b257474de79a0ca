package org.frisson.calibration;

import org.ejml.data.DMatrixRMaj;

/** Row subsets of a design matrix. */
final class DesignRows {

    private DesignRows() {
    }

    /** The given rows of {@code design}, in that order. */
    static DMatrixRMaj gather(DMatrixRMaj design, int[] rows) {
        int p = design.numCols;
        DMatrixRMaj x = new DMatrixRMaj(rows.length, p);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(design.data, rows[i] * p, x.data, i * p, p);
        }
        return x;
    }

    /** The given rows of {@code design} minus {@code columnMean}. */
    static DMatrixRMaj gatherCentered(DMatrixRMaj design, int[] rows, double[] columnMean) {
        DMatrixRMaj x = gather(design, rows);
        int p = design.numCols;
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < p; c++) {
                x.data[i * p + c] -= columnMean[c];
            }
        }
        return x;
    }
}
