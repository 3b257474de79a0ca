package org.frisson.calibration;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile directory: {@code profile.json} (the manifest: who, when, which Frisson, streams, models with
 * their hashes, tracks and ratings, every cross-validation score, the layer profile), {@code readouts.json}
 * and {@code encoding_models.json} (the fitted weights), {@code layer_profile.csv} and {@code .png}. Numbers
 * are written in their shortest exact decimal form, so a profile read back predicts bit for bit what the
 * fitted one did. A file that is missing, not JSON, or lacks a field is refused naming the file and the field.
 */
public final class ProfileFiles {

    public static final String MANIFEST = "profile.json";
    public static final String READOUTS = "readouts.json";
    public static final String ENCODING = "encoding_models.json";
    public static final String TABLE = "layer_profile.csv";
    public static final String FIGURE = "layer_profile.png";
    static final String KIND = "frisson-subject-profile";
    static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProfileFiles() {
    }

    /** Writes every file of the profile into {@code dir} (created if needed). */
    public static void write(SubjectProfile p, Path dir) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(MANIFEST).toFile(), manifest(p));
            ObjectNode readouts = JSON.createObjectNode();
            p.readouts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> readouts.set(e.getKey(), readout(e.getValue())));
            JSON.writeValue(dir.resolve(READOUTS).toFile(), readouts);
            ArrayNode models = JSON.createArrayNode();
            for (EncodingModel m : p.encoding().models()) {
                models.add(encodingModel(m));
            }
            JSON.writeValue(dir.resolve(ENCODING).toFile(), models);
            LayerProfileTable.write(p.encoding(), dir.resolve(TABLE));
            LayerProfileFigure.write(p.encoding(), dir.resolve(FIGURE));
        } catch (IOException e) {
            throw new UncheckedIOException("writing the profile to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode manifest(SubjectProfile p) {
        ObjectNode m = JSON.createObjectNode();
        m.put("kind", KIND);
        m.put("format", FORMAT);
        m.put("subject", p.subject());
        m.put("created", p.created());
        m.put("frisson_version", p.version());
        m.put("recording", p.recording());
        ArrayNode streams = m.putArray("streams");
        for (SubjectProfile.StreamRecord s : p.streams()) {
            ObjectNode o = streams.addObject();
            o.put("role", s.role());
            o.put("name", s.name());
            o.put("type", s.type());
            o.put("channels", s.channels());
            o.put("rate", s.rate());
            strings(o.putArray("labels"), s.labels());
        }
        ArrayNode models = m.putArray("models");
        for (SubjectProfile.ModelRecord r : p.models()) {
            ObjectNode o = models.addObject();
            o.put("role", r.role());
            o.put("file", r.file());
            o.put("sha256", r.sha256());
        }
        strings(m.putArray("eeg_features"), p.eegFeatures());
        ArrayNode tracks = m.putArray("tracks");
        for (SubjectProfile.TrackRecord t : p.tracks()) {
            ObjectNode o = tracks.addObject();
            o.put("title", t.title());
            o.put("start", t.start());
            o.put("end", t.end());
            o.put("valence", t.valence());
            o.put("arousal", t.arousal());
        }
        ObjectNode scores = m.putObject("readout_scores");
        p.readouts().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            SubjectProfile.Readout r = e.getValue();
            ObjectNode o = scores.putObject(e.getKey());
            o.put("target", r.target());
            o.put("features", r.features());
            o.put("median", r.median());
            o.put("folds", r.score().folds());
            o.set("window_accuracy", accuracy(r.score().window()));
            o.set("track_accuracy", accuracy(r.score().track()));
        });
        EncodingSettings s = p.encodingSettings();
        ObjectNode enc = m.putObject("encoding");
        enc.put("grid_rate", s.rate());
        enc.put("max_lag_seconds", s.maxLagSeconds());
        enc.put("components", s.components());
        numbers(enc.putArray("lambdas"), s.lambdas());
        enc.put("inner_folds", s.innerFolds());
        enc.put("permutations", s.permutations());
        enc.put("seed", s.seed());
        EncodingProfile e = p.encoding();
        strings(enc.putArray("layers"), e.layers());
        ArrayNode depths = enc.putArray("depths");
        for (int d : e.depths()) {
            depths.add(d);
        }
        strings(enc.putArray("responses"), e.responses());
        strings(enc.putArray("units"), e.units());
        matrix(enc.putArray("r"), e.r());
        matrix(enc.putArray("p"), e.p());
        matrix(enc.putArray("lambda"), e.lambda());
        numbers(enc.putArray("centroid"), e.centroid());
        ArrayNode best = enc.putArray("best_layer");
        for (int b : e.bestLayer()) {
            best.add(b);
        }
        ObjectNode retrieval = m.putObject("retrieval");
        p.retrieval().forEach((name, r) -> {
            ObjectNode o = retrieval.putObject(name);
            o.put("k", r.k());
            o.put("queries", r.queries());
            o.put("precision_at_k", r.precisionAtK());
            o.put("mean_average_precision", r.meanAveragePrecision());
            o.put("chance", r.chance());
        });
        ObjectNode files = m.putObject("files");
        files.put("readouts", READOUTS);
        files.put("encoding_models", ENCODING);
        files.put("table", TABLE);
        files.put("figure", FIGURE);
        return m;
    }

    private static ObjectNode accuracy(Accuracy a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("value", a.value());
        o.put("ci_low", a.low());
        o.put("ci_high", a.high());
        o.put("n", a.n());
        return o;
    }

    private static ObjectNode readout(SubjectProfile.Readout r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("target", r.target());
        o.put("features", r.features());
        strings(o.putArray("labels"), r.labels());
        o.put("median", r.median());
        numbers(o.putArray("mean"), r.model().mean());
        numbers(o.putArray("scale"), r.model().scale());
        numbers(o.putArray("weights"), r.model().weights());
        o.put("bias", r.model().bias());
        return o;
    }

    private static ObjectNode encodingModel(EncodingModel m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("layer", m.layer());
        o.put("response", m.response());
        o.put("lambda", m.lambda());
        numbers(o.putArray("mean"), m.mean());
        matrix(o.putArray("basis"), m.basis());
        numbers(o.putArray("component_scale"), m.componentScale());
        ArrayNode lags = o.putArray("lags");
        for (int l : m.lags()) {
            lags.add(l);
        }
        numbers(o.putArray("weights"), m.weights());
        o.put("intercept", m.intercept());
        return o;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static void numbers(ArrayNode a, double[] values) {
        for (double v : values) {
            a.add(v);
        }
    }

    private static void matrix(ArrayNode a, double[][] values) {
        for (double[] row : values) {
            numbers(a.addArray(), row);
        }
    }

    /** Reads a profile directory written by {@link #write}. */
    public static SubjectProfile read(Path dir) {
        Node m = Node.root(dir.resolve(MANIFEST));
        String kind = m.string("kind");
        if (!kind.equals(KIND)) {
            throw m.error("kind", "is '" + kind + "', expected '" + KIND + "'");
        }
        int format = m.integer("format");
        if (format != FORMAT) {
            throw m.error("format", "is " + format + "; this Frisson reads format " + FORMAT);
        }
        List<SubjectProfile.StreamRecord> streams = new ArrayList<>();
        for (Node s : m.array("streams")) {
            streams.add(new SubjectProfile.StreamRecord(s.string("role"), s.string("name"), s.string("type"),
                    s.integer("channels"), s.number("rate"), s.strings("labels")));
        }
        List<SubjectProfile.ModelRecord> models = new ArrayList<>();
        for (Node r : m.array("models")) {
            models.add(new SubjectProfile.ModelRecord(r.string("role"), r.string("file"), r.string("sha256")));
        }
        List<SubjectProfile.TrackRecord> tracks = new ArrayList<>();
        for (Node t : m.array("tracks")) {
            tracks.add(new SubjectProfile.TrackRecord(t.string("title"), t.number("start"), t.number("end"),
                    t.number("valence"), t.number("arousal")));
        }
        Node scores = m.object("readout_scores");
        Node readoutFile = Node.root(dir.resolve(READOUTS));
        Map<String, SubjectProfile.Readout> readouts = new LinkedHashMap<>();
        for (String name : readoutFile.fieldNames()) {
            Node r = readoutFile.object(name);
            Node s = scores.object(name);
            ShrinkageLda lda = ShrinkageLda.of(r.numbers("mean"), r.numbers("scale"), r.numbers("weights"),
                    r.number("bias"));
            ReadoutScore score = new ReadoutScore(accuracy(s.object("window_accuracy")),
                    accuracy(s.object("track_accuracy")), s.integer("folds"));
            readouts.put(name, new SubjectProfile.Readout(r.string("target"), r.string("features"), r.strings("labels"),
                    r.number("median"), lda, score));
        }
        Node enc = m.object("encoding");
        EncodingSettings settings = new EncodingSettings(enc.number("grid_rate"), enc.number("max_lag_seconds"),
                enc.integer("components"), enc.numbers("lambdas"), enc.integer("inner_folds"),
                enc.integer("permutations"), enc.longValue("seed"));
        List<EncodingModel> fitted = new ArrayList<>();
        for (Node e : Node.root(dir.resolve(ENCODING)).elements()) {
            fitted.add(EncodingModel.of(e.string("layer"), e.string("response"), e.number("lambda"), e.numbers("mean"),
                    e.matrix("basis"), e.numbers("component_scale"), e.integers("lags"), e.numbers("weights"),
                    e.number("intercept")));
        }
        EncodingProfile profile = new EncodingProfile(enc.strings("layers"), enc.integers("depths"),
                enc.strings("responses"), enc.strings("units"), enc.matrix("r"), enc.matrix("p"), enc.matrix("lambda"),
                enc.numbers("centroid"), enc.integers("best_layer"), fitted);
        Map<String, RetrievalScore> retrieval = new LinkedHashMap<>();
        if (m.json().has("retrieval")) {
            Node r = m.object("retrieval");
            for (String name : r.fieldNames()) {
                Node o = r.object(name);
                retrieval.put(name, new RetrievalScore(o.number("precision_at_k"), o.number("mean_average_precision"),
                        o.number("chance"), o.integer("k"), o.integer("queries")));
            }
        }
        return new SubjectProfile(m.string("subject"), m.string("created"), m.string("frisson_version"),
                m.string("recording"), streams, models, m.strings("eeg_features"), tracks, readouts, profile, settings,
                retrieval);
    }

    private static Accuracy accuracy(Node a) {
        return new Accuracy(a.number("value"), a.number("ci_low"), a.number("ci_high"), a.integer("n"));
    }

    /** A JSON value with where it came from, for messages that name the file and the field. */
    private record Node(Path file, String at, JsonNode json) {

        static Node root(Path file) {
            try {
                return new Node(file, "", JSON.readTree(file.toFile()));
            } catch (NoSuchFileException | java.io.FileNotFoundException e) {
                throw new ProfileException(file + ": no such file (is this a profile directory?)");
            } catch (JacksonException e) {
                throw new ProfileException(file + ": not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new ProfileException(file + ": cannot read: " + e.getMessage());
            }
        }

        ProfileException error(String field, String problem) {
            return new ProfileException(file + ": " + path(field) + " " + problem);
        }

        private String path(String field) {
            return at.isEmpty() ? field : at + "." + field;
        }

        private JsonNode get(String field) {
            JsonNode v = json == null ? null : json.get(field);
            if (v == null || v.isNull()) {
                throw error(field, "is missing");
            }
            return v;
        }

        String string(String field) {
            JsonNode v = get(field);
            if (!v.isTextual()) {
                throw error(field, "must be a string");
            }
            return v.asText();
        }

        double number(String field) {
            return number(get(field), field);
        }

        private double number(JsonNode v, String field) {
            if (v.isNumber()) {
                return v.doubleValue();
            }
            if (v.isTextual() && v.asText().equals("NaN")) {
                return Double.NaN;
            }
            throw error(field, "must be a number");
        }

        int integer(String field) {
            JsonNode v = get(field);
            if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                throw error(field, "must be an integer");
            }
            return v.intValue();
        }

        long longValue(String field) {
            JsonNode v = get(field);
            if (!v.isIntegralNumber()) {
                throw error(field, "must be an integer");
            }
            return v.longValue();
        }

        Node object(String field) {
            JsonNode v = get(field);
            if (!v.isObject()) {
                throw error(field, "must be an object");
            }
            return new Node(file, path(field), v);
        }

        List<Node> array(String field) {
            JsonNode v = get(field);
            if (!v.isArray()) {
                throw error(field, "must be a list");
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                out.add(new Node(file, path(field) + "[" + i + "]", v.get(i)));
            }
            return out;
        }

        List<Node> elements() {
            if (!json.isArray()) {
                throw new ProfileException(file + ": must be a list");
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                out.add(new Node(file, "[" + i + "]", json.get(i)));
            }
            return out;
        }

        List<String> fieldNames() {
            List<String> names = new ArrayList<>();
            json.fieldNames().forEachRemaining(names::add);
            return names;
        }

        List<String> strings(String field) {
            List<String> out = new ArrayList<>();
            for (Node n : array(field)) {
                if (!n.json.isTextual()) {
                    throw new ProfileException(file + ": " + n.at + " must be a string");
                }
                out.add(n.json.asText());
            }
            return out;
        }

        double[] numbers(String field) {
            List<Node> a = array(field);
            double[] out = new double[a.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = number(a.get(i).json, field + "[" + i + "]");
            }
            return out;
        }

        int[] integers(String field) {
            List<Node> a = array(field);
            int[] out = new int[a.size()];
            for (int i = 0; i < out.length; i++) {
                if (!a.get(i).json.isIntegralNumber()) {
                    throw new ProfileException(file + ": " + a.get(i).at + " must be an integer");
                }
                out[i] = a.get(i).json.intValue();
            }
            return out;
        }

        double[][] matrix(String field) {
            List<Node> rows = array(field);
            double[][] out = new double[rows.size()][];
            for (int i = 0; i < out.length; i++) {
                JsonNode row = rows.get(i).json;
                if (!row.isArray()) {
                    throw new ProfileException(file + ": " + rows.get(i).at + " must be a list");
                }
                out[i] = new double[row.size()];
                for (int j = 0; j < row.size(); j++) {
                    out[i][j] = number(row.get(j), field + "[" + i + "][" + j + "]");
                }
            }
            return out;
        }
    }
}
