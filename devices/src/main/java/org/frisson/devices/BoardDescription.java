package org.frisson.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What BrainFlow says a board's data rows hold ({@code get_board_descr}): its sampling rate and name, the
 * rows of each signal kind, the timestamp, marker, package-number and battery rows, and the EEG channel
 * names. Rows index BrainFlow's row-major data; a row BrainFlow does not list is -1, a kind it does not
 * list is an empty array.
 */
public record BoardDescription(int boardId, String name, int samplingRate, int numRows, int[] eegRows,
                               int[] emgRows, int[] ecgRows, int[] eogRows, int[] edaRows, int[] ppgRows,
                               int[] temperatureRows, int[] accelRows, int[] gyroRows, int[] otherRows,
                               int timestampRow, int markerRow, int packageNumRow, int batteryRow,
                               List<String> eegNames) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses {@code get_board_descr}'s JSON for board {@code boardId}. */
    public static BoardDescription parse(int boardId, String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("BrainFlow's description of board id " + boardId + " is not JSON", e);
        }
        int[] eeg = rows(n, "eeg_channels");
        List<String> names = new ArrayList<>();
        String listed = n.path("eeg_names").asText("");
        if (!listed.isBlank()) {
            for (String s : listed.split(",")) {
                names.add(s.strip());
            }
        }
        if (names.size() != eeg.length) {
            // BrainFlow names the EEG channels of most boards; for the rest, name them by number
            names.clear();
            for (int i = 0; i < eeg.length; i++) {
                names.add("EEG" + (i + 1));
            }
        }
        return new BoardDescription(boardId, n.path("name").asText("board " + boardId),
                n.path("sampling_rate").asInt(0), n.path("num_rows").asInt(0), eeg,
                rows(n, "emg_channels"), rows(n, "ecg_channels"), rows(n, "eog_channels"), rows(n, "eda_channels"),
                rows(n, "ppg_channels"), rows(n, "temperature_channels"), rows(n, "accel_channels"),
                rows(n, "gyro_channels"), rows(n, "other_channels"), row(n, "timestamp_channel"),
                row(n, "marker_channel"), row(n, "package_num_channel"), row(n, "battery_channel"),
                List.copyOf(names));
    }

    private static int[] rows(JsonNode n, String key) {
        JsonNode a = n.path(key);
        if (!a.isArray()) {
            return new int[0];
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static int row(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isInt() ? v.asInt() : -1;
    }

    public boolean hasTimestamps() {
        return timestampRow >= 0;
    }

    @Override
    public String toString() {
        return "BoardDescription[" + name + " (id " + boardId + "), " + samplingRate + " Hz, " + numRows + " rows, eeg "
                + Arrays.toString(eegRows) + " " + eegNames + ", eda " + Arrays.toString(edaRows) + ", ppg "
                + Arrays.toString(ppgRows) + ", temperature " + Arrays.toString(temperatureRows) + ", accel "
                + Arrays.toString(accelRows) + ", timestamp " + timestampRow + ", marker " + markerRow + ", package "
                + packageNumRow + ", battery " + batteryRow + "]";
    }
}
