package org.frisson.pipeline;

import org.frisson.lsl.StreamInfo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every output stream to {@code DIR/<stream name>.csv}: a header {@code timestamp,<channel
 * labels>}, then one row per sample at full precision (NaN for a missing value); a marker stream's rows
 * are {@code timestamp,marker} with the text quoted when it holds a comma, a quote or a line break.
 */
public final class CsvOutputs implements OutputListener {

    private final Path dir;
    private final List<BufferedWriter> writers = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private final StringBuilder row = new StringBuilder(1024);

    public CsvOutputs(Path dir) {
        this.dir = dir;
    }

    @Override
    public void start(List<StreamInfo> outputs) {
        try {
            Files.createDirectories(dir);
            for (StreamInfo info : outputs) {
                Path file = dir.resolve(info.name() + ".csv");
                BufferedWriter w = Files.newBufferedWriter(file);
                w.write("timestamp");
                for (String label : info.channelLabels()) {
                    w.write(',');
                    w.write(label);
                }
                w.newLine();
                writers.add(w);
                files.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing outputs to " + dir, e);
        }
    }

    @Override
    public void sample(int output, double stamp, double[] values) {
        row.setLength(0);
        row.append(stamp);
        for (double v : values) {
            row.append(',').append(v);
        }
        try {
            BufferedWriter w = writers.get(output);
            w.append(row);
            w.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + files.get(output), e);
        }
    }

    @Override
    public void marker(int output, double stamp, String text) {
        row.setLength(0);
        row.append(stamp).append(',');
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            row.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else {
            row.append(text);
        }
        try {
            BufferedWriter w = writers.get(output);
            w.append(row);
            w.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + files.get(output), e);
        }
    }

    @Override
    public void end() {
        try {
            for (BufferedWriter w : writers) {
                w.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing outputs in " + dir, e);
        }
    }

    /** The files written, in output order. */
    public List<Path> files() {
        return List.copyOf(files);
    }
}
