package org.frisson.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The signal kinds a board's rows are published as, one LSL stream each, with Frisson's stream types and
 * units. BrainFlow lists a row under several kinds (a Cyton's eight ExG rows are its EEG, EMG, ECG and EOG
 * rows alike); a row goes to the first kind here that lists it.
 */
public enum SignalKind {
    EEG("EEG", "eeg", "microvolts", BoardDescription::eegRows),
    EMG("EMG", "emg", "microvolts", BoardDescription::emgRows),
    ECG("ECG", "ecg", "microvolts", BoardDescription::ecgRows),
    EOG("EOG", "eog", "microvolts", BoardDescription::eogRows),
    EDA("EDA", "eda", "microsiemens", BoardDescription::edaRows),
    PPG("PPG", "ppg", "raw", BoardDescription::ppgRows),
    TEMPERATURE("Temperature", "temperature", "celsius", BoardDescription::temperatureRows),
    ACCELEROMETER("Accelerometer", "accel", "g", BoardDescription::accelRows),
    GYROSCOPE("Gyroscope", "gyro", "degrees/s", BoardDescription::gyroRows);

    private final String type;
    private final String suffix;
    private final String unit;
    private final Function<BoardDescription, int[]> rows;

    SignalKind(String type, String suffix, String unit, Function<BoardDescription, int[]> rows) {
        this.type = type;
        this.suffix = suffix;
        this.unit = unit;
        this.rows = rows;
    }

    /** The LSL stream type. */
    public String type() {
        return type;
    }

    /** The source_id's last part: {@code brainflow-<board>-<suffix>}. */
    public String suffix() {
        return suffix;
    }

    public String unit() {
        return unit;
    }

    /** The rows BrainFlow lists for this kind (possibly shared with other kinds). */
    public int[] listedRows(BoardDescription d) {
        return rows.apply(d);
    }

    /** The rows each kind publishes: those BrainFlow lists for it and for no kind before it; kinds without rows left out. */
    public static java.util.Map<SignalKind, int[]> layout(BoardDescription d) {
        java.util.Map<SignalKind, int[]> out = new java.util.EnumMap<>(SignalKind.class);
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (SignalKind kind : values()) {
            int[] rows = java.util.Arrays.stream(kind.listedRows(d)).filter(r -> r >= 0 && r < d.numRows() && taken.add(r))
                    .toArray();
            if (rows.length > 0) {
                out.put(kind, rows);
            }
        }
        return out;
    }

    /** A channel label per row: the EEG names for EEG, else the type with an axis or a number. */
    public List<String> labels(BoardDescription d, int[] rowsTaken) {
        List<String> out = new ArrayList<>();
        int[] listed = listedRows(d);
        for (int i = 0; i < rowsTaken.length; i++) {
            if (this == EEG) {
                int at = indexOf(listed, rowsTaken[i]);
                out.add(at >= 0 && at < d.eegNames().size() ? d.eegNames().get(at) : "EEG" + (i + 1));
            } else if ((this == ACCELEROMETER || this == GYROSCOPE) && rowsTaken.length == 3) {
                out.add(type + "XYZ".charAt(i));
            } else {
                out.add(rowsTaken.length == 1 ? type : type + (i + 1));
            }
        }
        return out;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
