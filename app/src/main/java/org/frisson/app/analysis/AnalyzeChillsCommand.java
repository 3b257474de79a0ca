package org.frisson.app.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.frisson.app.CliException;
import org.frisson.lsl.ChannelFormat;
import org.frisson.pipeline.RecordingFeed;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code frisson analyze chills}: seed 002's physiology around self-reported chills. Each listener's chill presses
 * ({@code chill_on} on their chill-button marker stream) epoch that listener's own skin conductance (normalised
 * as seed 002 does) and beat-to-beat heart rate ({@link HeartRateSeries}, bpm), against as many random moments of
 * the same music; baseline subtracted, mean ± SE, one-sided permutation test on the mean after the onset. With one
 * listener every stream is theirs; in a concert a stream belongs to the listener whose {@code P<number>} its name
 * or source id carries.
 */
@Command(name = "chills", description = {
        "Skin conductance and heart rate around each listener's self-reported chills (chill_on presses) versus",
        "random moments of the same music: mean +- SE curves (CSV, two PNGs) and a permutation test each."})
final class AnalyzeChillsCommand implements Runnable {

    static final String CSV = "chill_response.csv";
    static final String JSON = "chill_response.json";
    static final String SKIN_PNG = "chill_response_skin.png";
    static final String HEART_PNG = "chill_response_heart.png";
    static final String ON = "chill_on";
    private static final Pattern LISTENER = Pattern.compile("(?i)(?:^|[^a-z0-9])(p\\d+)(?:$|[^0-9])");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "REC.xdf", description = "A recording with chill-button markers, skin conductance and PPG.")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the CSV, PNGs and JSON go.")
    Path out;

    @CommandLine.Mixin
    EpochOptions epochs = new EpochOptions();

    /** One listener's streams. */
    private record Listener(String id, XdfStream chills, XdfStream skin, XdfStream ppg) {
    }

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        EventResponse.Options o = epochs.options();
        XdfFile rec = Recordings.read(file);
        List<Listener> listeners = listeners(rec);
        List<EventResponse.Signal> skin = new ArrayList<>();
        List<double[]> skinEvents = new ArrayList<>();
        List<EventResponse.Signal> heart = new ArrayList<>();
        List<double[]> heartEvents = new ArrayList<>();
        int presses = 0;
        for (Listener l : listeners) {
            double[] onsets = presses(l.chills());
            presses += onsets.length;
            if (l.skin() != null && l.skin().sampleCount() > 1) {
                skin.add(new EventResponse.Signal(l.skin().name(), RecordingFeed.localStamps(l.skin()),
                        EventResponse.normalise(Recordings.firstChannel(l.skin()))));
                skinEvents.add(onsets);
            }
            if (l.ppg() != null && l.ppg().sampleCount() > 1) {
                double[][] hr = HeartRateSeries.of(RecordingFeed.localStamps(l.ppg()), Recordings.firstChannel(l.ppg()),
                        l.ppg().nominalRate());
                heart.add(new EventResponse.Signal(l.ppg().name() + " heart rate", hr[0], hr[1]));
                heartEvents.add(onsets);
            }
        }
        if (presses == 0) {
            throw new CliException(file + ": no chill presses ('" + ON + "') on any chill-button stream");
        }
        double[] span = Recordings.musicSpan(rec);
        double from = span == null ? Double.NEGATIVE_INFINITY : span[0];
        double to = span == null ? Double.POSITIVE_INFINITY : span[1];
        Optional<EventResponse.Result> sc = analyze(skin, skinEvents, from, to, o, "skin conductance", w);
        Optional<EventResponse.Result> hr = analyze(heart, heartEvents, from, to, o, "heart rate", w);
        if (sc.isEmpty() && hr.isEmpty()) {
            throw new CliException(file + ": no skin conductance (GSR/EDA) or PPG stream beside the chill presses;"
                    + " streams: " + Recordings.names(rec));
        }
        try {
            Files.createDirectories(out);
            if (sc.isPresent()) {
                EpochFigure.write(sc.get(), "Skin conductance around self-reported chills: " + file.getFileName(),
                        "chill presses", "skin conductance (z, baseline t<0 subtracted)", out.resolve(SKIN_PNG));
            }
            if (hr.isPresent()) {
                EpochFigure.write(hr.get(), "Heart rate around self-reported chills: " + file.getFileName(),
                        "chill presses", "heart rate (bpm, baseline t<0 subtracted)", out.resolve(HEART_PNG));
            }
            writeCsv(sc, hr, out.resolve(CSV));
            writeJson(listeners, presses, span != null, sc, hr, out.resolve(JSON));
        } catch (IOException e) {
            throw new CliException("writing to " + out + ": " + e.getMessage());
        }
        w.printf(Locale.ROOT, "chill presses: %d from %d listener(s); random moments within the %s%n", presses,
                listeners.size(), span != null ? "recorded music" : "recording (no Audio stream)");
        sc.ifPresent(r -> line(w, "skin conductance (z)", r));
        hr.ifPresent(r -> line(w, "heart rate (bpm)", r));
        w.println("wrote " + out.resolve(CSV) + ", " + out.resolve(JSON) + " and the figures");
        w.flush();
    }

    private void line(PrintWriter w, String what, EventResponse.Result r) {
        w.printf(Locale.ROOT, "%s: %d epochs around presses, %d random; mean 0..%.0f s after the onset: %.3f vs %.3f;"
                        + " one-sided permutation p = %.4g (%d shuffles)%n", what, r.eventEpochs(), r.randomEpochs(), epochs.after,
                r.eventAmplitude(), r.randomAmplitude(), r.p(), r.permutations());
    }

    private Optional<EventResponse.Result> analyze(List<EventResponse.Signal> signals, List<double[]> events,
                                                   double from, double to, EventResponse.Options o, String what,
                                                   PrintWriter w) {
        if (signals.isEmpty()) {
            return Optional.empty();
        }
        try {
            EventResponse.Result r = EventResponse.analyze(signals, events, from, to, o);
            r.notes().forEach(n -> w.println("note: " + what + ": " + n));
            return Optional.of(r);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + what + ": " + e.getMessage());
        }
    }

    /**
     * The listeners: each chill-button stream (string markers with at least one {@code chill_on}) with the skin
     * conductance and PPG streams of the same listener.
     */
    private List<Listener> listeners(XdfFile rec) {
        List<XdfStream> chills = new ArrayList<>();
        List<XdfStream> skins = new ArrayList<>();
        List<XdfStream> ppgs = new ArrayList<>();
        for (XdfStream s : rec.streams()) {
            if (s.format() == ChannelFormat.STRING && presses(s).length > 0) {
                chills.add(s);
            } else if (Recordings.numeric(s, "GSR", "EDA")) {
                skins.add(s);
            } else if (Recordings.numeric(s, "PPG")) {
                ppgs.add(s);
            }
        }
        if (chills.isEmpty()) {
            throw new CliException(file + ": no chill-button stream (string markers with '" + ON + "'); streams: "
                    + Recordings.names(rec));
        }
        List<Listener> out = new ArrayList<>();
        if (chills.size() == 1) {
            out.add(new Listener("", chills.get(0), skins.size() == 1 ? skins.get(0) : mate(chills.get(0), skins),
                    ppgs.size() == 1 ? ppgs.get(0) : mate(chills.get(0), ppgs)));
            return out;
        }
        for (XdfStream c : chills) {
            String id = listener(c);
            if (id.isEmpty()) {
                throw new CliException(file + ": chill-button stream '" + c.name() + "' names no listener (P<number>"
                        + " in its name or source id), so its presses cannot be paired with a listener's signals");
            }
            out.add(new Listener(id, c, mate(c, skins), mate(c, ppgs)));
        }
        return out;
    }

    /** The stream of {@code candidates} that belongs to the same listener as {@code chills}, or null. */
    private static XdfStream mate(XdfStream chills, List<XdfStream> candidates) {
        String id = listener(chills);
        if (id.isEmpty()) {
            return null;
        }
        for (XdfStream s : candidates) {
            if (id.equalsIgnoreCase(listener(s))) {
                return s;
            }
        }
        return null;
    }

    /** {@code p007} from {@code GSR-P007} or {@code frisson-sim-x-p007-gsr}; "" when neither says. */
    static String listener(XdfStream s) {
        for (String text : new String[]{s.name(), s.header() == null ? null : s.header().text("source_id")}) {
            if (text != null) {
                Matcher m = LISTENER.matcher(text);
                if (m.find()) {
                    return m.group(1).toLowerCase(Locale.ROOT);
                }
            }
        }
        return "";
    }

    /** Stamps of the {@code chill_on} markers of {@code s}. */
    private static double[] presses(XdfStream s) {
        if (s.format() != ChannelFormat.STRING || s.sampleCount() == 0) {
            return new double[0];
        }
        double[] t = RecordingFeed.localStamps(s);
        List<Double> on = new ArrayList<>();
        for (int i = 0; i < s.sampleCount(); i++) {
            if (ON.equals(s.text(i, 0))) {
                on.add(t[i]);
            }
        }
        return on.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void writeCsv(Optional<EventResponse.Result> sc, Optional<EventResponse.Result> hr, Path f)
            throws IOException {
        double[] times = sc.or(() -> hr).orElseThrow().times();
        try (BufferedWriter b = Files.newBufferedWriter(f)) {
            b.write("time,skin_chill_mean,skin_chill_se,skin_random_mean,skin_random_se,"
                    + "heart_chill_mean,heart_chill_se,heart_random_mean,heart_random_se");
            b.newLine();
            for (int i = 0; i < times.length; i++) {
                b.write(times[i] + "," + columns(sc, i) + "," + columns(hr, i));
                b.newLine();
            }
        }
    }

    private static String columns(Optional<EventResponse.Result> r, int i) {
        return r.map(x -> x.eventMean()[i] + "," + x.eventSe()[i] + "," + x.randomMean()[i] + "," + x.randomSe()[i])
                .orElse(",,,");
    }

    private void writeJson(List<Listener> listeners, int presses, boolean music, Optional<EventResponse.Result> sc,
                           Optional<EventResponse.Result> hr, Path f) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("recording", file.toString());
        root.put("listeners", listeners.size());
        root.put("presses", presses);
        ArrayNode pairs = root.putArray("pairing");
        for (Listener l : listeners) {
            ObjectNode p = pairs.addObject();
            p.put("chills", l.chills().name());
            p.put("skin_conductance", l.skin() == null ? null : l.skin().name());
            p.put("ppg", l.ppg() == null ? null : l.ppg().name());
        }
        root.put("random_moments_within", music ? "recorded music" : "recording");
        root.put("before_s", epochs.before);
        root.put("after_s", epochs.after);
        root.put("seed", epochs.seed);
        sc.ifPresent(r -> result(root.putObject("skin_conductance"), r,
                "z (per-recording z-score, linearly detrended), baseline t<0 subtracted"));
        hr.ifPresent(r -> result(root.putObject("heart_rate"), r,
                "bpm (beat to beat, interpolated at " + HeartRateSeries.RATE + " Hz), baseline t<0 subtracted"));
        Files.writeString(f, m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private static void result(ObjectNode o, EventResponse.Result r, String unit) {
        o.put("unit", unit);
        o.put("chill_epochs", r.eventEpochs());
        o.put("random_epochs", r.randomEpochs());
        o.put("chill_post_onset_mean", r.eventAmplitude());
        o.put("random_post_onset_mean", r.randomAmplitude());
        o.put("p_one_sided", r.p());
        o.put("permutations", r.permutations());
        ArrayNode notes = o.putArray("notes");
        r.notes().forEach(notes::add);
    }
}
