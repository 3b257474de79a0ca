package org.frisson.calibration;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;

/**
 * Layer-wise encoding analysis (seed 000, Kim, Overath &amp; Sammler): for every layer and response, a ridge
 * encoding model with finite-impulse-response lags predicts the response from the layer's principal components;
 * its held-out correlation per layer is the response's layer profile.
 *
 * <p>Per layer: principal components of the layer's features (stimulus only, fitted on every grid row, which
 * leaks nothing about responses), z-scored; a lag design of the components at t - 0..maxLag. Nested
 * cross-validation blocked by track: the outer folds leave one track out (more than 10 tracks: 10 contiguous
 * groups of tracks); within each outer training set, {@code innerFolds} contiguous groups of tracks choose λ
 * (highest mean inner r). Training rows whose lag window reaches into a held-out track are purged: the first
 * maxLag seconds after every held-out track. r is the Pearson correlation of the concatenated held-out predictions
 * with the response; p comes from circular shifts of the response by at least maxLag + 10 s either way. Responses
 * available on the same rows share every decomposition.
 *
 * <p>Concatenated held-out predictions carry each fold's intercept, the training mean, which moves against the
 * held-out track's mean: a layer without signal (its λ driven to the top of the grid) scores somewhat below 0 when
 * the response's level differs between tracks. The permutation p is not fooled by this (observed r below the null),
 * and the centroid ignores r &lt;= 0.
 */
public final class EncodingAnalysis {

    /** Circular shifts for the null distribution keep at least this much more than the longest lag. */
    static final double SHIFT_MARGIN_SECONDS = 10;

    private EncodingAnalysis() {
    }

    /**
     * @param layers    stimulus features on the grid, each with one row per grid time
     * @param responses responses on the grid; NaN rows are left out for that response
     * @param block     block[t] = track index of grid time t, or -1 outside any track (never used for fitting or
     *                  testing, but still usable as lagged stimulus history).
     */
    public static EncodingProfile run(List<Layer> layers, List<Response> responses, int[] block, EncodingSettings s) {
        Checks.present(s, "encoding settings");
        TrackLayout tracks = TrackLayout.of(block, "block");
        checkInputs(layers, responses, block, tracks);

        int[] lags = s.lags();
        int maxLag = lags[lags.length - 1];
        int minShift = (int) Math.ceil((s.maxLagSeconds() + SHIFT_MARGIN_SECONDS) * s.rate() - 1e-9);
        double[] lambdas = s.lambdas();
        int nl = layers.size();
        int nr = responses.size();

        int[][] usable = new int[nr][];
        int[][] offsets = new int[nr][];
        SplittableRandom seeds = new SplittableRandom(s.seed());
        for (int j = 0; j < nr; j++) {
            Response response = responses.get(j);
            usable[j] = ResponseGroups.availability(response, tracks).stream().toArray();
            checkResponse(response, usable[j], tracks);
            offsets[j] = CircularShiftTest.offsets(usable[j].length, minShift, s.permutations(), seeds.nextLong(),
                    "response " + response.name());
        }

        List<ResponseGroups.Group> groups = ResponseGroups.of(responses, tracks);
        int[][] outer = TrackFolds.outer(tracks.tracks());
        LayerComponents[] components = new LayerComponents[nl];
        double[][] r = new double[nl][nr];
        double[][] p = new double[nl][nr];
        double[][] lambda = new double[nl][nr];
        for (int i = 0; i < nl; i++) {
            Layer layer = layers.get(i);
            components[i] = LayerComponents.fit(layer.values(), s.components(), "layer " + layer.name());
            DMatrixRMaj design = LagDesign.build(components[i].project(layer.values()), lags);
            for (ResponseGroups.Group group : groups) {
                int[] members = group.members();
                LayerCrossValidation cv = new LayerCrossValidation(design, tracks, group.available(),
                        valuesOf(responses, members), lambdas, maxLag, s.innerFolds());
                LayerCrossValidation.Outcome outcome = cv.run(outer);
                for (int m = 0; m < members.length; m++) {
                    int j = members[m];
                    double[] predicted = pick(outcome.heldOut()[m], usable[j]);
                    double[] observed = pick(responses.get(j).values(), usable[j]);
                    r[i][j] = Pearson.r(predicted, observed);
                    p[i][j] = CircularShiftTest.p(predicted, observed, r[i][j], offsets[j]);
                    lambda[i][j] = FoldMedian.of(outcome.lambdaPerFold()[m]);
                }
            }
        }

        int[] depths = layers.stream().mapToInt(Layer::depth).toArray();
        double[] centroid = new double[nr];
        int[] best = new int[nr];
        for (int j = 0; j < nr; j++) {
            double[] column = new double[nl];
            for (int i = 0; i < nl; i++) {
                column[i] = r[i][j];
            }
            centroid[j] = LayerCentroid.of(depths, column);
            best[j] = bestLayer(column);
        }
        List<EncodingModel> models = refit(layers, responses, tracks, groups, components, best, lags, s);
        return new EncodingProfile(layers.stream().map(Layer::name).toList(), depths,
                responses.stream().map(Response::name).toList(), responses.stream().map(Response::unit).toList(),
                r, p, lambda, centroid, best, models);
    }

    /** The layer with the highest r; undefined r never wins, ties go to the lower index. */
    static int bestLayer(double[] r) {
        int best = 0;
        for (int i = 1; i < r.length; i++) {
            if (r[i] > r[best] || (Double.isNaN(r[best]) && !Double.isNaN(r[i]))) {
                best = i;
            }
        }
        return best;
    }

    /** Every response's model on its best layer: λ by blocked cross-validation over all tracks, then all rows. */
    private static List<EncodingModel> refit(List<Layer> layers, List<Response> responses, TrackLayout tracks,
            List<ResponseGroups.Group> groups, LayerComponents[] components, int[] best, int[] lags,
            EncodingSettings s) {
        EncodingModel[] models = new EncodingModel[responses.size()];
        for (int i = 0; i < layers.size(); i++) {
            final int layer = i;
            if (Arrays.stream(best).noneMatch(b -> b == layer)) {
                continue;
            }
            DMatrixRMaj design = LagDesign.build(components[i].project(layers.get(i).values()), lags);
            for (ResponseGroups.Group group : groups) {
                int[] members = Arrays.stream(group.members()).filter(j -> best[j] == layer).toArray();
                if (members.length == 0) {
                    continue;
                }
                LayerCrossValidation cv = new LayerCrossValidation(design, tracks, group.available(),
                        valuesOf(responses, members), s.lambdas(), lags[lags.length - 1], s.innerFolds());
                LayerCrossValidation.Refit fit = cv.refitAll();
                for (int m = 0; m < members.length; m++) {
                    models[members[m]] = EncodingModel.fitted(layers.get(i).name(), responses.get(members[m]).name(),
                            fit.lambda()[m], components[i], lags, fit.fit().weights()[m], fit.fit().intercept()[m]);
                }
            }
        }
        return List.of(models);
    }

    private static void checkInputs(List<Layer> layers, List<Response> responses, int[] block, TrackLayout tracks) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("layers is empty");
        }
        if (responses == null || responses.isEmpty()) {
            throw new IllegalArgumentException("responses is empty");
        }
        for (Layer layer : layers) {
            Checks.present(layer, "layers entry");
            Checks.sameLength(block.length, "block", layer.values().length, "layer " + layer.name());
        }
        for (Response response : responses) {
            Checks.present(response, "responses entry");
            Checks.sameLength(block.length, "block", response.values().length, "response " + response.name());
        }
        if (tracks.tracks() < 3) {
            throw new IllegalArgumentException("block names " + tracks.tracks()
                    + " tracks: nested cross-validation blocked by track needs at least 3");
        }
    }

    private static void checkResponse(Response response, int[] usable, TrackLayout tracks) {
        long withData = Arrays.stream(usable).map(tracks::trackOf).distinct().count();
        if (withData < 3) {
            throw new IllegalArgumentException("response " + response.name() + " has usable rows in " + withData
                    + " tracks: nested cross-validation blocked by track needs at least 3");
        }
        double first = response.values()[usable[0]];
        if (Arrays.stream(usable).allMatch(t -> response.values()[t] == first)) {
            throw new IllegalArgumentException("response " + response.name() + " is constant (" + first
                    + ") over its usable rows");
        }
    }

    private static double[][] valuesOf(List<Response> responses, int[] members) {
        double[][] y = new double[members.length][];
        for (int m = 0; m < members.length; m++) {
            y[m] = responses.get(members[m]).values();
        }
        return y;
    }

    private static double[] pick(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
