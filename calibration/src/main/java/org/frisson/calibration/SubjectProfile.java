package org.frisson.calibration;

import java.util.List;
import java.util.Map;

/**
 * What a calibration block taught about one listener: their readouts (valence and arousal from the frozen
 * emotion model's latent, and as a baseline from DE directly), their layer-wise encoding profile with the
 * fitted models, and what they were fitted on (streams, models with hashes, tracks and ratings), so that a
 * pipeline can refuse the profile when it runs on other channels or models.
 *
 * @param eegFeatures labels of the DE features the readouts depend on (channel/band), in order
 * @param readouts    by name: {@code valence}, {@code arousal} (latent), {@code valence_de}, {@code arousal_de}
 * @param retrieval   seed 001's retrieval in the frozen model's common space, EEG latents querying the music
 *                    latents of the same windows, by what counts as relevant: {@code track}, {@code valence},
 *                    {@code arousal}; empty when the music branch could not run
 */
public record SubjectProfile(String subject, String created, String version, String recording,
                             List<StreamRecord> streams, List<ModelRecord> models, List<String> eegFeatures,
                             List<TrackRecord> tracks, Map<String, Readout> readouts, EncodingProfile encoding,
                             EncodingSettings encodingSettings, Map<String, RetrievalScore> retrieval) {

    /** The readout that the live pipeline uses for each target. */
    public static final String VALENCE = "valence";
    public static final String AROUSAL = "arousal";
    /** Features the live readouts take: the emotion model's EEG latent. */
    public static final String LATENT = "emotion_latent";
    /** The baseline readouts' features: DE per channel and band. */
    public static final String DE = "de";

    /** One recorded input stream. */
    public record StreamRecord(String role, String name, String type, int channels, double rate, List<String> labels) {
    }

    /** One model file the profile depends on. */
    public record ModelRecord(String role, String file, String sha256) {
    }

    /** One calibration track with its rating. */
    public record TrackRecord(String title, double start, double end, double valence, double arousal) {
    }

    /**
     * A fitted readout of one target from one feature set.
     *
     * @param median the subject's median rating the labels were split at (seed 001)
     */
    public record Readout(String target, String features, List<String> labels, double median, ShrinkageLda model,
                          ReadoutScore score) {
    }

    public SubjectProfile {
        streams = List.copyOf(streams);
        models = List.copyOf(models);
        eegFeatures = List.copyOf(eegFeatures);
        tracks = List.copyOf(tracks);
        readouts = Map.copyOf(readouts);
    }

    /** The model the profile was made with for {@code role}, or null. */
    public ModelRecord model(String role) {
        for (ModelRecord m : models) {
            if (m.role().equals(role)) {
                return m;
            }
        }
        return null;
    }

    /** The recorded stream bound to {@code role}, or null. */
    public StreamRecord stream(String role) {
        for (StreamRecord s : streams) {
            if (s.role().equals(role)) {
                return s;
            }
        }
        return null;
    }
}
