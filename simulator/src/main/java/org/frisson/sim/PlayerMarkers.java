package org.frisson.sim;

import org.frisson.sim.PlaybackMarkers;

import java.util.ArrayList;
import java.util.List;

/**
 * What an external player marks while it plays a playlist, in the texts of Frisson's own player
 * ({@link PlaybackMarkers}): {@code track_start <title>} at a track's first sample, {@code track_stop} at its end.
 */
public final class PlayerMarkers {

    private PlayerMarkers() {
    }

    public static TimedMarkers of(MusicScore playlist) {
        List<TimedMarkers.Marker> out = new ArrayList<>();
        for (Section track : playlist.tracks()) {
            out.add(new TimedMarkers.Marker(track.start(), PlaybackMarkers.trackStartText(track.label())));
            out.add(new TimedMarkers.Marker(track.end(), PlaybackMarkers.TRACK_STOP));
        }
        return new TimedMarkers(out);
    }
}
