package org.frisson.app.audio;

import org.frisson.sim.PlaybackMarkers;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Publishes a clip in real time, paced on the LSL clock: frame {@code g} of the playback (counting on
 * across passes when looping) is stamped exactly {@code start + g / rate} and pushed once that time has
 * come, in chunks of {@code chunkSeconds}. The markers ({@link PlaybackMarkers}) go out as the frames
 * they mark are pushed. Allocation-free per chunk (markers allocate their text, once a second).
 */
public final class FilePlayback {

    private final AudioClip clip;
    private final Outlet audio;
    private final PlaybackMarkers markers;
    private final String trackName;
    private final boolean loop;
    private final int rate;
    private final int frames;
    private final int chunkFrames;
    private final float[] values;
    private final double[] stamps;
    private long pushed;
    private long nextMarkerFrame;
    private boolean trackOpen;

    public FilePlayback(AudioClip clip, String trackName, Outlet audio, PlaybackMarkers markers, boolean loop,
                        double chunkSeconds) {
        if (clip.frames() == 0) {
            throw new IllegalArgumentException(clip.file() + ": no audio frames to play");
        }
        this.clip = clip;
        this.trackName = trackName;
        this.audio = audio;
        this.markers = markers;
        this.loop = loop;
        this.rate = clip.sampleRate();
        this.frames = clip.frames();
        this.chunkFrames = Math.max(1, (int) Math.round(chunkSeconds * rate));
        this.values = new float[chunkFrames * clip.channels()];
        this.stamps = new double[chunkFrames];
    }

    /**
     * Plays from LSL time {@code start} until the end (or, looping, until {@code stop} says so); a stop
     * ends the track at the next unpushed frame.
     */
    public void run(double start, BooleanSupplier stop) {
        long total = loop ? Long.MAX_VALUE : frames;
        while (pushed < total && !stop.getAsBoolean()) {
            double now = Lsl.localClock();
            long due = Math.min(total, (long) Math.floor((now - start) * rate) + 1);
            if (due - pushed < chunkFrames && due < total) {
                double wait = start + (pushed + chunkFrames - 1) / (double) rate - now;
                LockSupport.parkNanos((long) (Math.max(wait, 0.0005) * 1e9));
                continue;
            }
            while (pushed < due) {
                pushChunk(start, (int) Math.min(chunkFrames, due - pushed));
            }
        }
        if (trackOpen) {
            markers.trackStop(start + pushed / (double) rate);
            trackOpen = false;
        }
    }

    private void pushChunk(double start, int n) {
        int ch = clip.channels();
        float[] src = clip.samples();
        for (int i = 0; i < n; i++) {
            long g = pushed + i;
            int f = (int) (g % frames);
            System.arraycopy(src, f * ch, values, i * ch, ch);
            stamps[i] = start + g / (double) rate;
        }
        emitMarkersUpTo(start, pushed + n);
        audio.push(values, n, stamps);
        pushed += n;
    }

    /** Markers for every marked frame before {@code end} (global frame count). */
    private void emitMarkersUpTo(double start, long end) {
        while (nextMarkerFrame < end) {
            long g = nextMarkerFrame;
            long inTrack = g % frames;
            double at = start + g / (double) rate;
            if (inTrack == 0) {
                if (trackOpen) {
                    markers.trackStop(at);
                }
                markers.trackStart(trackName, at);
                trackOpen = true;
            }
            markers.position(inTrack / (double) rate, at);
            long nextSecond = (inTrack / rate + 1) * rate;
            nextMarkerFrame = g - inTrack + Math.min(nextSecond, frames);
            if (nextSecond >= frames && !loop) {
                // the final track_stop goes out with the last frame (run's end), not here
                nextMarkerFrame = Long.MAX_VALUE;
            }
        }
    }

    /** Frames pushed so far (across passes). */
    public long pushed() {
        return pushed;
    }
}
