package org.frisson.devices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** BrainFlow's own recording format, as its file streamer writes it: one sample per line, every row, tab-separated. */
final class BrainFlowFile {

    private BrainFlowFile() {
    }

    /** The samples of {@code file}, each with every row of the board. */
    static List<double[]> read(Path file) throws IOException {
        List<double[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.strip().split("\t");
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = Double.parseDouble(cells[i]);
            }
            out.add(row);
        }
        return out;
    }
}
