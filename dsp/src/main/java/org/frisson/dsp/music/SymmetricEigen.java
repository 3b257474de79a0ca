package org.frisson.dsp.music;

/**
 * Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations, in place and
 * without allocating: the Rayleigh–Ritz step of {@link IncrementalPca}.
 */
final class SymmetricEigen {

    private static final int MAX_SWEEPS = 60;

    private SymmetricEigen() {
    }

    /**
     * Diagonalises {@code a} (n x n, symmetric; destroyed) into {@code values} (descending) and the columns
     * of {@code vectors} (orthonormal, {@code vectors[row][column]}).
     */
    static void decompose(double[][] a, int n, double[] values, double[][] vectors) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                vectors[i][j] = i == j ? 1 : 0;
            }
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-30 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, n, vectors, p, q);
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        sortDescending(values, vectors, n);
    }

    /** One rotation in the (p, q) plane that zeroes a[p][q]. */
    private static void rotate(double[][] a, int n, double[][] v, int p, int q) {
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) { // columns p and q of a J
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) { // rows p and q of J^T a
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        a[p][q] = 0;
        a[q][p] = 0;
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static void sortDescending(double[] values, double[][] vectors, int n) {
        for (int i = 0; i < n - 1; i++) {
            int best = i;
            for (int j = i + 1; j < n; j++) {
                if (values[j] > values[best]) {
                    best = j;
                }
            }
            if (best != i) {
                double t = values[i];
                values[i] = values[best];
                values[best] = t;
                for (int k = 0; k < n; k++) {
                    double x = vectors[k][i];
                    vectors[k][i] = vectors[k][best];
                    vectors[k][best] = x;
                }
            }
        }
    }
}
