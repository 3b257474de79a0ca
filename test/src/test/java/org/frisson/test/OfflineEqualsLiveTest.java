package org.frisson.test;

import org.frisson.app.Frisson;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Offline = online: a live demo recorded with {@code --record}, then the same config run offline over the
 * recording. The features are the same for every frame both produced (tolerance 1e-12; in practice bit-identical,
 * the same stages seeing the same samples with the same stamps), and so is the EEG branch of the emotion model.
 * The music models run live on a thread of their own, so a new embedding reaches the frames a frame or two later
 * than offline: their outputs are compared by the patch they come from (the newest patch's stamp, frame time minus
 * {@code patch_age}), and must be equal (1e-5) wherever the live embedder skipped none of the patches they read.
 */
class OfflineEqualsLiveTest {

    /** Long enough for the chill predictor's 32 embeddings (12.8 s) and some predictions after. */
    static final int DEMO_SECONDS = 30;

    @Test
    void recordedDemoReplaysOfflineToTheSameOutputs(@TempDir Path dir) throws Exception {
        Path home = Path.of(System.getProperty("frisson.home", ".."));
        Path rec = dir.resolve("live.xdf");
        String tag = "offline" + ProcessHandle.current().pid();
        Path config = dir.resolve("demo.yaml");
        String yaml = Files.readString(home.resolve("configs/demo.yaml"));
        for (String output : List.of("features", "embedding", "latent", "transitions", "emotion", "chills", "health")) {
            yaml = yaml.replace("name: frisson." + output + ",", "name: frisson." + output + "." + tag + ",");
        }
        // a backlog longer than the run: however busy the machine, the live embedder drops no patch, only lags
        assertTrue(yaml.contains("kind: embedding, input: audio, model: musicnn, hop: 0.4,"), "the demo's music stage");
        yaml = yaml.replace("kind: embedding, input: audio, model: musicnn, hop: 0.4,",
                "kind: embedding, input: audio, model: musicnn, hop: 0.4, backlog: " + (DEMO_SECONDS + 30) + ",");
        Files.writeString(config, yaml);
        Path log = dir.resolve("demo.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfrisson.home=" + home, "-cp", System.getProperty("java.class.path"), "org.frisson.app.Frisson",
                "demo", "--duration", String.valueOf(DEMO_SECONDS), "--config", config.toString(), "--record",
                rec.toString()));
        Process demo = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(demo.waitFor(DEMO_SECONDS + 60, TimeUnit.SECONDS), "demo did not finish");
            assertEquals(0, demo.exitValue(), Files.readString(log));
        } finally {
            demo.destroyForcibly();
        }

        // the live outputs, as recorded
        XdfFile file = XdfReader.read(rec, XdfReader.Options.raw());
        XdfStream live = file.streams().stream().filter(s -> s.name().equals("frisson.features." + tag))
                .findFirst().orElseThrow(() -> new AssertionError("no live outputs in " + rec));
        assertTrue(live.sampleCount() >= 30, "live frames: " + live.sampleCount());

        Path out = dir.resolve("offline");
        assertEquals(0, Frisson.run("offline", rec.toString(), "--config", config.toString(), "--out", out.toString()));
        List<String> rows = Files.readAllLines(out.resolve("frisson.features." + tag + ".csv"));
        assertEquals("timestamp," + String.join(",", live.channels().stream().map(c -> c.label()).toList()), rows.get(0));
        Map<Double, String[]> offline = new HashMap<>();
        for (String r : rows.subList(1, rows.size())) {
            String[] f = r.split(",");
            offline.put(Double.parseDouble(f[0]), f);
        }

        int matched = 0;
        int width = live.channelCount() - 1; // the latency channel is live-only
        for (int i = 0; i < live.sampleCount(); i++) {
            String[] f = offline.get(live.stamps()[i]);
            if (f == null) {
                continue;
            }
            matched++;
            for (int c = 0; c < width; c++) {
                double a = live.value(i, c);
                double b = Double.parseDouble(f[c + 1]);
                assertTrue(Double.isNaN(a) ? Double.isNaN(b) : Math.abs(a - b) <= 1e-12,
                        "frame " + live.stamps()[i] + " channel " + live.channels().get(c).label() + ": live " + a
                                + ", offline " + b);
            }
        }
        // offline starts with the first recorded sample, live a frame or two earlier: all but those match
        assertTrue(matched >= live.sampleCount() - 3, "matched " + matched + " of " + live.sampleCount() + " live frames");

        modelsMatch(file, out, tag);
    }

    /** The model outputs, live as recorded against offline's CSVs. */
    private static void modelsMatch(XdfFile file, Path out, String tag) throws Exception {
        XdfStream liveEmb = stream(file, "frisson.embedding." + tag);
        Csv offEmb = Csv.read(out.resolve("frisson.embedding." + tag + ".csv"));
        int age = liveEmb.channels().stream().map(c -> c.label()).toList().indexOf("patch_age");
        int width = (int) liveEmb.channels().stream().filter(c -> c.label().startsWith("penultimate.")).count();
        assertTrue(age > 0 && width > 100, "embedding channels: " + liveEmb.channels().size());

        // each patch's embedding, by the patch's stamp: live, the first frame that shows it; offline, likewise
        java.util.TreeMap<Double, double[]> livePatches = new java.util.TreeMap<>();
        double[] liveKey = new double[liveEmb.sampleCount()];
        for (int i = 0; i < liveEmb.sampleCount(); i++) {
            double a = liveEmb.value(i, age);
            liveKey[i] = Double.isNaN(a) ? Double.NaN : round(liveEmb.stamps()[i] - a);
            if (!Double.isNaN(liveKey[i]) && !livePatches.containsKey(liveKey[i])) {
                double[] v = new double[width];
                for (int c = 0; c < width; c++) {
                    v[c] = liveEmb.value(i, c);
                }
                livePatches.put(liveKey[i], v);
            }
        }
        java.util.TreeMap<Double, double[]> offPatches = new java.util.TreeMap<>();
        Map<Double, Double> offKey = new HashMap<>();
        int offAge = offEmb.column("patch_age");
        int offFirst = offEmb.column("penultimate.0");
        for (double t : offEmb.stamps()) {
            double a = offEmb.value(t, offAge);
            if (!Double.isNaN(a)) {
                double k = round(t - a);
                offKey.put(t, k);
                offPatches.computeIfAbsent(k, x -> {
                    double[] v = new double[width];
                    for (int c = 0; c < width; c++) {
                        v[c] = offEmb.value(t, offFirst + c);
                    }
                    return v;
                });
            }
        }
        int comparedPatches = 0;
        java.util.Set<Double> matchedOff = new java.util.HashSet<>();
        for (Map.Entry<Double, double[]> e : livePatches.entrySet()) {
            Double k = same(offPatches.navigableKeySet(), e.getKey());
            if (k == null) {
                continue;
            }
            matchedOff.add(k);
            double[] off = offPatches.get(k);
            comparedPatches++;
            for (int c = 0; c < width; c++) {
                assertEquals(off[c], e.getValue()[c], 1e-5 * Math.max(1, Math.abs(off[c])),
                        "patch " + e.getKey() + " penultimate." + c);
            }
        }
        // patches offline embedded between the first and the last the live run showed, that it did not show
        java.util.NavigableSet<Double> skipped = new java.util.TreeSet<>(offPatches.subMap(
                java.util.Collections.min(matchedOff), true, java.util.Collections.max(matchedOff), true).keySet());
        skipped.removeAll(matchedOff);
        System.out.println("[offline=live] " + comparedPatches + " patches compared, " + skipped.size()
                + " skipped live: " + skipped);
        assertTrue(comparedPatches >= 20, "patches compared: " + comparedPatches);
        // Every patch computed live equals its offline twin (above). A patch offline has and the recording does not
        // show live is rare (none in most runs; up to three at 10 s intervals seen under heavy load, where the recorder,
        // which never holds up the aligner, may drop an output sample): left out of the comparisons below, and bounded.
        assertTrue(skipped.size() <= Math.max(3, comparedPatches / 20), skipped.size() + " patches missing live of "
                + (comparedPatches + skipped.size()) + ": " + skipped);

        // the chill predictor and the emotion model's music branch, by the newest patch they read
        compareByPatch(stream(file, "frisson.chills." + tag), Csv.read(out.resolve("frisson.chills." + tag + ".csv")),
                List.of("phasic_predicted", "chill_probability"), liveEmb, liveKey, offKey, skipped, 32, 5);
        compareByPatch(stream(file, "frisson.emotion." + tag), Csv.read(out.resolve("frisson.emotion." + tag + ".csv")),
                List.of("music.valence", "music.arousal"), liveEmb, liveKey, offKey, skipped, 10, 20);

        // the EEG branch does not depend on the music's timing: frame by frame
        XdfStream liveEmo = stream(file, "frisson.emotion." + tag);
        Csv offEmo = Csv.read(out.resolve("frisson.emotion." + tag + ".csv"));
        int frames = 0;
        for (int i = 0; i < liveEmo.sampleCount(); i++) {
            double t = liveEmo.stamps()[i];
            if (!offEmo.has(t)) {
                continue;
            }
            for (String ch : List.of("eeg.valence", "eeg.arousal")) {
                double a = liveEmo.value(i, index(liveEmo, ch));
                double b = offEmo.value(t, offEmo.column(ch));
                assertTrue(Double.isNaN(a) ? Double.isNaN(b) : Math.abs(a - b) <= 1e-6, ch + " at " + t + ": live " + a
                        + ", offline " + b);
            }
            frames++;
        }
        assertTrue(frames >= liveEmo.sampleCount() - 3, "EEG branch frames compared: " + frames);
    }

    /**
     * Compares {@code channels} of a music model's output, live against offline, at the first frame each shows the
     * result of a given newest patch, wherever the live run skipped none of the {@code reads} patches it reads.
     */
    private static void compareByPatch(XdfStream live, Csv off, List<String> channels, XdfStream liveEmb,
                                       double[] liveKey, Map<Double, Double> offKey,
                                       java.util.NavigableSet<Double> skipped, int reads, int atLeast) {
        Map<Double, Integer> liveFrame = new HashMap<>();
        for (int i = 0; i < liveEmb.sampleCount(); i++) {
            liveFrame.put(liveEmb.stamps()[i], i);
        }
        Map<Double, Double> firstOffFrame = new HashMap<>();
        for (double t : off.stamps()) {
            Double k = offKey.get(t);
            if (k != null) {
                firstOffFrame.putIfAbsent(k, t);
            }
        }
        java.util.Set<Double> seen = new java.util.HashSet<>();
        int compared = 0;
        for (int i = 0; i < live.sampleCount(); i++) {
            Integer e = liveFrame.get(live.stamps()[i]);
            if (e == null || Double.isNaN(liveKey[e]) || !seen.add(liveKey[e])) {
                continue;
            }
            double key = liveKey[e];
            Double offKeyOfIt = same(new java.util.TreeSet<>(firstOffFrame.keySet()), key);
            Double t = offKeyOfIt == null ? null : firstOffFrame.get(offKeyOfIt);
            double hop = 0.4;
            if (t == null || !skipped.subSet(key - reads * hop - 1e-6, true, key, true).isEmpty()) {
                continue; // offline has no frame for it, or the live run skipped a patch this result reads
            }
            for (String ch : channels) {
                double a = live.value(i, index(live, ch));
                double b = off.value(t, off.column(ch));
                assertTrue(Double.isNaN(a) ? Double.isNaN(b) : Math.abs(a - b) <= 1e-5, ch + " for patch " + key
                        + ": live " + a + ", offline " + b);
            }
            compared += Double.isNaN(live.value(i, index(live, channels.get(0)))) ? 0 : 1;
        }
        System.out.println("[offline=live] " + live.name() + " " + channels + ": " + compared + " results compared");
        // with a patch missing live, the results that read it are not compared; with none missing, all of them are
        assertTrue(compared >= (skipped.isEmpty() ? atLeast : 0), live.name() + ": only " + compared
                + " results compared");
    }

    private static double round(double t) {
        return Math.rint(t * 1e6) / 1e6;
    }

    /**
     * The offline key of the same patch as the live {@code key}: a patch's stamp is estimated from the newest
     * sample fed and the samples since at the nominal rate, so live and offline, fed in different chunks of audio
     * whose stamps jitter, agree to some milliseconds, not to the bit; patches are 0.4 s apart, so within a
     * quarter of that it is the same patch.
     */
    private static Double same(java.util.NavigableSet<Double> offline, double key) {
        Double lo = offline.floor(key);
        Double hi = offline.ceiling(key);
        Double best = lo == null ? hi : hi == null ? lo : key - lo <= hi - key ? lo : hi;
        return best != null && Math.abs(best - key) < 0.1 ? best : null;
    }

    private static int index(XdfStream s, String label) {
        int i = s.channels().stream().map(c -> c.label()).toList().indexOf(label);
        assertTrue(i >= 0, s.name() + " has no channel " + label);
        return i;
    }

    private static XdfStream stream(XdfFile file, String name) {
        return file.streams().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no stream " + name));
    }

    /** An offline output CSV ({@code timestamp,<labels>}) by stamp. */
    private record Csv(List<String> header, Map<Double, double[]> rows, List<Double> order) {
        static Csv read(Path f) throws java.io.IOException {
            List<String> lines = Files.readAllLines(f);
            Map<Double, double[]> rows = new HashMap<>();
            List<Double> order = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                double[] v = new double[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    v[c] = cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]);
                }
                rows.put(v[0], v);
                order.add(v[0]);
            }
            return new Csv(List.of(lines.get(0).split(",")), rows, order);
        }

        List<Double> stamps() {
            return order;
        }

        boolean has(double t) {
            return rows.containsKey(t);
        }

        int column(String label) {
            int i = header.indexOf(label);
            assertTrue(i > 0, "no column " + label + " in " + header);
            return i;
        }

        double value(double t, int column) {
            return rows.get(t)[column];
        }
    }
}
