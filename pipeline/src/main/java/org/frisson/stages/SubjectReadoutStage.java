package org.frisson.stages;

import org.frisson.calibration.FileHash;
import org.frisson.calibration.ProfileFiles;
import org.frisson.calibration.ShrinkageLda;
import org.frisson.calibration.SubjectProfile;
import org.frisson.stage.Frame;
import org.frisson.stage.LatestResult;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Parameter;
import org.frisson.stage.Params;
import org.frisson.stage.Provenance;
import org.frisson.stage.Stage;
import org.frisson.stage.StageConfigException;
import org.frisson.stage.StageContext;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code kind: subject_readout} — one listener's calibrated valence and arousal: their readouts (fitted by
 * {@code frisson calibrate}) on the emotion model's EEG latent, at every new latent.
 *
 * <pre>{kind: subject_readout, profile: profiles/S01}</pre>
 * Channels {@code subject.valence}, {@code subject.arousal}: P(rating above the listener's own median),
 * dimensionless. The
 * profile is refused, naming the difference, when the pipeline's emotion model is not the file it was fitted
 * with (by SHA-256) or its EEG features (channels, bands) differ.
 */
public final class SubjectReadoutStage implements Stage {

    static final Parameter<String> PROFILE = Parameter.file("profile", null,
            "the listener's profile: a directory written by frisson calibrate").required();
    static final Parameter<String> EMOTION = Parameter.stage("emotion", "emotion",
            "the emotion stage whose EEG latent the readouts read");
    static final Parameter<String> OUTPUT = Parameter.output("output", "emotion", "where the channels go");

    private EmotionStage emotion;
    private LatestResult source;
    private ShrinkageLda valence;
    private ShrinkageLda arousal;
    private OutputSlot slot;
    private double[] latent;
    private long seen;
    private double pValence = Double.NaN;
    private double pArousal = Double.NaN;

    @Override
    public String kind() {
        return "subject_readout";
    }

    @Override
    public String description() {
        return "one listener's calibrated valence and arousal: their readouts on the emotion model's EEG latent";
    }

    @Override
    public List<Parameter<?>> parameters() {
        return List.of(PROFILE, EMOTION, OUTPUT);
    }

    @Override
    public void configure(StageContext context) {
        Params p = context.params();
        String dir = p.get(PROFILE);
        SubjectProfile profile;
        try {
            profile = ProfileFiles.read(Path.of(dir));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new StageConfigException(p.where() + ".profile: " + e.getMessage());
        }
        String upstream = p.get(EMOTION);
        emotion = context.upstream(upstream, EmotionStage.class);
        source = context.upstream(upstream);
        check(p, dir, profile);
        valence = readout(p, dir, profile, SubjectProfile.VALENCE);
        arousal = readout(p, dir, profile, SubjectProfile.AROUSAL);
        latent = new double[source.width()];
        slot = context.output(p.get(OUTPUT), List.of("subject.valence", "subject.arousal"), "");
        context.provenance(new Provenance(context.name(), "profile " + dir + " (subject " + profile.subject() + ")",
                "fitted", "subject " + profile.subject() + " calibration " + profile.created(), String.format(
                java.util.Locale.ROOT, "subject profile %s: subject.valence and subject.arousal are this listener's own"
                        + " readouts, fitted on their calibration block of %s (%d rated tracks)", profile.subject(),
                profile.created(), profile.tracks().size())));
    }

    /** Refuses a profile made for another emotion model or other EEG features. */
    private void check(Params p, String dir, SubjectProfile profile) {
        String where = p.where() + ": profile " + dir + " (subject " + profile.subject() + ")";
        Path model = emotion.eegModelFile();
        if (model == null) {
            throw new StageConfigException(where + ": the emotion stage's EEG branch is off, so there is no latent to read");
        }
        SubjectProfile.ModelRecord made = profile.model("emotion_eeg");
        if (made == null) {
            throw new StageConfigException(where + ": records no emotion_eeg model");
        }
        String sha = FileHash.sha256(model);
        if (!sha.equals(made.sha256())) {
            throw new StageConfigException(where + " was fitted with the EEG emotion model " + made.file() + " (SHA-256 "
                    + made.sha256().substring(0, 12) + "...), this pipeline runs " + model + " (SHA-256 "
                    + sha.substring(0, 12) + "...): calibrate again with this model");
        }
        List<String> want = profile.eegFeatures();
        List<String> have = emotion.eegFeatureLabels();
        if (!want.equals(have)) {
            throw new StageConfigException(where + " was fitted on other EEG features: the profile's "
                    + EmotionStage.firstDifference(want, have) + " this pipeline");
        }
    }

    private ShrinkageLda readout(Params p, String dir, SubjectProfile profile, String target) {
        SubjectProfile.Readout r = profile.readouts().get(target);
        if (r == null || !r.features().equals(SubjectProfile.LATENT)) {
            throw new StageConfigException(p.where() + ": profile " + dir + " has no " + target + " readout on the latent");
        }
        if (!r.labels().equals(source.labels())) {
            throw new StageConfigException(p.where() + ": profile " + dir + ": the " + target + " readout's features "
                    + EmotionStage.firstDifference(r.labels(), source.labels()) + " the emotion model's latent");
        }
        return r.model();
    }

    @Override
    public void process(Frame frame) {
        long count = source.count();
        if (count != seen) {
            seen = count;
            for (int i = 0; i < latent.length; i++) {
                latent[i] = source.value(i);
            }
            pValence = valence.probability(latent);
            pArousal = arousal.probability(latent);
        }
        slot.set(0, pValence);
        slot.set(1, pArousal);
    }

    @Override
    public void reset() {
        seen = source.count();
        pValence = Double.NaN;
        pArousal = Double.NaN;
    }
}
