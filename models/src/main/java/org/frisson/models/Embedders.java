package org.frisson.models;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Opens an embedder by the name users give it: {@code musicnn} (MTT_musicnn), {@code msd-musicnn}
 * (MSD_musicnn), {@code encodec} (the Encodec 24 kHz encoder: pretrained weights where they can be had,
 * otherwise random-init, see {@link EncodecExport}), {@code encodec-random} (random-init directly) or
 * {@code acoustic}. ONNX models are exported on first use; when a MusiCNN model cannot be, the acoustic
 * embedder stands in if the caller allows it, and the log says so.
 */
public final class Embedders {

    public static final List<String> NAMES = List.of("musicnn", "msd-musicnn", "encodec", "encodec-random", "acoustic");
    private static final Map<String, String> MUSICNN = Map.of("musicnn", "MTT_musicnn", "msd-musicnn", "MSD_musicnn");

    private Embedders() {
    }

    /**
     * @param outputs  outputs to compute (empty: all); ignored by the acoustic embedder
     * @param fallback whether the acoustic embedder may stand in for a MusiCNN model that cannot be had (an
     *                 Encodec encoder has no stand-in: its latent frames are not descriptors of patches)
     */
    public static Embedder open(String name, Path home, List<String> outputs, int threads, boolean fallback,
                                PrintStream log) throws ModelUnavailableException {
        switch (name) {
            case "acoustic":
                return new AcousticEmbedder();
            case "encodec":
                return OnnxEmbedder.open(EncodecExport.ensure(home, log), outputs, threads);
            case "encodec-random":
                return OnnxEmbedder.open(EncodecExport.random(home, log), outputs, threads);
            default:
                break;
        }
        String model = MUSICNN.get(name);
        if (model == null) {
            throw new IllegalArgumentException("unknown model '" + name + "': one of " + NAMES);
        }
        try {
            return OnnxEmbedder.open(MusicnnExport.ensure(home, model, log), outputs, threads);
        } catch (ModelUnavailableException e) {
            if (!fallback) {
                throw e;
            }
            log.println("frisson: " + name + " unavailable (" + e.getMessage()
                    + "); using the Java acoustic embedder (rms, flux, centroid, roughness) instead");
            return new AcousticEmbedder();
        }
    }
}
