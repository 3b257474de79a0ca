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

import java.awt.Color;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code frisson analyze synchrony}: how much an audience's physiology moves together ({@link Synchrony}): the
 * inter-subject correlation of every listener's skin conductance and heart rate over sliding windows, the
 * audience's mean against a circular-shift null, and per section when the recording marks sections.
 */
@Command(name = "synchrony", description = {
        "Inter-subject correlation of the listeners' skin conductance and heart rate over sliding windows",
        "(leave-one-out), the audience mean against a circular-shift null, per section when marked; CSV, PNG, JSON."})
final class AnalyzeSynchronyCommand implements Runnable {

    static final String CSV = "synchrony.csv";
    static final String JSON = "synchrony.json";
    static final String PNG = "synchrony.png";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "REC.xdf", description = "A recording of three or more listeners (e.g. a concert).")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the CSV, PNG and JSON go.")
    Path out;

    @Option(names = "--window", defaultValue = "15", paramLabel = "S", description = {
            "Window, s (default: ${DEFAULT-VALUE}: a skin conductance response rises and falls within about 5-10 s,",
            "so a window holds one or two; shorter windows are noisier)."})
    double window;

    @Option(names = "--step", defaultValue = "1", paramLabel = "S", description = "Step between windows, s (default: ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--rate", defaultValue = "4", paramLabel = "HZ", description = "Common grid the signals are resampled onto, Hz (default: ${DEFAULT-VALUE}, skin conductance's own scale).")
    double rate;

    @Option(names = "--shifts", defaultValue = "1000", paramLabel = "N", description = "Circular shifts of the null distribution (default: ${DEFAULT-VALUE}).")
    int shifts;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the shifts (default: ${DEFAULT-VALUE}).")
    long seed;

    /** One listener's signal of one kind. */
    private record Signal(String name, double[] stamps, double[] values) {
    }

    /** The analysis of one kind of signal. */
    private record Kind(String key, String label, List<Signal> signals, double[] grid, Synchrony.Result result) {
    }

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        if (!(window > 0) || !(step > 0) || !(rate > 0) || shifts < 1 || step > window) {
            throw new CliException("--window, --step and --rate must be positive, --step at most --window, --shifts at"
                    + " least 1");
        }
        XdfFile rec = Recordings.read(file);
        List<Signal> skin = new ArrayList<>();
        List<Signal> heart = new ArrayList<>();
        List<double[]> sections = new ArrayList<>(); // {start}, with names beside
        List<String> sectionNames = new ArrayList<>();
        for (XdfStream s : rec.streams()) {
            if (Recordings.numeric(s, "GSR", "EDA") && s.sampleCount() > 1) {
                skin.add(new Signal(s.name(), RecordingFeed.localStamps(s), Recordings.firstChannel(s)));
            } else if (Recordings.numeric(s, "PPG") && s.sampleCount() > 1) {
                double[][] hr = HeartRateSeries.of(RecordingFeed.localStamps(s), Recordings.firstChannel(s), s.nominalRate());
                heart.add(new Signal(s.name() + " heart rate", hr[0], hr[1]));
            } else if (s.format() == ChannelFormat.STRING && s.sampleCount() > 0) {
                double[] t = RecordingFeed.localStamps(s);
                for (int i = 0; i < s.sampleCount(); i++) {
                    String m = s.text(i, 0);
                    if (m.startsWith("section") || m.startsWith("track_start")) {
                        sections.add(new double[]{t[i]});
                        sectionNames.add(m);
                    }
                }
            }
        }
        List<Kind> kinds = new ArrayList<>();
        for (Object[] k : new Object[][]{{"skin_conductance", "skin conductance", skin}, {"heart_rate", "heart rate", heart}}) {
            @SuppressWarnings("unchecked")
            List<Signal> signals = (List<Signal>) k[2];
            if (signals.size() < 3) {
                w.println("note: " + k[1] + ": " + signals.size() + " listener(s), synchrony needs at least 3; left out");
                continue;
            }
            kinds.add(analyze((String) k[0], (String) k[1], signals));
        }
        if (kinds.isEmpty()) {
            throw new CliException(file + ": fewer than 3 listeners with skin conductance (GSR/EDA) or PPG; streams: "
                    + Recordings.names(rec));
        }
        try {
            Files.createDirectories(out);
            writeCsv(kinds, out.resolve(CSV));
            writeFigure(kinds, out.resolve(PNG));
            writeJson(kinds, sections, sectionNames, out.resolve(JSON));
        } catch (IOException e) {
            throw new CliException("writing to " + out + ": " + e.getMessage());
        }
        for (Kind k : kinds) {
            double[] sorted = k.result().nullMeans().clone();
            Arrays.sort(sorted);
            w.printf(Locale.ROOT, "%s: %d listeners, %d windows of %.0f s; mean ISC r = %.3f (null: median %.3f, 95th"
                            + " percentile %.3f over %d circular shifts); p = %.4g%n", k.label(), k.signals().size(),
                    k.result().isc().length, window, k.result().meanIsc(), sorted[sorted.length / 2],
                    sorted[(int) Math.ceil(0.95 * (sorted.length - 1))], shifts, k.result().p());
        }
        w.println("wrote " + out.resolve(CSV) + ", " + out.resolve(PNG) + " and " + out.resolve(JSON));
        w.flush();
    }

    private Kind analyze(String key, String label, List<Signal> signals) {
        double from = Double.NEGATIVE_INFINITY;
        double to = Double.POSITIVE_INFINITY;
        for (Signal s : signals) {
            from = Math.max(from, s.stamps()[0]);
            to = Math.min(to, s.stamps()[s.stamps().length - 1]);
        }
        if (!(to - from >= window)) {
            throw new CliException(file + ": " + label + ": the listeners' recordings overlap for "
                    + String.format(Locale.ROOT, "%.1f", Math.max(0, to - from)) + " s, less than one window ("
                    + window + " s)");
        }
        int n = (int) Math.floor((to - from) * rate) + 1;
        double[] grid = new double[n];
        for (int i = 0; i < n; i++) {
            grid[i] = from + i / rate;
        }
        double[][] x = new double[signals.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = Synchrony.onGrid(signals.get(i).stamps(), signals.get(i).values(), grid, 3.0);
        }
        int win = (int) Math.round(window * rate);
        int st = Math.max(1, (int) Math.round(step * rate));
        try {
            return new Kind(key, label, signals, grid, Synchrony.analyze(grid, x, win, st, shifts, seed));
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + label + ": " + e.getMessage());
        }
    }

    private static void writeCsv(List<Kind> kinds, Path f) throws IOException {
        try (BufferedWriter b = Files.newBufferedWriter(f)) {
            b.write("kind,window_centre,isc,listeners");
            b.newLine();
            for (Kind k : kinds) {
                Synchrony.Result r = k.result();
                for (int i = 0; i < r.isc().length; i++) {
                    b.write(k.key() + "," + r.windowCentres()[i] + "," + (Double.isNaN(r.isc()[i]) ? "" : r.isc()[i])
                            + "," + r.listenersPerWindow()[i]);
                    b.newLine();
                }
            }
        }
    }

    private void writeFigure(List<Kind> kinds, Path f) throws IOException {
        Color[] colors = {new Color(0x1F77B4), new Color(0xD62728)};
        List<Figure.Series> series = new ArrayList<>();
        StringBuilder sub = new StringBuilder();
        double t0 = kinds.get(0).grid()[0];
        for (int k = 0; k < kinds.size(); k++) {
            Synchrony.Result r = kinds.get(k).result();
            double[] t = r.windowCentres().clone();
            for (int i = 0; i < t.length; i++) {
                t[i] -= t0;
            }
            series.add(new Figure.Series(kinds.get(k).label() + " (" + kinds.get(k).signals().size() + " listeners)",
                    colors[k % colors.length], t, r.isc(), null));
            sub.append(sub.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s: mean r %.3f, p %.4f",
                    kinds.get(k).label(), r.meanIsc(), r.p()));
        }
        Figure.write(f, new Figure.Frame("Audience synchrony (leave-one-out ISC, " + (int) window + " s windows): "
                        + file.getFileName(), sub + " (" + shifts + " circular shifts)", "time (s)", "ISC (r)", 0, Double.NaN),
                series);
    }

    private void writeJson(List<Kind> kinds, List<double[]> sections, List<String> names, Path f) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("recording", file.toString());
        root.put("window_s", window);
        root.put("step_s", step);
        root.put("grid_hz", rate);
        root.put("shifts", shifts);
        root.put("seed", seed);
        root.put("method", "leave-one-out ISC per window (each listener against the mean of the others, signals"
                + " linearly detrended in the window), Fisher z averaged; circular-shift null of the audience mean");
        for (Kind k : kinds) {
            ObjectNode o = root.putObject(k.key());
            Synchrony.Result r = k.result();
            ArrayNode who = o.putArray("listeners");
            k.signals().forEach(s -> who.add(s.name()));
            o.put("windows", r.isc().length);
            o.put("mean_isc", r.meanIsc());
            double[] sorted = r.nullMeans().clone();
            Arrays.sort(sorted);
            o.put("null_median", sorted[sorted.length / 2]);
            o.put("null_95th_percentile", sorted[(int) Math.ceil(0.95 * (sorted.length - 1))]);
            o.put("p", r.p());
            ArrayNode per = o.putArray("sections");
            for (int s = 0; s < sections.size(); s++) {
                double start = sections.get(s)[0];
                double end = s + 1 < sections.size() ? sections.get(s + 1)[0] : Double.POSITIVE_INFINITY;
                double z = 0;
                int n = 0;
                for (int i = 0; i < r.isc().length; i++) {
                    double c = r.windowCentres()[i];
                    if (c >= start && c < end && Double.isFinite(r.isc()[i])) {
                        z += 0.5 * Math.log((1 + r.isc()[i]) / (1 - r.isc()[i]));
                        n++;
                    }
                }
                ObjectNode sec = per.addObject();
                sec.put("marker", names.get(s));
                sec.put("start", start);
                sec.put("windows", n);
                if (n > 0) {
                    sec.put("mean_isc", Math.tanh(z / n));
                } else {
                    sec.putNull("mean_isc");
                }
            }
        }
        Files.writeString(f, m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
}
