package org.frisson.calibration;

/**
 * A fitted encoding model of one response from one layer (seed 000): the layer's features → principal components
 * (basis and mean fitted on that layer's stimulus features) → z-scored (divided by {@code componentScale}) →
 * finite-impulse-response lag design (column {@code lagIndex · components + component}: the components at
 * t - lags[lagIndex]) → ridge weights plus intercept. History before the first row is zeros after z-scoring
 * (an average stimulus), as when the model was fitted.
 */
public final class EncodingModel {

    private final String layer;
    private final String response;
    private final double lambda;
    private final LayerComponents components;
    private final int[] lags;
    private final double[] weights;
    private final double intercept;

    private EncodingModel(String layer, String response, double lambda, LayerComponents components, int[] lags,
            double[] weights, double intercept) {
        this.layer = layer;
        this.response = response;
        this.lambda = lambda;
        this.components = components;
        this.lags = lags;
        this.weights = weights;
        this.intercept = intercept;
    }

    /** A model from its parts, as read back from a file; every part is checked and copied. */
    public static EncodingModel of(String layer, String response, double lambda, double[] mean, double[][] basis,
            double[] componentScale, int[] lags, double[] weights, double intercept) {
        if (layer == null || layer.isBlank()) {
            throw new IllegalArgumentException("encoding model: layer is empty");
        }
        if (response == null || response.isBlank()) {
            throw new IllegalArgumentException("encoding model: response is empty");
        }
        String what = "encoding model " + response + " from " + layer + ": ";
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException(what + "lambda must be a positive number, got " + lambda);
        }
        LayerComponents c;
        try {
            c = LayerComponents.of(mean, basis, componentScale);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + e.getMessage(), e);
        }
        if (lags == null || lags.length == 0) {
            throw new IllegalArgumentException(what + "lags is empty");
        }
        for (int i = 0; i < lags.length; i++) {
            if (lags[i] < 0 || (i > 0 && lags[i] <= lags[i - 1])) {
                throw new IllegalArgumentException(what + "lags must be ascending grid steps >= 0, lags[" + i + "] is "
                        + lags[i]);
            }
        }
        if (weights == null || weights.length != lags.length * c.count()) {
            throw new IllegalArgumentException(what + "weights has " + (weights == null ? 0 : weights.length)
                    + " values, lags × components is " + lags.length + " × " + c.count() + " = "
                    + lags.length * c.count());
        }
        Checks.finite(weights, what + "weights");
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException(what + "intercept is " + intercept);
        }
        return new EncodingModel(layer, response, lambda, c, lags.clone(), weights.clone(), intercept);
    }

    static EncodingModel fitted(String layer, String response, double lambda, LayerComponents components,
            int[] lags, double[] weights, double intercept) {
        return new EncodingModel(layer, response, lambda, components, lags.clone(), weights.clone(), intercept);
    }

    /**
     * The prediction at every row of {@code layerValues[time][dim]} (the layer on the analysis grid). Lags that
     * reach before the first row contribute zeros after z-scoring (the average stimulus), so every row gets a
     * prediction.
     */
    public double[] predict(double[][] layerValues) {
        int width = Checks.width(layerValues, "layer " + layer + " values");
        if (width != components.width()) {
            throw new IllegalArgumentException("layer " + layer + " values have " + width
                    + " columns, the model's layer has " + components.width());
        }
        double[][] z = components.project(layerValues);
        int k = components.count();
        double[] prediction = new double[z.length];
        for (int t = 0; t < z.length; t++) {
            double sum = intercept;
            for (int l = 0; l < lags.length; l++) {
                int source = t - lags[l];
                if (source < 0) {
                    break;
                }
                double[] zs = z[source];
                int at = l * k;
                for (int c = 0; c < k; c++) {
                    sum += weights[at + c] * zs[c];
                }
            }
            prediction[t] = sum;
        }
        return prediction;
    }

    public String layer() {
        return layer;
    }

    public String response() {
        return response;
    }

    public double lambda() {
        return lambda;
    }

    /** The layer's feature means, [dim]. */
    public double[] mean() {
        return components.mean();
    }

    /** The principal axes, [component][dim]. */
    public double[][] basis() {
        return components.basis();
    }

    /** Each component's standard deviation on the fitting grid (the z-scoring divisor). */
    public double[] componentScale() {
        return components.scale();
    }

    /** Lags in grid steps, ascending. */
    public int[] lags() {
        return lags.clone();
    }

    /** Ridge weights on the lag design, [lagIndex · components + component]. */
    public double[] weights() {
        return weights.clone();
    }

    public double intercept() {
        return intercept;
    }

    @Override
    public String toString() {
        return "EncodingModel[" + response + " from " + layer + ", lambda=" + lambda + ", " + components.count()
                + " components × " + lags.length + " lags]";
    }
}
