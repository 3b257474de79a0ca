package org.frisson.app.simulate;

import org.frisson.sim.SessionOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** What shapes a simulated listening session, live ({@code simulate session}) or in a file ({@code simulate recording}). */
final class SimulatedSessionOptions {

    @Parameters(index = "0", paramLabel = "PROFILE", description = "lab = music, EEG (32 ch, 128 Hz), skin conductance,"
            + " PPG, chill button and rating slider of one listener; concert = music and skin conductance, PPG and"
            + " chill button of --participants listeners; calibration = lab on a playlist of --tracks tracks with"
            + " pauses, plus the player's track markers (Player) and a 1-9 rating per track (Ratings).")
    String profile;

    @Option(names = "--participants", defaultValue = "10", description = "Listeners in the concert profile (default: ${DEFAULT-VALUE}).")
    int participants;

    @Option(names = "--tracks", paramLabel = "N",
            description = "Calibration: tracks in the playlist, balanced over the valence-arousal quadrants (default: 8).")
    Integer tracks;

    @Option(names = "--track-seconds", paramLabel = "S", description = "Calibration: seconds per track (default: 30).")
    Double trackSeconds;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S",
            description = "Seconds to simulate (lab, concert); 0: no end (default). Calibration lasts its playlist.")
    double duration;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--truth", paramLabel = "FILE", description = "Where the planted ground truth goes.")
    Path truth;

    @Option(names = "--session", defaultValue = "lab", description = "Session id in every source_id (default: ${DEFAULT-VALUE}).")
    String session;

    /** The truth file: {@code --truth}, else {@code fallback}. */
    Path truthFile(Path fallback) {
        return truth != null ? truth : fallback;
    }

    /** The simulator's options, with the ground truth going to {@code truthFile}. */
    SessionOptions sessionOptions(Path truthFile) {
        if (!"calibration".equals(profile) && (tracks != null || trackSeconds != null)) {
            throw new IllegalArgumentException((tracks != null ? "--tracks" : "--track-seconds")
                    + " applies to the calibration profile only");
        }
        return new SessionOptions(profile, participants, seed, duration, truthFile, session,
                tracks != null ? tracks : SessionOptions.DEFAULT_TRACKS,
                trackSeconds != null ? trackSeconds : SessionOptions.DEFAULT_TRACK_SECONDS);
    }
}
