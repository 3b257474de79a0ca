package org.frisson.sim;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;

import java.util.Locale;

/**
 * The marker stream of a file playback: {@code track_start <file>} when a pass of the track begins,
 * {@code position <seconds>} at every whole second of it (0 included), {@code track_stop} when it ends or
 * playback is stopped; each stamped with the LSL time of the audio frame it marks.
 *
 * <p>Its type defaults to {@link #DEFAULT_TYPE}, not {@code Markers}: a pipeline input matching
 * {@code type='Markers'} (the chill button) takes the first such stream it finds, and must not find this one.
 */
public final class PlaybackMarkers implements AutoCloseable {

    public static final String DEFAULT_NAME = "frisson.playback";
    public static final String DEFAULT_TYPE = "PlaybackMarkers";
    /** The marker at the end of a pass of the track. */
    public static final String TRACK_STOP = "track_stop";

    /** The marker at the first frame of a pass of {@code file}. */
    public static String trackStartText(String file) {
        return "track_start " + file;
    }

    private final StreamInfo info;
    private final Outlet outlet;
    private final String[] text = new String[1];
    private final double[] stamp = new double[1];

    public PlaybackMarkers(String name, String type, String sourceId, String file) {
        this.info = StreamInfo.builder(name, type).channelCount(1).rate(StreamInfo.IRREGULAR_RATE)
                .format(ChannelFormat.STRING).sourceId(sourceId).desc("manufacturer", "Frisson")
                .desc("file", file).channel("playback", "", "Marker").build();
        this.outlet = Outlet.open(info);
    }

    public Outlet outlet() {
        return outlet;
    }

    public StreamInfo info() {
        return info;
    }

    public void trackStart(String file, double at) {
        push(trackStartText(file), at);
    }

    public void position(double seconds, double at) {
        push(String.format(Locale.ROOT, "position %.3f", seconds), at);
    }

    public void trackStop(double at) {
        push(TRACK_STOP, at);
    }

    private void push(String marker, double at) {
        text[0] = marker;
        stamp[0] = at;
        outlet.push(text, 1, stamp);
    }

    @Override
    public void close() {
        outlet.close();
        info.close();
    }
}
