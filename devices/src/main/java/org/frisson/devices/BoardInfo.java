package org.frisson.devices;

import com.sun.jna.Memory;

import java.nio.charset.StandardCharsets;

/** Board facts that need no session: descriptions and the library's version. */
public final class BoardInfo {

    private static final int MAX_JSON = 16_000;

    private BoardInfo() {
    }

    /** BrainFlow's description of {@code board} (of its master board for playback); a {@link BoardException} if it has none. */
    public static BoardDescription describe(Board board, BoardParams params) {
        int id = descriptionId(board, params);
        BrainFlowLibrary.nativeLibrary();
        try (Memory json = new Memory(MAX_JSON); Memory length = new Memory(4)) {
            json.clear();
            int rc = BoardNative.get_board_descr(id, 0, json, length, MAX_JSON);
            if (rc != ExitCode.STATUS_OK) {
                throw new BoardException(board.label() + ": BrainFlow has no description of board id " + id + ": "
                        + ExitCode.describe(rc), rc);
            }
            byte[] bytes = json.getByteArray(0, length.getInt(0));
            return BoardDescription.parse(id, new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /**
     * The board whose rows a session's data has: the board itself, or for playback (and BrainFlow's streaming
     * board) the master board that recorded the data.
     */
    static int descriptionId(Board board, BoardParams params) {
        if (board.id() == Boards.PLAYBACK.id() || board.id() == -2) {
            if (params.masterBoard() == Boards.NO_BOARD) {
                throw new BoardException(board.label() + ": master board not given (the board that recorded the file)",
                        13);
            }
            return params.masterBoard();
        }
        return board.id();
    }

    /** The board controller's version, e.g. {@code 5.23.0}. */
    public static String version() {
        BrainFlowLibrary.nativeLibrary();
        try (Memory text = new Memory(64); Memory length = new Memory(4)) {
            text.clear();
            int rc = BoardNative.get_version_board_controller(text, length, 64);
            if (rc != ExitCode.STATUS_OK) {
                return "unknown (" + ExitCode.describe(rc) + ")";
            }
            return new String(text.getByteArray(0, length.getInt(0)), StandardCharsets.UTF_8);
        }
    }
}
