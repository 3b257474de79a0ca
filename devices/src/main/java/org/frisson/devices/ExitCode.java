package org.frisson.devices;

/** BrainFlow's exit codes ({@code brainflow_constants.h}), by number. */
public final class ExitCode {

    /** Success. */
    public static final int STATUS_OK = 0;

    private static final String[] NAMES = {
        "STATUS_OK", "PORT_ALREADY_OPEN_ERROR", "UNABLE_TO_OPEN_PORT_ERROR", "SER_PORT_ERROR",
        "BOARD_WRITE_ERROR", "INCOMMING_MSG_ERROR", "INITIAL_MSG_ERROR", "BOARD_NOT_READY_ERROR",
        "STREAM_ALREADY_RUN_ERROR", "INVALID_BUFFER_SIZE_ERROR", "STREAM_THREAD_ERROR",
        "STREAM_THREAD_IS_NOT_RUNNING", "EMPTY_BUFFER_ERROR", "INVALID_ARGUMENTS_ERROR",
        "UNSUPPORTED_BOARD_ERROR", "BOARD_NOT_CREATED_ERROR", "ANOTHER_BOARD_IS_CREATED_ERROR", "GENERAL_ERROR",
        "SYNC_TIMEOUT_ERROR", "JSON_NOT_FOUND_ERROR", "NO_SUCH_DATA_IN_JSON_ERROR",
        "CLASSIFIER_IS_NOT_PREPARED_ERROR", "ANOTHER_CLASSIFIER_IS_PREPARED_ERROR",
        "UNSUPPORTED_CLASSIFIER_AND_METRIC_COMBINATION_ERROR",
    };

    private ExitCode() {
    }

    /** The code's name and number, e.g. {@code UNABLE_TO_OPEN_PORT_ERROR (exit code 2)}. */
    public static String describe(int code) {
        String name = code >= 0 && code < NAMES.length ? NAMES[code] : "UNKNOWN_ERROR";
        return name + " (exit code " + code + ")";
    }
}
