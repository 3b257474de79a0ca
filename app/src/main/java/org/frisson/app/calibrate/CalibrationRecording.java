package org.frisson.app.calibrate;

import org.frisson.pipeline.RecordingFeed;
import org.frisson.calibration.RatingMarker;
import org.frisson.lsl.ChannelFormat;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfStream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The calibration block a recording holds: the tracks, from a player's markers ({@code track_start <title>} …
 * {@code track_stop} on a {@code PlaybackMarkers} stream: Frisson's own player or an external one), and the
 * listener's rating of each, from {@code rating …} markers on a {@code Ratings} stream. Times are on the
 * recording's local clock (recorded offsets applied), as the offline pipeline sees them.
 */
public record CalibrationRecording(List<Track> tracks, Map<String, RatingMarker> ratings) {

    public static final String TRACKS_TYPE = "PlaybackMarkers";

    /** One track as it was played. */
    public record Track(String title, double start, double end) {
        public boolean contains(double t) {
            return t >= start && t <= end;
        }
    }

    /**
     * Reads the tracks and ratings. A track started but never stopped (the recording ended first) and a rating
     * of an unknown track are left out and reported through {@code warn}; a track rated twice keeps the last
     * rating. A malformed rating marker is an error naming the stream.
     *
     * @throws IllegalArgumentException when the recording has no track markers or no ratings
     */
    public static CalibrationRecording read(XdfFile xdf, Consumer<String> warn) {
        String file = String.valueOf(xdf.path());
        List<Track> tracks = new ArrayList<>();
        List<XdfStream> ratingStreams = new ArrayList<>();
        for (XdfStream s : xdf.streams()) {
            if (s.format() != ChannelFormat.STRING) {
                continue;
            }
            if (s.type().equals(TRACKS_TYPE)) {
                readTracks(s, file, tracks, warn);
            } else if (s.type().equals(RatingMarker.STREAM_TYPE)) {
                ratingStreams.add(s);
            }
        }
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException(file + ": no tracks: no 'track_start <title>' ... 'track_stop' markers on a "
                    + TRACKS_TYPE + " stream (Frisson's player writes them; so can an external player)");
        }
        tracks.sort(java.util.Comparator.comparingDouble(Track::start));
        Map<String, RatingMarker> ratings = new LinkedHashMap<>();
        for (XdfStream s : ratingStreams) {
            String where = file + " stream '" + s.name() + "'";
            for (int i = 0; i < s.sampleCount(); i++) {
                String text = s.text(i, 0);
                if (!RatingMarker.isRating(text)) {
                    continue;
                }
                RatingMarker r = RatingMarker.parse(text, where + " sample " + i);
                if (tracks.stream().noneMatch(t -> t.title().equals(r.track()))) {
                    warn.accept(where + ": rating of '" + r.track() + "', which no track marker names; left out");
                    continue;
                }
                ratings.put(r.track(), r);
            }
        }
        if (ratings.isEmpty()) {
            throw new IllegalArgumentException(file + ": no track ratings: no 'rating valence=.. arousal=.. track=..' markers"
                    + " on a " + RatingMarker.STREAM_TYPE + " stream");
        }
        for (Track t : tracks) {
            if (!ratings.containsKey(t.title())) {
                warn.accept(file + ": track '" + t.title() + "' was not rated; its windows are left out of the readouts");
            }
        }
        return new CalibrationRecording(List.copyOf(tracks), Map.copyOf(ratings));
    }

    private static void readTracks(XdfStream s, String file, List<Track> tracks, Consumer<String> warn) {
        double[] t = RecordingFeed.localStamps(s);
        String open = null;
        double start = 0;
        for (int i = 0; i < s.sampleCount(); i++) {
            String text = s.text(i, 0);
            if (text.startsWith("track_start ")) {
                if (open != null) {
                    tracks.add(new Track(open, start, t[i]));
                }
                open = text.substring("track_start ".length()).trim();
                start = t[i];
            } else if (text.startsWith("track_stop") && open != null) {
                tracks.add(new Track(open, start, t[i]));
                open = null;
            }
        }
        if (open != null) {
            warn.accept(file + " stream '" + s.name() + "': track '" + open + "' never stopped (the recording ended"
                    + " first); left out");
        }
    }

    /** The track playing at {@code t}, or -1. */
    public int trackAt(double t) {
        for (int k = 0; k < tracks.size(); k++) {
            if (tracks.get(k).contains(t)) {
                return k;
            }
        }
        return -1;
    }
}
