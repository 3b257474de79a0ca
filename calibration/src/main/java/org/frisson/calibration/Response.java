package org.frisson.calibration;

/**
 * One measured response on the analysis grid (a physiological signal, a continuous rating, ...). NaN marks a time
 * at which it is unavailable: that row is left out for this response only. Infinite values are refused.
 */
public record Response(String name, String unit, double[] values) {

    public Response {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("response: name is empty");
        }
        if (unit == null) {
            throw new IllegalArgumentException("response " + name + ": unit is missing (use \"\" for none)");
        }
        if (values == null) {
            throw new IllegalArgumentException("response " + name + ": values are missing");
        }
        for (int t = 0; t < values.length; t++) {
            if (Double.isInfinite(values[t])) {
                throw new IllegalArgumentException("response " + name + ": value " + t + " is " + values[t]);
            }
        }
    }
}
