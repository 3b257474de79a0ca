package org.frisson.devices;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The boards Frisson knows by name, with BrainFlow's board ids ({@code BoardIds} in BrainFlow's bindings). */
public final class Boards {

    /** BrainFlow's "no board" id (an unset master board). */
    public static final int NO_BOARD = -100;
    public static final Board SYNTHETIC = new Board("synthetic", -1, "none: BrainFlow generates the signals");
    public static final Board PLAYBACK = new Board("playback", -3,
            "--file (a BrainFlow CSV recording) and --master-board (the board that recorded it)");

    private static final Map<String, Board> BY_NAME;

    static {
        Map<String, Board> m = new LinkedHashMap<>();
        for (Board b : new Board[]{
            SYNTHETIC,
            PLAYBACK,
            new Board("cyton", 0, "--serial-port (the OpenBCI dongle)"),
            new Board("cyton_daisy", 2, "--serial-port (the OpenBCI dongle)"),
            new Board("cyton_wifi", 5, "--ip (the WiFi shield), optional --ip-port"),
            new Board("cyton_daisy_wifi", 6, "--ip (the WiFi shield), optional --ip-port"),
            new Board("ganglion", 1, "--serial-port (the BLED112 dongle), optional --mac"),
            new Board("ganglion_native", 46, "Bluetooth; optional --mac or --serial-number"),
            new Board("ganglion_wifi", 4, "--ip (the WiFi shield), optional --ip-port"),
            new Board("muse_2", 38, "Bluetooth; optional --mac or --serial-number"),
            new Board("muse_s", 39, "Bluetooth; optional --mac or --serial-number"),
            new Board("muse_2016", 41, "Bluetooth; optional --mac or --serial-number"),
            new Board("muse_s_athena", 67, "Bluetooth; optional --mac or --serial-number"),
            new Board("muse_2_bled", 22, "--serial-port (the BLED112 dongle)"),
            new Board("muse_s_bled", 21, "--serial-port (the BLED112 dongle)"),
            new Board("emotibit", 47, "the local network; optional --ip"),
            new Board("unicorn", 8, "Bluetooth; optional --serial-number"),
            new Board("brainbit", 7, "Bluetooth; optional --serial-number"),
            new Board("brainbit_bled", 18, "--serial-port (the BLED112 dongle)"),
            new Board("crown", 23, "the local network; optional --serial-number"),
            new Board("notion_1", 13, "the local network; optional --serial-number"),
            new Board("notion_2", 14, "the local network; optional --serial-number"),
            new Board("callibri_eeg", 9, "Bluetooth; optional --other-info"),
            new Board("enophone", 37, "Bluetooth; --mac"),
            new Board("explore_4", 44, "Bluetooth; --mac"),
            new Board("explore_8", 45, "Bluetooth; --mac"),
            new Board("freeeeg32", 17, "--serial-port"),
            new Board("galea", 3, "--ip"),
            new Board("shimmer3", 68, "--serial-port"),
        }) {
            m.put(b.name(), b);
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private Boards() {
    }

    /** Every board Frisson knows, in listing order. */
    public static Collection<Board> all() {
        return BY_NAME.values();
    }

    public static Optional<Board> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name.strip().toLowerCase(java.util.Locale.ROOT)));
    }

    /** The board called {@code name}; an unknown name is a {@link BoardException} listing the known ones. */
    public static Board byName(String name) {
        return find(name).orElseThrow(() -> new BoardException("unknown board '" + name + "'; Frisson knows: "
                + String.join(", ", BY_NAME.keySet())));
    }

    /** The board with BrainFlow id {@code id}, if Frisson knows it. */
    public static Optional<Board> byId(int id) {
        return BY_NAME.values().stream().filter(b -> b.id() == id).findFirst();
    }
}
