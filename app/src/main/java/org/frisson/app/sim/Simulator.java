package org.frisson.app.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated listening session on real LSL outlets, coupled to a piece of music: the music itself as an
 * {@code Audio} stream, and per listener EEG, skin conductance, PPG, chill-button markers and a rating
 * slider ({@code lab}), or skin conductance, PPG and chill buttons for many listeners ({@code concert}).
 * Samples are pushed in real time in 10 ms chunks, stamped on the local LSL clock. What was planted
 * (section boundaries, response onsets, chills, beats) is written to a ground-truth JSON file.
 */
public final class Simulator implements AutoCloseable {

    /** Lab profile rates (DEAP EEG rate; typical wearable EDA and PPG rates). */
    public static final double EEG_RATE = 128;
    public static final double GSR_RATE = 32;
    public static final double PPG_RATE = 64;
    public static final double SLIDER_RATE = 10;
    public static final int AUDIO_RATE = 22050;
    private static final long TICK_MILLIS = 10;

    /** How to simulate. */
    public record Options(String profile, int participants, long seed, double durationSeconds, Path truthFile,
                          String session) {
        public Options {
            if (!profile.equals("lab") && !profile.equals("concert")) {
                throw new IllegalArgumentException("--profile must be lab or concert, got '" + profile + "'");
            }
            if (participants < 1) {
                throw new IllegalArgumentException("--participants must be >= 1, got " + participants);
            }
        }
    }

    /** One outlet fed by one model. */
    private static final class Feed {
        final StreamInfo info;
        final Outlet outlet;
        final SignalModel model;
        final double rate;
        final double[] values;
        final float[] floats;
        final double[] stamps;
        long next;

        Feed(StreamInfo info, SignalModel model) {
            this.info = info;
            this.outlet = Outlet.open(info);
            this.model = model;
            this.rate = info.nominalRate();
            int max = (int) Math.ceil(rate * 0.5) + 1;
            this.values = new double[max * model.channels()];
            this.floats = new float[max * model.channels()];
            this.stamps = new double[max];
        }
    }

    /** One listener's button. */
    private record Button(StreamInfo info, Outlet outlet, ListenerPlan plan, int[] nextEvent) {
    }

    private final Options options;
    private final MusicScore score = MusicScore.demoPiece();
    private final List<Feed> feeds = new ArrayList<>();
    private final List<Button> buttons = new ArrayList<>();
    private final List<ListenerPlan> plans = new ArrayList<>();
    private final List<PulseModel> pulses = new ArrayList<>();
    private final Thread thread;
    private final double t0;
    private volatile boolean running = true;
    private volatile int loopsWritten;

    private Simulator(Options options) {
        this.options = options;
        float[] music = MusicSynth.render(score, AUDIO_RATE, options.seed());
        Path wav = org.frisson.lsl.LslLibrary.frissonHome().resolve(".frisson/music/frisson-demo-piece.wav");
        if (!Files.exists(wav)) {
            try {
                MusicSynth.writeWav(music, AUDIO_RATE, wav);
            } catch (IOException e) {
                throw new UncheckedIOException("writing the demo piece to " + wav, e);
            }
        }
        feeds.add(new Feed(info("Music", "Audio", "audio", 1, AUDIO_RATE, List.of("mono"), "normalized"),
                new AudioModel(music, AUDIO_RATE)));
        int n = options.profile().equals("lab") ? 1 : options.participants();
        for (int p = 1; p <= n; p++) {
            long seed = options.seed() * 1000 + p;
            ListenerPlan plan = ListenerPlan.plan(score, seed);
            plans.add(plan);
            String who = n == 1 ? "" : String.format("-P%03d", p);
            String id = n == 1 ? "" : String.format("p%03d-", p);
            if (options.profile().equals("lab")) {
                feeds.add(new Feed(info("EEG", "EEG", "eeg", EegModel.DEAP_CHANNELS.size(), EEG_RATE,
                        EegModel.DEAP_CHANNELS, "microvolts"), new EegModel(score, EegModel.DEAP_CHANNELS.size(), seed)));
            }
            feeds.add(new Feed(info("GSR" + who, "GSR", id + "gsr", 1, GSR_RATE, List.of("GSR"), "microsiemens"),
                    new SkinConductanceModel(plan, score.length(), seed + 1)));
            PulseModel pulse = new PulseModel(score, plan, seed + 2);
            pulses.add(pulse);
            feeds.add(new Feed(info("PPG" + who, "PPG", id + "ppg", 1, PPG_RATE, List.of("PPG"), "normalized"), pulse));
            if (options.profile().equals("lab")) {
                feeds.add(new Feed(info("Rating", "Rating", "rating", 2, SLIDER_RATE,
                        List.of("emotionality", "enjoyment"), "fraction"), new SliderModel(score, plan, SLIDER_RATE, seed + 3)));
            }
            StreamInfo b = info("Chills" + who, "Markers", id + "chills", 1, 0, List.of("chill"), "");
            buttons.add(new Button(b, Outlet.open(b), plan, new int[1]));
        }
        this.t0 = Lsl.localClock();
        writeTruth(1);
        this.thread = new Thread(this::run, "frisson-simulator");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts publishing. */
    public static Simulator start(Options options) {
        return new Simulator(options);
    }

    private StreamInfo info(String name, String type, String idSuffix, int channels, double rate, List<String> labels,
                            String unit) {
        StreamInfo.Builder b = StreamInfo.builder(name, type).channelCount(channels).rate(rate)
                .format(type.equals("Markers") ? ChannelFormat.STRING : ChannelFormat.FLOAT32)
                .sourceId("frisson-sim-" + options.session() + "-" + idSuffix)
                .desc("manufacturer", "Frisson simulator");
        for (String l : labels) {
            b.channel(l, unit, type);
        }
        return b.build();
    }

    private void run() {
        double end = options.durationSeconds() > 0 ? t0 + options.durationSeconds() : Double.POSITIVE_INFINITY;
        while (running) {
            double now = Math.min(Lsl.localClock(), end);
            for (Feed f : feeds) {
                push(f, now);
            }
            for (Button b : buttons) {
                press(b, now);
            }
            int loop = (int) ((now - t0) / score.length()) + 1;
            if (loop > loopsWritten) {
                writeTruth(loop);
            }
            if (now >= end) {
                break;
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void push(Feed f, double now) {
        long due = (long) Math.floor((now - t0) * f.rate) + 1;
        int ch = f.model.channels();
        while (f.next < due) {
            int n = (int) Math.min(f.stamps.length, due - f.next);
            for (int i = 0; i < n; i++) {
                double t = (f.next + i) / f.rate;
                f.stamps[i] = t0 + t;
                f.model.sample(t, f.values, i * ch);
            }
            for (int i = 0; i < n * ch; i++) {
                f.floats[i] = (float) f.values[i];
            }
            f.outlet.push(f.floats, n, f.stamps);
            f.next += n;
        }
    }

    private final String[] marker = new String[1];
    private final double[] markerStamp = new double[1];

    /** Chill button presses and releases, in order, for every pass of the piece. */
    private void press(Button b, double now) {
        List<ListenerPlan.Chill> chills = b.plan().chills();
        if (chills.isEmpty()) {
            return;
        }
        while (true) {
            int k = b.nextEvent()[0];
            int pass = k / (2 * chills.size());
            ListenerPlan.Chill c = chills.get((k / 2) % chills.size());
            double at = t0 + pass * score.length() + (k % 2 == 0 ? c.pressed() : c.released());
            if (at > now) {
                return;
            }
            marker[0] = k % 2 == 0 ? "chill_on" : "chill_off";
            markerStamp[0] = at;
            b.outlet().push(marker, 1, markerStamp);
            b.nextEvent()[0] = k + 1;
        }
    }

    /** Writes what is planted through pass {@code loops} of the piece, on the LSL clock. */
    private synchronized void writeTruth(int loops) {
        loopsWritten = loops;
        if (options.truthFile() == null) {
            return;
        }
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("profile", options.profile());
        root.put("seed", options.seed());
        root.put("start", t0);
        root.put("piece", score.title());
        root.put("piece_seconds", score.length());
        root.put("passes", loops);
        ArrayNode sections = root.putArray("sections");
        ArrayNode transitions = root.putArray("transitions");
        for (int pass = 0; pass < loops; pass++) {
            double base = t0 + pass * score.length();
            for (Section s : score.sections()) {
                ObjectNode o = sections.addObject();
                o.put("label", s.label());
                o.put("start", base + s.start());
                o.put("end", base + s.end());
                o.put("arousal", s.arousal());
                o.put("valence", s.valence());
                if (pass > 0 || s.start() > 0) {
                    transitions.add(base + s.start());
                }
            }
        }
        ArrayNode listeners = root.putArray("listeners");
        for (int p = 0; p < plans.size(); p++) {
            ListenerPlan plan = plans.get(p);
            ObjectNode o = listeners.addObject();
            o.put("id", plans.size() == 1 ? "lab" : String.format("P%03d", p + 1));
            o.put("resting_heart_rate", plan.baseHeartRate());
            ArrayNode beats = o.putArray("heartbeats");
            for (double b : pulses.get(p).beats()) {
                beats.add(t0 + b);
            }
            ArrayNode scr = o.putArray("scr_onsets");
            ArrayNode chills = o.putArray("chills");
            for (int pass = 0; pass < loops; pass++) {
                double base = t0 + pass * score.length();
                for (ListenerPlan.Response r : plan.responses()) {
                    ObjectNode ro = scr.addObject();
                    ro.put("onset", base + r.onset());
                    ro.put("amplitude", r.amplitude());
                    ro.put("cause", r.cause());
                }
                for (ListenerPlan.Chill c : plan.chills()) {
                    ObjectNode co = chills.addObject();
                    co.put("start", base + c.start());
                    co.put("end", base + c.end());
                    co.put("button_on", base + c.pressed());
                    co.put("button_off", base + c.released());
                }
            }
        }
        try {
            Path file = options.truthFile();
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".part");
            Files.writeString(tmp, m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("writing ground truth " + options.truthFile(), e);
        }
    }

    /** The session's start on the LSL clock. */
    public double start() {
        return t0;
    }

    public MusicScore score() {
        return score;
    }

    /** Names and types of every published stream. */
    public List<String> streams() {
        List<String> out = new ArrayList<>();
        feeds.forEach(f -> out.add(f.info.name() + " (" + f.info.type() + ")"));
        buttons.forEach(b -> out.add(b.info().name() + " (Markers)"));
        return out;
    }

    /** Whether a bounded session has pushed everything. */
    public boolean finished() {
        return !thread.isAlive();
    }

    public void stop() {
        running = false;
    }

    @Override
    public void close() {
        stop();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeTruth(loopsWritten);
        for (Feed f : feeds) {
            f.outlet.close();
            f.info.close();
        }
        for (Button b : buttons) {
            b.outlet().close();
            b.info().close();
        }
    }

    /** The rendered piece, looped. */
    private record AudioModel(float[] music, int rate) implements SignalModel {
        @Override
        public void sample(double t, double[] out, int offset) {
            long k = Math.round(t * rate);
            out[offset] = music[(int) (k % music.length)];
        }

        @Override
        public int channels() {
            return 1;
        }
    }
}
