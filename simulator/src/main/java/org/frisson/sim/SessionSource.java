package org.frisson.sim;

import org.frisson.sim.PlaybackMarkers;
import org.frisson.calibration.RatingMarker;
import org.frisson.lsl.ChannelFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * Every sample and marker of one simulated session, generated in time order from the session's models: the
 * one source both the live outlets ({@link Simulator}) and the XDF file ({@link SessionFile}) take their data
 * from. Session time runs from 0; stamps are {@link #start()} plus session time, on the sink's clock.
 *
 * <p>Profiles: {@code lab} is the music ({@code Audio}), one listener's EEG, skin conductance, PPG, rating
 * slider and chill button; {@code concert} the music and skin conductance, PPG and chill button of every
 * participant; {@code calibration} is {@code lab} on a playlist ({@link MusicScore#playlist}), plus the
 * player's track markers ({@code Player}) and the listener's per-track ratings ({@code Ratings}).
 */
public final class SessionSource {

    /** DEAP's EEG rate (seed 001); typical wearable EDA and PPG rates. */
    public static final double EEG_RATE = 128;
    public static final double GSR_RATE = 32;
    public static final double PPG_RATE = 64;
    public static final double SLIDER_RATE = 10;
    public static final int AUDIO_RATE = 22050;
    /** Most samples handed to a sink at once. */
    private static final double MAX_CHUNK_SECONDS = 0.5;

    /** One numeric stream fed by one model. */
    private static final class Feed {
        final StreamSpec spec;
        final SignalModel model;
        final double[] values;
        final float[] floats;
        final double[] stamps;
        int stream;
        long next;

        Feed(StreamSpec spec, SignalModel model) {
            this.spec = spec;
            this.model = model;
            int max = (int) Math.ceil(spec.rate() * MAX_CHUNK_SECONDS) + 1;
            this.values = new double[max * model.channels()];
            this.floats = new float[max * model.channels()];
            this.stamps = new double[max];
        }

        void generate(double to, double t0, SessionSink sink) {
            double rate = spec.rate();
            long due = (long) Math.floor(to * rate) + 1;
            int ch = model.channels();
            while (next < due) {
                int n = (int) Math.min(stamps.length, due - next);
                for (int i = 0; i < n; i++) {
                    double t = (next + i) / rate;
                    stamps[i] = t0 + t;
                    model.sample(t, values, i * ch);
                }
                for (int i = 0; i < n * ch; i++) {
                    floats[i] = (float) values[i];
                }
                sink.samples(stream, floats, n, stamps);
                next += n;
            }
        }
    }

    /** One string marker stream following its schedule. */
    private static final class MarkerFeed {
        final StreamSpec spec;
        final MarkerSchedule schedule;
        final String[] texts = new String[16];
        final double[] stamps = new double[16];
        int stream;
        int next;

        MarkerFeed(StreamSpec spec, MarkerSchedule schedule) {
            this.spec = spec;
            this.schedule = schedule;
        }

        void generate(double to, double t0, SessionSink sink) {
            while (schedule.time(next) <= to) {
                int n = 0;
                while (n < texts.length && schedule.time(next + n) <= to) {
                    texts[n] = schedule.text(next + n);
                    stamps[n] = t0 + schedule.time(next + n);
                    n++;
                }
                sink.markers(stream, texts, n, stamps);
                next += n;
            }
        }
    }

    private final SessionOptions options;
    private final MusicScore score;
    private final float[] music;
    private final double duration;
    private final List<Feed> feeds = new ArrayList<>();
    private final List<MarkerFeed> markerFeeds = new ArrayList<>();
    private final List<SimulatedListener> listeners = new ArrayList<>();
    private double start = Double.NaN;

    private SessionSource(SessionOptions o) {
        this.options = o;
        this.score = o.calibration() ? MusicScore.playlist(o.tracks(), o.trackSeconds(), o.seed()) : MusicScore.demoPiece();
        this.music = MusicSynth.render(score, AUDIO_RATE, o.seed());
        this.duration = o.calibration() ? score.length() : o.durationSeconds() > 0 ? o.durationSeconds()
                : Double.POSITIVE_INFINITY;
        feeds.add(new Feed(spec("Music", "Audio", "audio", AUDIO_RATE, ChannelFormat.FLOAT32, List.of("mono"),
                "normalized"), new AudioModel(music, AUDIO_RATE)));
        boolean one = !o.profile().equals("concert");
        int n = one ? 1 : o.participants();
        for (int p = 1; p <= n; p++) {
            long seed = o.seed() * 1000 + p;
            ListenerPlan plan = ListenerPlan.plan(score, seed);
            String who = n == 1 ? "" : String.format("-P%03d", p);
            String id = n == 1 ? "" : String.format("p%03d-", p);
            String participant = n == 1 ? "" : String.format("P%03d", p);
            EegTraits eeg = o.calibration() ? EegTraits.drawn(seed + 4) : EegTraits.TYPICAL;
            if (one) {
                feeds.add(new Feed(spec("EEG", "EEG", "eeg", EEG_RATE, ChannelFormat.FLOAT32, EegModel.DEAP_CHANNELS,
                        "microvolts"), eeg.model(score, EegModel.DEAP_CHANNELS.size(), seed)));
            }
            feeds.add(new Feed(spec("GSR" + who, "GSR", id + "gsr", GSR_RATE, ChannelFormat.FLOAT32, List.of("GSR"),
                    "microsiemens", participant), new SkinConductanceModel(plan, score.length(), seed + 1)));
            PulseModel pulse = new PulseModel(score, plan, seed + 2);
            feeds.add(new Feed(spec("PPG" + who, "PPG", id + "ppg", PPG_RATE, ChannelFormat.FLOAT32, List.of("PPG"),
                    "normalized", participant), pulse));
            if (one) {
                feeds.add(new Feed(spec("Rating", "Rating", "rating", SLIDER_RATE, ChannelFormat.FLOAT32,
                        List.of("emotionality", "enjoyment"), "fraction"), new SliderModel(score, plan, SLIDER_RATE, seed + 3)));
            }
            markerFeeds.add(new MarkerFeed(spec("Chills" + who, "Markers", id + "chills", 0, ChannelFormat.STRING,
                    List.of("chill"), "", participant), new ChillButton(plan, score.length())));
            List<SelfAssessment.GivenRating> ratings = o.calibration()
                    ? SelfAssessment.drawn(seed + 5).rate(score) : List.of();
            String name = n > 1 ? String.format("P%03d", p) : o.calibration() ? "calibration" : "lab";
            listeners.add(new SimulatedListener(name, plan, pulse, eeg, ratings));
        }
        if (o.calibration()) {
            markerFeeds.add(new MarkerFeed(spec("Player", PlaybackMarkers.DEFAULT_TYPE, "player", 0, ChannelFormat.STRING,
                    List.of("playback"), ""), PlayerMarkers.of(score)));
            markerFeeds.add(new MarkerFeed(spec("Ratings", RatingMarker.STREAM_TYPE, "ratings", 0, ChannelFormat.STRING,
                    List.of("rating"), ""), SelfAssessment.markers(listeners.get(0).ratings())));
        }
        for (int i = 0; i < feeds.size(); i++) {
            feeds.get(i).stream = i;
        }
        for (int i = 0; i < markerFeeds.size(); i++) {
            markerFeeds.get(i).stream = feeds.size() + i;
        }
    }

    /** The session's models, ready to generate from session time 0. */
    public static SessionSource create(SessionOptions options) {
        return new SessionSource(options);
    }

    private StreamSpec spec(String name, String type, String idSuffix, double rate, ChannelFormat format,
                            List<String> labels, String unit) {
        return spec(name, type, idSuffix, rate, format, labels, unit, "");
    }

    /** A stream of one participant ({@code ""}: of none), who is then named in its {@code <desc>}. */
    private StreamSpec spec(String name, String type, String idSuffix, double rate, ChannelFormat format,
                            List<String> labels, String unit, String participant) {
        return new StreamSpec(name, type, "frisson-sim-" + options.session() + "-" + idSuffix, rate, format, labels, unit,
                participant);
    }

    /** Every stream, numbered as the sinks see them: numeric streams first, then marker streams. */
    public List<StreamSpec> streams() {
        List<StreamSpec> out = new ArrayList<>();
        feeds.forEach(f -> out.add(f.spec));
        markerFeeds.forEach(m -> out.add(m.spec));
        return out;
    }

    /** Fixes the stamp of session time 0 (once, before the first {@link #advance}). */
    public void start(double t0) {
        if (!Double.isNaN(start)) {
            throw new IllegalStateException("the session has started already, at " + start);
        }
        if (!Double.isFinite(t0)) {
            throw new IllegalArgumentException("session start must be a finite time, got " + t0);
        }
        this.start = t0;
    }

    /** Stamp of session time 0; NaN before {@link #start(double)}. */
    public double start() {
        return start;
    }

    /**
     * Hands {@code sink} every sample and marker of session time up to {@code until} seconds (and not past the
     * session's end) that it has not had yet, in chunks of at most half a second per stream.
     */
    public void advance(double until, SessionSink sink) {
        if (Double.isNaN(start)) {
            throw new IllegalStateException("start(t0) the session before advancing it");
        }
        double to = Math.min(until, duration);
        for (Feed f : feeds) {
            f.generate(to, start, sink);
        }
        for (MarkerFeed m : markerFeeds) {
            m.generate(to, start, sink);
        }
    }

    /** Seconds the session lasts; infinite when it runs until stopped. */
    public double duration() {
        return duration;
    }

    /** Passes of the piece begun by session time {@code until} (at least 1; a bounded session's last pass at most). */
    public int passes(double until) {
        int n = (int) Math.floor(Math.max(0, until) / score.length()) + 1;
        if (Double.isFinite(duration)) {
            n = Math.min(n, Math.max(1, (int) Math.ceil(duration / score.length() - 1e-9)));
        }
        return n;
    }

    public SessionOptions options() {
        return options;
    }

    public MusicScore score() {
        return score;
    }

    /** The rendered music, one pass at {@link #AUDIO_RATE}. */
    public float[] music() {
        return music;
    }

    public List<SimulatedListener> listeners() {
        return List.copyOf(listeners);
    }
}
