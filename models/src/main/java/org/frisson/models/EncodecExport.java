package org.frisson.models;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the exported Encodec 24 kHz encoder in {@code <home>/.frisson/models/}, exporting it the first time
 * ({@code models/python/export_encodec.py}, through {@link ModelExport}): {@code encodec_24khz.onnx} with the
 * pretrained weights, which the {@code encodec} package downloads from its authors' server and which need
 * PyTorch; where that cannot run, {@code encodec_24khz-random.onnx}, the same architecture with seeded random
 * weights (its metadata says {@code frisson.weights = random-init}, and the log says why).
 */
public final class EncodecExport {

    static final String MODEL = "encodec_24khz";
    static final String SCRIPT = "export_encodec.py";

    private EncodecExport() {
    }

    /** The ONNX file with pretrained ({@code true}) or random-init weights under {@code home}. */
    public static Path file(Path home, boolean pretrained) {
        return home.resolve(".frisson/models").resolve(MODEL + (pretrained ? "" : "-random") + ".onnx");
    }

    /** The pretrained export when it exists or can be made, otherwise the random-init one. */
    public static Path ensure(Path home, PrintStream log) throws ModelUnavailableException {
        try {
            return ModelExport.ensure(home, MODEL + " (pretrained)", file(home, true), SCRIPT, List.of(), log);
        } catch (ModelUnavailableException e) {
            log.println("frisson: pretrained Encodec weights unavailable (" + e.getMessage() + "); using "
                    + file(home, false).getFileName() + ", the same architecture with random weights "
                    + "(frisson.weights = random-init: its latents carry no learned meaning)");
            return random(home, log);
        }
    }

    /** The random-init export, made first when missing. */
    public static Path random(Path home, PrintStream log) throws ModelUnavailableException {
        return ModelExport.ensure(home, MODEL + " (random-init)", file(home, false), SCRIPT, List.of("--random-init"),
                log);
    }
}
