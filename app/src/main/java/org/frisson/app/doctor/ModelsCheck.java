package org.frisson.app.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.models.EncodecExport;
import org.frisson.models.ModelFileException;
import org.frisson.models.ModelProvenance;
import org.frisson.models.MusicnnExport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The models a session runs and where they come from: the default emotion and chill models
 * ({@code models/default/}, described by {@code models.json}), the MusiCNN export and the Encodec export
 * ({@code .frisson/models/}, their weights read from the files' {@code frisson.weights}).
 */
public final class ModelsCheck {

    static final String DEFAULTS = "models";
    static final String MUSICNN = "musicnn";
    static final String ENCODEC = "encodec";

    /** The MusiCNN model the pipeline's embedding stage uses by default. */
    static final String MUSICNN_MODEL = "MTT_musicnn";

    private ModelsCheck() {
    }

    /** The default emotion and chill models: present, the files {@code models.json} lists, what they were trained on. */
    public static Check defaults(Path home) {
        Path dir = home.resolve("models/default");
        Path manifest = dir.resolve("models.json");
        JsonNode m;
        try {
            m = new ObjectMapper().readTree(manifest.toFile());
        } catch (IOException e) {
            return Check.warn(DEFAULTS, manifest + " cannot be read (" + e.getMessage() + "): the emotion and chill "
                    + "stages' default models are unaccounted for", "restore models/default/ from the repository "
                    + "(git checkout -- models/default)");
        }
        List<String> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> trainedOn = new ArrayList<>();
        for (Iterator<String> it = m.path("files").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            files.add(name);
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                problems.add(name + " is missing");
                continue;
            }
            String want = m.path("files").path(name).path("sha256").asText("");
            String have = sha256(file);
            if (!want.equalsIgnoreCase(have)) {
                problems.add(name + " is not the file models.json lists (SHA-256 differs)");
            }
            try {
                trainedOn.add(ModelProvenance.read(file).get(ModelProvenance.TRAINED_ON, "unknown"));
            } catch (ModelFileException e) {
                problems.add(e.getMessage());
            }
        }
        if (files.isEmpty()) {
            problems.add("models.json lists no files");
        }
        String kind = m.path("trained_on").path("kind").asText("unknown");
        String note = m.path("note").asText("");
        String msg = String.join(", ", files) + " in " + dir + ", trained on: " + kind
                + (m.path("trained_on").has("seed") ? " (seed " + m.path("trained_on").path("seed").asText() + ")" : "");
        if (!problems.isEmpty()) {
            return Check.warn(DEFAULTS, msg + "; " + String.join("; ", problems) + ": the stages using them turn "
                    + "their channels off", "restore models/default/ from the repository (git checkout -- "
                    + "models/default), or regenerate them and models.json with models/python/make_default_models.py");
        }
        boolean simulated = kind.equals("simulated-cohort") || trainedOn.contains("simulated-cohort");
        if (simulated) {
            return Check.warn(DEFAULTS, msg + ": demonstration models, not trained on people",
                    "for a study, train on recorded data (models/python/train_emotion.py, train_chills.py; README: "
                            + "Training) and give the stages those files (eeg_model, music_model, model), or fit "
                            + "each listener's profile with ./frisson calibrate");
        }
        return Check.ok(DEFAULTS, msg + (note.isEmpty() ? "" : " (" + note + ")"));
    }

    /** The MusiCNN export the embedding stage runs: present, and with which weights. */
    public static Check musicnn(Path home) {
        Path file = MusicnnExport.file(home, MUSICNN_MODEL);
        if (!Files.isRegularFile(file)) {
            boolean venv = Files.isExecutable(home.resolve(".frisson/venv/bin/python"));
            return Check.warn(MUSICNN, file + " is not exported yet: a pipeline's embedding stage exports it when it "
                    + "starts (which takes a while), and where it cannot, the acoustic embedder stands in",
                    (venv ? "" : "scripts/setup --test (the export's Python venv), then ")
                            + "./frisson embed FILE.wav or the first ./frisson demo exports it");
        }
        return weights(MUSICNN, file, "the MusiCNN taggers' pretrained weights",
                "export it again: delete " + file + ", then ./frisson embed FILE.wav");
    }

    /** The Encodec encoder export ({@code embed --model encodec}): present, and with which weights. */
    public static Check encodec(Path home) {
        Path pretrained = EncodecExport.file(home, true);
        Path random = EncodecExport.file(home, false);
        if (Files.isRegularFile(pretrained)) {
            return weights(ENCODEC, pretrained, "the pretrained 24 kHz encoder",
                    "export it again: delete " + pretrained + ", then ./frisson embed FILE.wav --model encodec");
        }
        String getPretrained = "for learned latents: pip install torch encodec==0.1.1 into .frisson/venv, then "
                + "./frisson embed FILE.wav --model encodec exports the pretrained encoder";
        if (Files.isRegularFile(random)) {
            Check c = weights(ENCODEC, random, "random-init", "export it again: delete " + random);
            if (c.status() != Check.Status.OK) {
                return c;
            }
            return Check.warn(ENCODEC, c.message() + ": the same architecture with random weights, its latents "
                    + "carry no learned meaning", getPretrained);
        }
        return Check.ok(ENCODEC, "not exported (optional: only embed --model encodec and bench embed use it; "
                + "exported on first use)");
    }

    private static Check weights(String name, Path file, String expected, String fix) {
        ModelProvenance p;
        try {
            p = ModelProvenance.read(file);
        } catch (ModelFileException e) {
            return Check.warn(name, e.getMessage(), fix);
        }
        String weights = p.weights();
        String msg = String.format(Locale.ROOT, "%s (%.1f MB), frisson.weights = %s", file, size(file) / 1e6, weights);
        return switch (weights) {
            case "pretrained" -> Check.ok(name, msg);
            case "random-init" -> expected.equals("random-init") ? Check.ok(name, msg)
                    : Check.warn(name, msg + ": random weights, no learned meaning", fix);
            default -> Check.warn(name, msg + ": not " + expected, fix);
        };
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
