package org.frisson.sim;

import java.nio.file.Path;

/**
 * What to simulate; errors name the command-line option.
 *
 * @param profile         lab, concert or calibration
 * @param participants    listeners in the concert profile
 * @param durationSeconds seconds to simulate, 0 for no end (lab, concert); a calibration session lasts its playlist
 * @param truthFile       where the planted ground truth goes, or null
 * @param session         the session id in every source id
 * @param tracks          tracks in the calibration playlist
 * @param trackSeconds    seconds per calibration track
 */
public record SessionOptions(String profile, int participants, long seed, double durationSeconds, Path truthFile,
                             String session, int tracks, double trackSeconds) {

    public static final int DEFAULT_TRACKS = 8;
    public static final double DEFAULT_TRACK_SECONDS = 30;

    public SessionOptions {
        if (!profile.equals("lab") && !profile.equals("concert") && !profile.equals("calibration")) {
            throw new IllegalArgumentException("the profile must be lab, concert or calibration, got '" + profile + "'");
        }
        if (participants < 1) {
            throw new IllegalArgumentException("--participants must be >= 1, got " + participants);
        }
        if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("--duration must be >= 0 seconds, got " + durationSeconds);
        }
        if (profile.equals("calibration") && durationSeconds != 0) {
            throw new IllegalArgumentException("--duration does not apply to the calibration profile: the session lasts"
                    + " its playlist (--tracks, --track-seconds) and the pauses for rating");
        }
        if (tracks < 1) {
            throw new IllegalArgumentException("--tracks must be >= 1, got " + tracks);
        }
        if (!(trackSeconds >= MusicScore.MIN_TRACK_SECONDS) || Double.isInfinite(trackSeconds)) {
            throw new IllegalArgumentException("--track-seconds must be >= " + MusicScore.MIN_TRACK_SECONDS + ", got "
                    + trackSeconds);
        }
    }

    /** A lab or concert session. */
    public SessionOptions(String profile, int participants, long seed, double durationSeconds, Path truthFile,
                          String session) {
        this(profile, participants, seed, durationSeconds, truthFile, session, DEFAULT_TRACKS, DEFAULT_TRACK_SECONDS);
    }

    /** A calibration session. */
    public static SessionOptions calibration(int tracks, double trackSeconds, long seed, Path truthFile, String session) {
        return new SessionOptions("calibration", 1, seed, 0, truthFile, session, tracks, trackSeconds);
    }

    public boolean calibration() {
        return profile.equals("calibration");
    }

    /** Whether the session has an end. */
    public boolean bounded() {
        return calibration() || durationSeconds > 0;
    }
}
