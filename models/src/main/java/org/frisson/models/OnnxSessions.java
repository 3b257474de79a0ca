package org.frisson.models;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the ONNX Runtime sessions on model files. The models ({@link OnnxEmbedder}, {@link OnnxPredictor}) run
 * alike: {@code intraOpThreads} threads per run and none besides, nodes in sequence, every graph optimization
 * on, and idle model threads asleep instead of spinning on cores the pipeline needs. Every failure is a
 * {@link ModelFileException} naming the file.
 */
final class OnnxSessions {

    /** What a model makes of its session; it may refuse the file by throwing. */
    interface Loader<T> {
        T load(OrtSession session) throws OrtException;
    }

    private OnnxSessions() {
    }

    /**
     * Opens {@code file} and hands the session to {@code loader}. When the loader fails the session is closed;
     * a {@link ModelFileException} or {@link IllegalArgumentException} is rethrown as it is, anything else
     * becomes a {@link ModelFileException} naming the file.
     */
    static <T> T load(Path file, int intraOpThreads, Loader<T> loader) {
        OrtSession session = open(file, intraOpThreads);
        try {
            return loader.load(session);
        } catch (OrtException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // the first failure is the one to report
            }
            if (e instanceof ModelFileException || e instanceof IllegalArgumentException) {
                throw (RuntimeException) e;
            }
            throw new ModelFileException(file, "onnx", e.getMessage(), e);
        }
    }

    /** A new session on {@code file} to run the model in; the caller closes it. */
    static OrtSession open(Path file, int intraOpThreads) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be at least 1, got " + intraOpThreads);
        }
        return open(file, options -> {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
        });
    }

    /** A new session on {@code file} to read its metadata only (no graph optimization); the caller closes it. */
    static OrtSession openForMetadata(Path file) {
        return open(file, options -> {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
        });
    }

    private interface Settings {
        void apply(OrtSession.SessionOptions options) throws OrtException;
    }

    private static OrtSession open(Path file, Settings settings) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "file", "does not exist");
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            settings.apply(options);
            return OrtEnvironment.getEnvironment().createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new ModelFileException(file, "onnx", "not a loadable ONNX model (" + e.getMessage() + ")", e);
        }
    }
}
