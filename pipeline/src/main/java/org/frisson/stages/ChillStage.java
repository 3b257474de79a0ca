package org.frisson.stages;

import org.frisson.models.OnnxPredictor;
import org.frisson.stage.Frame;
import org.frisson.stage.LatestResult;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Params;
import org.frisson.stage.Stage;
import org.frisson.stage.StageContext;

import java.util.List;

/**
 * {@code kind: chills} — seed 002's chill predictor, live: a 1-D CNN over the newest 12.8 s of the music's
 * embeddings (from an earlier {@code embedding} stage) predicts the listener's phasic skin conductance over the
 * next 3.2 s, and the probability of a chill in that time. It runs whenever a new embedding comes (every
 * {@code hop} of the embedding stage; seed 002 used a 4 s hop offline).
 *
 * <pre>{kind: chills, music: music}</pre>
 * Channels {@code phasic_predicted} (the mean of the predicted next-window phasic skin conductance, in the
 * model's normalized units) and {@code chill_probability}. A missing or corrupt model, or one made for another
 * embedding size, is off with an error naming both; its channels stay NaN.
 */
public final class ChillStage implements Stage {

    static final Parameter<String> MUSIC = Parameter.stage("music", null,
            "the embedding stage whose embeddings the model reads").required();
    static final Parameter<String> MODEL = Parameter.file("model", "models/default/chills.onnx",
            "the chill predictor (ONNX)");
    static final Parameter<String> OUTPUT = Parameter.output("output", "chills", "where the channels go");

    private OnnxPredictor model;
    private SourceHistory history;
    private OutputSlot slot;
    private int phasic;
    private int chill;
    private float predicted = Float.NaN;
    private float probability = Float.NaN;

    @Override
    public String kind() {
        return "chills";
    }

    @Override
    public String description() {
        return "seed 002's chill predictor: a 1-D CNN on the newest 12.8 s of embeddings predicts the next 3.2 s "
                + "of phasic skin conductance and the chance of a chill";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(MUSIC, MODEL, OUTPUT);
    }

    @Override
    public void configure(StageContext context) {
        Params p = context.params();
        String upstream = p.get(MUSIC);
        LatestResult emb = context.upstream(upstream);
        slot = context.output(p.get(OUTPUT), List.of("phasic_predicted", "chill_probability"), "");
        model = ModelFiles.open(context, MODEL);
        if (model == null) {
            return;
        }
        int[] shape = model.inputShape();
        int size = emb.width();
        if (shape.length != 2 || shape[1] != size) {
            ModelFiles.disabled(context, MODEL, model.file() + ": the model takes " + java.util.Arrays.toString(shape)
                    + " (frames x embedding), stage '" + upstream + "' gives an embedding of " + size + " values");
            model.close();
            model = null;
            return;
        }
        double modelRate = Double.parseDouble(model.metadata("frisson.frame_rate", String.valueOf(emb.rate())));
        if (Math.abs(modelRate - emb.rate()) > 1e-6 * modelRate) {
            context.log().log(System.Logger.Level.WARNING, model.file() + " was trained on embeddings at " + modelRate
                    + " Hz, stage '" + upstream + "' gives them at " + emb.rate() + " Hz");
        }
        phasic = model.outputIndex("phasic");
        chill = model.outputIndex("chill");
        history = new SourceHistory(emb, shape[0]);
        ModelFiles.accepted(context, model);
    }

    @Override
    public void process(Frame frame) {
        if (model == null) {
            return;
        }
        if (history.update() && history.full()) {
            if (history.finite()) {
                history.copyTo(model.input());
                model.run();
                float[] curve = model.output(phasic);
                double sum = 0;
                for (float v : curve) {
                    sum += v;
                }
                predicted = (float) (sum / curve.length);
                probability = model.output(chill)[0];
            } else {
                predicted = Float.NaN;
                probability = Float.NaN;
            }
        }
        slot.set(0, predicted);
        slot.set(1, probability);
    }

    @Override
    public void reset() {
        if (history != null) {
            history.reset();
        }
        predicted = Float.NaN;
        probability = Float.NaN;
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
        }
    }
}
