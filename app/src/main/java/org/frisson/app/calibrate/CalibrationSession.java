package org.frisson.app.calibrate;

import org.frisson.app.CliException;
import org.frisson.app.run.LiveSession;
import org.frisson.app.audio.AudioClip;
import org.frisson.app.audio.FilePlayback;
import org.frisson.sim.PlaybackMarkers;
import org.frisson.app.calibrate.CalibrationRecording;
import org.frisson.pipeline.ChunkListener;
import org.frisson.pipeline.Pipeline;
import org.frisson.calibration.RatingMarker;
import org.frisson.dashboards.Dashboard;
import org.frisson.dashboards.RatingSink;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A live calibration block: watches the track markers (of Frisson's own playlist, or of an external player)
 * and the ratings coming in, asks for each finished track's rating (in the terminal, or through the
 * dashboard) and publishes the answers as rating markers on {@code frisson.ratings}, which the pipeline
 * records like any input. The block ends once the playlist (or the expected number of tracks) is played
 * and rated.
 */
final class CalibrationSession implements LiveSession {

    /** Where ratings come from. */
    enum Ratings { TERMINAL, DASHBOARD, STREAM }

    /** How long the playlist waits for a track's rating before it plays the next one. */
    static final double RATING_WAIT_SECONDS = 120;
    /** Silence between playlist tracks once the previous one is rated. */
    static final double PAUSE_SECONDS = 2;

    private final Ratings ratings;
    private final Outlet ratingOutlet;
    private final List<AudioClip> playlist;
    private final Outlet audio;
    private final PlaybackMarkers playerMarkers;
    private final int expectTracks;
    private final BufferedReader terminal;
    private final PrintWriter out;
    private final Set<String> played = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<String> rated = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private final BlockingQueue<String> toAsk = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean playlistDone;
    private volatile boolean stopping;
    private Consumer<String> log = s -> { };

    /**
     * @param ratingOutlet where terminal and dashboard ratings are published (null in {@code STREAM} mode)
     * @param playlist     clips to play, with {@code audio} and {@code playerMarkers}; empty to follow an external player
     * @param expectTracks with an external player, how many tracks make the block (0: until stopped)
     */
    CalibrationSession(Ratings ratings, Outlet ratingOutlet, List<AudioClip> playlist, Outlet audio,
                       PlaybackMarkers playerMarkers, int expectTracks, BufferedReader terminal, PrintWriter out) {
        this.ratings = ratings;
        this.ratingOutlet = ratingOutlet;
        this.playlist = playlist;
        this.audio = audio;
        this.playerMarkers = playerMarkers;
        this.expectTracks = playlist.isEmpty() ? expectTracks : playlist.size();
        this.terminal = terminal;
        this.out = out;
    }

    /** The outlet Frisson publishes terminal and dashboard ratings on. */
    static StreamInfo ratingStream(String sourceId) {
        return StreamInfo.builder("frisson.ratings", RatingMarker.STREAM_TYPE).channelCount(1)
                .rate(StreamInfo.IRREGULAR_RATE).format(ChannelFormat.STRING).sourceId(sourceId)
                .desc("manufacturer", "Frisson").channel("rating", "", "Marker").build();
    }

    @Override
    public Pipeline.Taps taps() {
        return new Pipeline.Taps(List.of(new Watch()), List.of());
    }

    /** Sees the track and rating markers as the pipeline receives them. */
    private final class Watch implements ChunkListener {
        private int tracks = -1;
        private int ratingsIn = -1;
        private String open;

        @Override
        public void start(List<StreamInfo> inputs) {
            for (int i = 0; i < inputs.size(); i++) {
                String type = inputs.get(i).type();
                if (type.equals(CalibrationRecording.TRACKS_TYPE) && tracks < 0) {
                    tracks = i;
                } else if (type.equals(RatingMarker.STREAM_TYPE) && ratingsIn < 0) {
                    ratingsIn = i;
                }
            }
        }

        @Override
        public void chunk(int stream, int samples, double[] stamps, double[] values, String[] texts, double clockOffset) {
            if (stream != tracks && stream != ratingsIn) {
                return;
            }
            for (int i = 0; i < samples; i++) {
                String text = texts[i];
                if (stream == tracks && text.startsWith("track_start ")) {
                    open = text.substring("track_start ".length()).trim();
                    log.accept("track started: " + open);
                } else if (stream == tracks && text.startsWith("track_stop") && open != null) {
                    played.add(open);
                    log.accept("track ended: " + open + " (" + played.size()
                            + (expectTracks > 0 ? " of " + expectTracks : "") + ")");
                    if (ratings != Ratings.STREAM) {
                        toAsk.add(open);
                    }
                    open = null;
                } else if (stream == ratingsIn && RatingMarker.isRating(text)) {
                    try {
                        RatingMarker r = RatingMarker.parse(text, "ratings stream");
                        rated.add(r.track());
                        log.accept(String.format("rated %s: valence %s, arousal %s", r.track(), r.valence(), r.arousal()));
                    } catch (IllegalArgumentException e) {
                        log.accept("WARNING " + e.getMessage());
                    }
                }
            }
        }

        @Override
        public void end() {
        }
    }

    @Override
    public void started(Dashboard dashboard, Consumer<String> log) {
        this.log = log;
        if (ratings == Ratings.TERMINAL) {
            start("frisson-ratings-terminal", this::askInTerminal);
        } else if (ratings == Ratings.DASHBOARD) {
            if (dashboard == null) {
                throw new CliException("--ratings dashboard needs the dashboard (drop --no-dashboard)");
            }
            start("frisson-ratings-dashboard", () -> askOnDashboard(dashboard));
        }
        if (!playlist.isEmpty()) {
            start("frisson-playlist", this::play);
        }
    }

    private void start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Plays each clip, then waits for its rating before the next. */
    private void play() {
        for (AudioClip clip : playlist) {
            if (stopping) {
                return;
            }
            String title = clip.file().getFileName().toString();
            new FilePlayback(clip, title, audio, playerMarkers, false, 0.01).run(Lsl.localClock(), () -> stopping);
            double deadline = Lsl.localClock() + RATING_WAIT_SECONDS;
            while (!stopping && !rated.contains(title) && Lsl.localClock() < deadline) {
                sleep(0.05);
            }
            sleep(PAUSE_SECONDS);
        }
        playlistDone = true;
    }

    private void askInTerminal() {
        while (!stopping) {
            String title = next();
            if (title == null) {
                continue;
            }
            while (!stopping) {
                synchronized (out) {
                    out.printf("rate '%s': valence and arousal, 1-9 each (e.g. \"7 3\"): ", title);
                    out.flush();
                }
                String line;
                try {
                    line = terminal.readLine();
                } catch (IOException e) {
                    line = null;
                }
                if (line == null) {
                    log.accept("WARNING the terminal closed: no more ratings from it");
                    return;
                }
                try {
                    String[] f = line.trim().split("[\\s,]+");
                    if (f.length != 2) {
                        throw new IllegalArgumentException("two numbers, valence then arousal, please");
                    }
                    double valence;
                    double arousal;
                    try {
                        valence = Double.parseDouble(f[0]);
                        arousal = Double.parseDouble(f[1]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("valence and arousal must be numbers, got '" + line.trim() + "'");
                    }
                    publish(new RatingMarker(title, valence, arousal));
                    break;
                } catch (IllegalArgumentException e) {
                    synchronized (out) {
                        out.println("  " + e.getMessage());
                        out.flush();
                    }
                }
            }
        }
    }

    private void askOnDashboard(Dashboard dashboard) {
        while (!stopping) {
            String title = next();
            if (title != null) {
                dashboard.askRating(title);
                log.accept("asked for the rating of '" + title + "' on the dashboard");
            }
        }
    }

    @Override
    public RatingSink ratings() {
        return ratings == Ratings.DASHBOARD ? (track, valence, arousal) -> publish(new RatingMarker(track, valence, arousal))
                : null;
    }

    private String next() {
        try {
            return toAsk.poll(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return null;
        }
    }

    private void publish(RatingMarker r) {
        synchronized (ratingOutlet) {
            ratingOutlet.push(new String[] {r.format()}, 1, new double[] {Lsl.localClock()});
        }
    }

    @Override
    public boolean done() {
        if (!playlist.isEmpty()) {
            return playlistDone;
        }
        if (expectTracks <= 0) {
            return false;
        }
        synchronized (played) {
            return played.size() >= expectTracks && rated.containsAll(played);
        }
    }

    @Override
    public void stopped() {
        stopping = true;
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sleep(0.5); // the last rating and markers reach the recorder before the pipeline closes
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tracks rated so far. */
    Set<String> rated() {
        return Set.copyOf(rated);
    }
}
