package org.frisson.calibration;

import java.util.List;

/**
 * The layer profile of every response (seed 000).
 *
 * @param layers     layer names, in the order given to the analysis
 * @param depths     each layer's depth (0 = baseline)
 * @param responses  response names
 * @param units      each response's unit
 * @param r          [layer][response] Pearson r of the concatenated held-out predictions with the response
 * @param p          [layer][response] circular-shift permutation p of that r
 * @param lambda     [layer][response] the median over outer folds of the chosen ridge penalty (for an even number
 *                   of folds the geometric mean of the middle two, the penalties being spaced in log)
 * @param centroid   [response] Σ depth·max(r,0) / Σ max(r,0) over layers of depth &gt;= 1; NaN if no r &gt; 0
 * @param bestLayer  [response] the index into {@code layers} (baseline included) with the highest r
 * @param models     per response, refitted on all its usable rows with its best layer, λ chosen by blocked
 *                   cross-validation over all tracks
 */
public record EncodingProfile(List<String> layers, int[] depths, List<String> responses, List<String> units,
        double[][] r, double[][] p, double[][] lambda, double[] centroid, int[] bestLayer,
        List<EncodingModel> models) {

    public EncodingProfile {
        layers = List.copyOf(layers);
        responses = List.copyOf(responses);
        units = List.copyOf(units);
        models = List.copyOf(models);
        int nl = layers.size();
        int nr = responses.size();
        if (depths.length != nl) {
            throw new IllegalArgumentException("encoding profile: depths has " + depths.length + " values, layers has "
                    + nl);
        }
        if (units.size() != nr) {
            throw new IllegalArgumentException("encoding profile: units has " + units.size() + " values, responses has "
                    + nr);
        }
        checkShape(r, "r", nl, nr);
        checkShape(p, "p", nl, nr);
        checkShape(lambda, "lambda", nl, nr);
        if (centroid.length != nr) {
            throw new IllegalArgumentException("encoding profile: centroid has " + centroid.length
                    + " values, responses has " + nr);
        }
        if (bestLayer.length != nr) {
            throw new IllegalArgumentException("encoding profile: bestLayer has " + bestLayer.length
                    + " values, responses has " + nr);
        }
        if (models.size() != nr) {
            throw new IllegalArgumentException("encoding profile: models has " + models.size()
                    + " values, responses has " + nr);
        }
    }

    private static void checkShape(double[][] m, String what, int rows, int cols) {
        if (m.length != rows) {
            throw new IllegalArgumentException("encoding profile: " + what + " has " + m.length + " rows, layers has "
                    + rows);
        }
        for (int i = 0; i < rows; i++) {
            if (m[i].length != cols) {
                throw new IllegalArgumentException("encoding profile: " + what + " row " + i + " has " + m[i].length
                        + " values, responses has " + cols);
            }
        }
    }

    /** The index of the named response; refuses an unknown name. */
    public int response(String name) {
        int j = responses.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("encoding profile has no response " + name + ": " + responses);
        }
        return j;
    }

    /** The index of the named layer; refuses an unknown name. */
    public int layer(String name) {
        int i = layers.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("encoding profile has no layer " + name + ": " + layers);
        }
        return i;
    }
}
