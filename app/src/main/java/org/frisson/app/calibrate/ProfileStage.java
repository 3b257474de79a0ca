package org.frisson.app.calibrate;

import org.frisson.pipeline.PipelineConfig;
import org.frisson.pipeline.StageCatalog;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Puts a listener's profile into a pipeline: a {@code subject_readout} stage after the config's emotion stage. */
public final class ProfileStage {

    public static final String NAME = "subject";

    private ProfileStage() {
    }

    /**
     * The config with the profile's readout stage added, reading the first emotion stage with an EEG branch and
     * writing on that stage's output.
     *
     * @throws PipelineConfig.ConfigException when the config has no such emotion stage
     */
    public static PipelineConfig add(PipelineConfig cfg, Path profile) {
        PipelineConfig.StageEntry emotion = cfg.stages().stream()
                .filter(s -> s.kind().equals("emotion") && s.params().containsKey("eeg")).findFirst()
                .orElseThrow(() -> new PipelineConfig.ConfigException(cfg.file() + ": --profile needs an 'emotion' stage"
                        + " with an EEG branch, whose latent the listener's readouts read"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("emotion", emotion.name());
        params.put("profile", profile.toString());
        params.put("output", StageCatalog.installed().value(emotion, "output"));
        return cfg.withStage(new PipelineConfig.StageEntry(NAME, "subject_readout", params));
    }
}
