package org.frisson.calibration;

/**
 * A classification accuracy with its 95% interval.
 *
 * @param value the share correct
 * @param low   the interval's lower end
 * @param high  the interval's upper end
 * @param n     how many units were scored (windows or tracks)
 */
public record Accuracy(double value, double low, double high, int n) {

    public Accuracy {
        if (n < 0) {
            throw new IllegalArgumentException("accuracy: n must be >= 0, got " + n);
        }
        if (!(low <= high)) {
            throw new IllegalArgumentException("accuracy: interval [" + low + ", " + high + "] is not ordered");
        }
    }
}
