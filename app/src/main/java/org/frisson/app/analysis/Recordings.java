package org.frisson.app.analysis;

import org.frisson.app.CliException;
import org.frisson.lsl.ChannelFormat;
import org.frisson.pipeline.RecordingFeed;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the analyses read from a recording: the file, its streams by kind, the span of its music. */
final class Recordings {

    private Recordings() {
    }

    /** The recording with raw stamps and clock offsets (the analyses put stamps on the live pipeline's clock). */
    static XdfFile read(Path f) {
        if (!Files.isRegularFile(f)) {
            throw new CliException(f + ": no such file");
        }
        try {
            return XdfReader.read(f, XdfReader.Options.raw());
        } catch (IOException e) {
            throw new CliException(f + ": " + e.getMessage());
        }
    }

    /** {@code [name (type), ...]}, for messages. */
    static String names(XdfFile xdf) {
        return xdf.streams().stream().map(s -> s.name() + " (" + s.type() + ")").toList().toString();
    }

    /** Whether {@code s} is a numeric stream of one of {@code types} (case-insensitive). */
    static boolean numeric(XdfStream s, String... types) {
        String type = s.type() == null ? "" : s.type();
        return s.format() != ChannelFormat.STRING && List.of(types).stream().anyMatch(type::equalsIgnoreCase);
    }

    /** Channel 0 of {@code s} as doubles. */
    static double[] firstChannel(XdfStream s) {
        double[] values = new double[s.sampleCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = s.value(i, 0);
        }
        return values;
    }

    /** {first, last} stamp of the first Audio stream with samples, or null when the recording has no music. */
    static double[] musicSpan(XdfFile rec) {
        for (XdfStream s : rec.streams()) {
            if ("Audio".equalsIgnoreCase(s.type()) && s.sampleCount() > 0) {
                double[] t = RecordingFeed.localStamps(s);
                return new double[]{t[0], t[t.length - 1]};
            }
        }
        return null;
    }
}
