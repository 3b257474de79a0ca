package org.frisson.devices;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * BrainFlow's board controller C API ({@code board_controller.h}, {@code board_info_getter.h}),
 * direct-mapped: one JNI call per function, and no allocation for primitive and {@link Pointer}
 * arguments. A session is named in every call by its board id and its input-parameters JSON (a C
 * string); the hot calls take that JSON as a {@link Pointer} to a string kept in native memory, so
 * reading a board does not encode a Java string each time. Every function returns an exit code
 * ({@link ExitCode}); results come back through the pointers passed in.
 * Callers load the library first ({@link BrainFlowLibrary#nativeLibrary()}) so a missing library is a
 * {@link BrainFlowLibraryNotFoundException}, not a class-initialisation error.
 */
final class BoardNative {

    static {
        Native.register(BoardNative.class, BrainFlowLibrary.nativeLibrary());
        set_log_level_board_controller(logLevel());
    }

    /** The level from the {@code brainflow.log} system property (a name above), else warn. */
    static int logLevel() {
        // BrainFlow's log levels, 0 (trace) to 6 (off); its own default (info) logs every session's parameters
        String[] levels = {"trace", "debug", "info", "warn", "error", "critical", "off"};
        String want = System.getProperty("brainflow.log", "warn").strip().toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].equals(want)) {
                return i;
            }
        }
        return 3;
    }

    private BoardNative() {
    }

    // --- session
    static native int prepare_session(int boardId, Pointer inputJson);

    static native int is_prepared(Pointer prepared, int boardId, Pointer inputJson);

    static native int start_stream(int bufferSize, Pointer streamerParams, int boardId, Pointer inputJson);

    static native int stop_stream(int boardId, Pointer inputJson);

    static native int release_session(int boardId, Pointer inputJson);

    static native int get_board_data_count(int preset, Pointer count, int boardId, Pointer inputJson);

    static native int get_board_data(int count, int preset, Pointer data, int boardId, Pointer inputJson);

    static native int get_current_board_data(int count, int preset, Pointer data, Pointer returned, int boardId,
                                             Pointer inputJson);

    static native int insert_marker(double value, int preset, int boardId, Pointer inputJson);

    static native int config_board(Pointer config, Pointer response, Pointer responseLength, int boardId,
                                   Pointer inputJson);

    static native int set_log_level_board_controller(int level);

    static native int get_version_board_controller(Pointer version, Pointer length, int maxLength);

    // --- board information
    static native int get_board_descr(int boardId, int preset, Pointer json, Pointer length, int maxLength);

    static native int get_sampling_rate(int boardId, int preset, Pointer rate);

    static native int get_num_rows(int boardId, int preset, Pointer rows);
}
