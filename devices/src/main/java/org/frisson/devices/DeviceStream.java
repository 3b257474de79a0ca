package org.frisson.devices;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * One LSL stream published from a board: its type, the BrainFlow rows it carries (in channel order), its
 * channel labels and unit, and its stream info. {@link #plan} lays a board's rows out as streams: one per
 * signal kind the board has, then {@code Device} (package number, battery, the board's own timestamp) and
 * {@code Markers} (the marker row's non-zero values, irregular).
 */
public record DeviceStream(String type, String suffix, int[] rows, List<String> labels, String unit,
                           boolean markers, StreamInfo info) {

    /** The stream type of the board-status stream. */
    public static final String DEVICE_TYPE = "Device";
    public static final String MARKERS_TYPE = "Markers";

    /** The streams of {@code board}'s rows, described for LSL (their infos are built, not yet published). */
    public static List<DeviceStream> plan(Board board, BoardParams params, BoardDescription d, String version) {
        List<DeviceStream> out = new ArrayList<>();
        for (java.util.Map.Entry<SignalKind, int[]> e : SignalKind.layout(d).entrySet()) {
            SignalKind kind = e.getKey();
            int[] rs = e.getValue();
            out.add(stream(board, params, d, version, kind.type(), kind.suffix(), rs, kind.labels(d, rs),
                    List.of(kind.unit()), d.samplingRate(), ChannelFormat.FLOAT32, false));
        }
        List<Integer> status = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> units = new ArrayList<>();
        if (d.packageNumRow() >= 0) {
            status.add(d.packageNumRow());
            labels.add("package");
            units.add("count");
        }
        if (d.batteryRow() >= 0) {
            status.add(d.batteryRow());
            labels.add("battery");
            units.add("percent");
        }
        if (d.timestampRow() >= 0) {
            status.add(d.timestampRow());
            labels.add("board_time");
            units.add("seconds");
        }
        if (!status.isEmpty()) {
            out.add(stream(board, params, d, version, DEVICE_TYPE, "device",
                    status.stream().mapToInt(Integer::intValue).toArray(), labels, units, d.samplingRate(),
                    ChannelFormat.DOUBLE64, false));
        }
        if (d.markerRow() >= 0) {
            out.add(stream(board, params, d, version, MARKERS_TYPE, "markers", new int[]{d.markerRow()},
                    List.of("marker"), List.of(""), StreamInfo.IRREGULAR_RATE, ChannelFormat.DOUBLE64, true));
        }
        return out;
    }

    private static DeviceStream stream(Board board, BoardParams params, BoardDescription d, String version, String type,
                                       String suffix, int[] rows, List<String> labels, List<String> units, double rate,
                                       ChannelFormat format, boolean markers) {
        StreamInfo.Builder b = StreamInfo.builder(board.name() + " " + type, type).channelCount(rows.length).rate(rate)
                .format(format).sourceId(sourceId(board, params, suffix)).desc("manufacturer", "BrainFlow")
                .desc("board", board.name()).desc("board_id", Integer.toString(board.id()))
                .desc("brainflow_board", d.name()).desc("brainflow_version", version);
        if (!params.serialPort().isEmpty()) {
            b.desc("serial_port", params.serialPort());
        }
        if (!params.macAddress().isEmpty()) {
            b.desc("mac_address", params.macAddress());
        }
        if (!params.ipAddress().isEmpty()) {
            b.desc("ip_address", params.ipAddress() + (params.ipPort() != 0 ? ":" + params.ipPort() : ""));
        }
        if (!params.serialNumber().isEmpty()) {
            b.desc("serial_number", params.serialNumber());
        }
        if (!params.file().isEmpty()) {
            b.desc("file", params.file());
        }
        for (int i = 0; i < rows.length; i++) {
            b.channel(labels.get(i), units.size() == 1 ? units.get(0) : units.get(i), type);
        }
        return new DeviceStream(type, suffix, rows, List.copyOf(labels), units.get(0), markers, b.build());
    }

    /** The board as Frisson names it in health and logs: {@code <board>}, or {@code <board>-<serial number>}. */
    public static String deviceName(Board board, BoardParams params) {
        return params.serialNumber().isEmpty() ? board.name() : board.name() + "-" + params.serialNumber();
    }

    /**
     * {@code brainflow-<board>-<suffix>}, or {@code brainflow-<board>-<serial number>-<suffix>} when the board's
     * serial number is given, so that two boards of one kind (two listeners' Muses) publish apart.
     */
    public static String sourceId(Board board, BoardParams params, String suffix) {
        return "brainflow-" + deviceName(board, params) + "-" + suffix;
    }
}
