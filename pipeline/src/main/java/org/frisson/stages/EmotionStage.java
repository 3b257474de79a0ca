package org.frisson.stages;

import org.frisson.models.OnnxPredictor;
import org.frisson.stage.Frame;
import org.frisson.stage.LatestResult;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Params;
import org.frisson.stage.Stage;
import org.frisson.stage.StageConfigException;
import org.frisson.stage.StageContext;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code kind: emotion} — the domain-adapted valence/arousal model of seed 001, live: its EEG branch on the
 * newest sequence of DE frames from an earlier {@code differential_entropy} stage, its music branch on the
 * newest embeddings from an earlier {@code embedding} stage. Each branch gives P(high valence) and P(high
 * arousal) (high: above the 1–9 scale's median, 5).
 *
 * <pre>{kind: emotion, eeg: eeg_de, music: music}</pre>
 * Channels {@code eeg.valence}, {@code eeg.arousal}, {@code music.valence}, {@code music.arousal}
 * (probabilities, dimensionless). A branch whose model is missing or corrupt, or does not fit its upstream
 * stage (other features, another embedding size), is off with an error naming both; its channels stay NaN.
 *
 * <p>The stage's {@link LatestResult} is the EEG branch's shared latent (seed 001's common space,
 * {@code latent.<i>}; no values when the branch or its latent is off), which a subject's calibrated readout
 * reads; with {@code latent: true} the latent is written too, as {@code eeg.latent.<i>} (calibration records it).
 */
public final class EmotionStage implements Stage {

    /** The EEG latent's labels as later stages read them: {@code latent.<i>}. */
    public static final String LATENT_LABEL = "latent.";
    private static final String EEG_CHANNEL = "eeg.";
    /** The EEG latent's channels on the output with {@code latent: true}: {@code eeg.latent.<i>}. */
    public static final String LATENT_CHANNEL = EEG_CHANNEL + LATENT_LABEL;

    static final Parameter<String> EEG = Parameter.stage("eeg", null,
            "the differential_entropy stage the EEG branch reads; without it, no EEG branch");
    static final Parameter<String> MUSIC = Parameter.stage("music", null,
            "the embedding stage the music branch reads; without it, no music branch");
    static final Parameter<String> EEG_MODEL = Parameter.file("eeg_model", "models/default/emotion_eeg.onnx",
            "the EEG branch's model (ONNX)");
    static final Parameter<String> MUSIC_MODEL = Parameter.file("music_model", "models/default/emotion_music.onnx",
            "the music branch's model (ONNX)");
    static final Parameter<Boolean> LATENT = Parameter.flag("latent", false,
            "whether the EEG branch's shared latent is written too (calibration records it)");
    static final Parameter<String> OUTPUT = Parameter.output("output", "emotion", "where the channels go");

    private Branch eeg;
    private Branch music;
    private OutputSlot slot;
    private OutputSlot latentSlot;
    private LatestResult eegSource;
    private LatestResult latent;

    /** One model on the history of one upstream source. */
    private static final class Branch {
        final OnnxPredictor model;
        final SourceHistory history;
        final int valence;
        final int arousal;
        final boolean sequence;
        final int window;
        final int latent;
        float pValence = Float.NaN;
        float pArousal = Float.NaN;

        Branch(OnnxPredictor model, SourceHistory history, boolean sequence, int window) {
            this.model = model;
            this.history = history;
            this.sequence = sequence;
            this.window = window;
            this.valence = model.outputIndex("valence");
            this.arousal = model.outputIndex("arousal");
            this.latent = model.outputs().indexOf("latent");
        }

        /** Runs the model when its source has a new result and enough history; whether it ran. */
        boolean update() {
            if (!history.update() || !history.full()) {
                return false;
            }
            if (!history.finite()) {
                pValence = Float.NaN; // a gap in the EEG: no prediction rather than a wrong one
                pArousal = Float.NaN;
                if (latent >= 0) {
                    java.util.Arrays.fill(model.output(latent), Float.NaN);
                }
                return true;
            }
            if (sequence) {
                history.copyTo(model.input());
            } else {
                history.meanOfNewest(window, model.input());
            }
            model.run();
            pValence = model.output(valence)[0];
            pArousal = model.output(arousal)[0];
            return true;
        }
    }

    @Override
    public String kind() {
        return "emotion";
    }

    @Override
    public String description() {
        return "seed 001's valence/arousal model: P(high valence) and P(high arousal) from the EEG's DE and from "
                + "the music's embedding";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(EEG, MUSIC, EEG_MODEL, MUSIC_MODEL, LATENT, OUTPUT);
    }

    @Override
    public void configure(StageContext context) {
        Params p = context.params();
        String output = p.get(OUTPUT);
        if (!p.has(EEG) && !p.has(MUSIC)) {
            throw new StageConfigException(p.where() + ": needs 'eeg' (a differential_entropy stage) or 'music' "
                    + "(an embedding stage), or both");
        }
        List<String> latentLabels = List.of();
        if (p.has(EEG)) {
            eegSource = context.upstream(p.get(EEG));
            eeg = eegBranch(context, p, eegSource);
            if (eeg != null && eeg.latent >= 0) {
                List<String> labels = new ArrayList<>();
                for (int i = 0; i < eeg.model.output(eeg.latent).length; i++) {
                    labels.add(LATENT_LABEL + i);
                }
                latentLabels = List.copyOf(labels);
            }
        }
        latent = new LatestResult(latentLabels, eegSource == null ? 0 : eegSource.rate(), 0);
        context.publish(latent);
        if (p.has(MUSIC)) {
            music = musicBranch(context, p);
        }
        slot = context.output(output, List.of("eeg.valence", "eeg.arousal", "music.valence", "music.arousal"), "");
        if (p.get(LATENT)) {
            if (latentLabels.isEmpty()) {
                throw new StageConfigException(p.where() + ".latent: needs the EEG branch's model with a 'latent' output");
            }
            latentSlot = context.output(output, latentLabels.stream().map(l -> EEG_CHANNEL + l).toList(), "");
        }
    }

    /** The EEG branch's model file, or null when the branch is off. */
    public java.nio.file.Path eegModelFile() {
        return eeg == null ? null : eeg.model.file();
    }

    /** The labels of the features the EEG branch reads (its upstream DE stage's), empty when it is off. */
    public List<String> eegFeatureLabels() {
        return eeg == null ? List.of() : eegSource.labels();
    }

    private static Branch eegBranch(StageContext context, Params p, LatestResult de) {
        OnnxPredictor model = ModelFiles.open(context, EEG_MODEL);
        if (model == null) {
            return null;
        }
        int[] shape = model.inputShape();
        List<String> want = model.metadata("frisson.feature_labels", null) == null ? List.of()
                : model.metadataList("frisson.feature_labels");
        String problem = null;
        if (shape.length != 2) {
            problem = "input " + model.inputName() + " is not [batch, frames, features]";
        } else if (shape[1] != de.labels().size()) {
            problem = "the model takes " + shape[1] + " features per frame, stage '" + p.get(EEG)
                    + "' gives " + de.labels().size();
        } else if (!want.isEmpty() && !want.equals(de.labels())) {
            problem = "the model's features " + firstDifference(want, de.labels()) + " stage '"
                    + p.get(EEG) + "'";
        }
        if (problem != null) {
            ModelFiles.disabled(context, EEG_MODEL, model.file() + ": " + problem);
            model.close();
            return null;
        }
        ModelFiles.accepted(context, model);
        return new Branch(model, new SourceHistory(de, shape[0]), true, shape[0]);
    }

    private static Branch musicBranch(StageContext context, Params p) {
        LatestResult emb = context.upstream(p.get(MUSIC));
        OnnxPredictor model = ModelFiles.open(context, MUSIC_MODEL);
        if (model == null) {
            return null;
        }
        int[] shape = model.inputShape();
        int size = emb.width();
        if (shape.length != 1 || shape[0] != size) {
            ModelFiles.disabled(context, MUSIC_MODEL, model.file() + ": the model takes an embedding of "
                    + (shape.length == 1 ? shape[0] : java.util.Arrays.toString(shape)) + " values, stage '"
                    + p.get(MUSIC) + "' gives " + size);
            model.close();
            return null;
        }
        // the model pools the embeddings of its window: as many as the window holds at their rate
        double seconds = Double.parseDouble(model.metadata("frisson.window_seconds", "0"));
        double rate = Double.parseDouble(model.metadata("frisson.frame_rate", String.valueOf(emb.rate())));
        if (Math.abs(rate - emb.rate()) > 1e-6 * rate) {
            context.log().log(System.Logger.Level.WARNING, model.file() + " was trained on embeddings at " + rate
                    + " Hz, stage '" + p.get(MUSIC) + "' gives them at " + emb.rate() + " Hz");
        }
        int window = Math.max(1, (int) Math.round(seconds * emb.rate()));
        ModelFiles.accepted(context, model);
        return new Branch(model, new SourceHistory(emb, window), false, window);
    }

    /** Where two label lists first differ, for an error message. */
    static String firstDifference(List<String> model, List<String> stage) {
        for (int i = 0; i < Math.min(model.size(), stage.size()); i++) {
            if (!model.get(i).equals(stage.get(i))) {
                return "differ from those of at position " + i + " ('" + model.get(i) + "' vs '" + stage.get(i) + "') of";
            }
        }
        return "(" + model.size() + ") differ in number from those (" + stage.size() + ") of";
    }

    @Override
    public void process(Frame frame) {
        if (write(eeg, 0) && eeg.latent >= 0) {
            float[] z = eeg.model.output(eeg.latent);
            for (int i = 0; i < z.length; i++) {
                latent.set(i, z[i]);
            }
            latent.publish(eegSource.stamp());
        }
        if (latentSlot != null) {
            for (int i = 0; i < latent.width(); i++) {
                latentSlot.set(i, latent.value(i));
            }
        }
        write(music, 2);
    }

    /** Runs the branch if it has a new input and writes its probabilities; whether it ran. */
    private boolean write(Branch b, int base) {
        if (b == null) {
            return false;
        }
        boolean ran = b.update();
        slot.set(base, b.pValence);
        slot.set(base + 1, b.pArousal);
        return ran;
    }

    @Override
    public void reset() {
        latent.clear();
        for (Branch b : branches()) {
            b.history.reset();
            b.pValence = Float.NaN;
            b.pArousal = Float.NaN;
        }
    }

    @Override
    public void close() {
        for (Branch b : branches()) {
            b.model.close();
        }
    }

    private List<Branch> branches() {
        List<Branch> out = new ArrayList<>();
        if (eeg != null) {
            out.add(eeg);
        }
        if (music != null) {
            out.add(music);
        }
        return out;
    }
}
