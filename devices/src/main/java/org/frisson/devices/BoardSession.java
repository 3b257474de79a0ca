package org.frisson.devices;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.nio.charset.StandardCharsets;

/**
 * One prepared BrainFlow board: prepare, start, pull, stop, release.
 *
 * <p>{@link #pull(double[])} asks how many samples BrainFlow holds and takes them (up to the buffer the
 * session was made with) into the caller's array, row-major as BrainFlow keeps them: row {@code r} of
 * sample {@code i} at {@code dest[r * n + i]}, {@code n} being what the pull returns. The session's
 * parameter JSON, the count and the data live in native memory allocated once, so a pull allocates
 * nothing. Not thread-safe: one thread owns a session. {@link #close()} stops the stream and releases
 * the board, whatever state it is in.
 */
public final class BoardSession implements AutoCloseable {

    /** Samples BrainFlow's own ring holds while we are not pulling (its default is 30 minutes at 250 Hz). */
    public static final int DEFAULT_RING_SAMPLES = 450_000;

    private final Board board;
    private final BoardParams params;
    private final BoardDescription description;
    private final int rows;
    private final int maxSamples;
    private final Memory inputJson;
    private final Memory count = new Memory(4);
    private final Memory data;
    private boolean prepared;
    private boolean streaming;
    private boolean closed;

    private BoardSession(Board board, BoardParams params, BoardDescription description, int maxSamples) {
        this.board = board;
        this.params = params;
        this.description = description;
        this.rows = description.numRows();
        this.maxSamples = maxSamples;
        this.inputJson = cString(params.toJson());
        this.data = new Memory(8L * rows * maxSamples);
    }

    /**
     * Prepares {@code board} (opens its port, connection or file).
     *
     * @param maxSamples most samples one {@link #pull} takes (the native buffer holds this many)
     */
    public static BoardSession prepare(Board board, BoardParams params, int maxSamples) {
        if (maxSamples < 1) {
            throw new IllegalArgumentException(board.label() + ": pull buffer of " + maxSamples + " samples");
        }
        BoardDescription description = BoardInfo.describe(board, params);
        if (board.id() == Boards.PLAYBACK.id()) {
            requireFile(board, params);
        }
        BoardSession s = new BoardSession(board, params, description, maxSamples);
        int rc = BoardNative.prepare_session(board.id(), s.inputJson);
        if (rc != ExitCode.STATUS_OK) {
            s.free();
            throw s.failure("preparing", rc);
        }
        s.prepared = true;
        return s;
    }

    /** BrainFlow opens a playback file only when the stream starts, and then only says it failed; check it first. */
    private static void requireFile(Board board, BoardParams params) {
        if (params.file().isEmpty()) {
            throw new BoardException(board.label() + ": file not given (this board needs " + board.connection() + ")", 13);
        }
        java.nio.file.Path f = java.nio.file.Path.of(params.file());
        if (!java.nio.file.Files.isReadable(f) || java.nio.file.Files.isDirectory(f)) {
            throw new BoardException(board.label() + ": file '" + params.file() + "' is not a readable file", 13);
        }
    }

    /** Starts streaming into BrainFlow's ring of {@code ringSamples} samples. */
    public void start(int ringSamples) {
        start(ringSamples, null);
    }

    public void start() {
        start(DEFAULT_RING_SAMPLES, null);
    }

    /**
     * Starts streaming; {@code streamer} (BrainFlow's streamer parameter, e.g. {@code file:///path/raw.csv:w}, or
     * null) also sends every row there, written by BrainFlow itself.
     */
    public void start(int ringSamples, String streamer) {
        requireOpen();
        int rc;
        if (streamer == null) {
            rc = BoardNative.start_stream(ringSamples, Pointer.NULL, board.id(), inputJson);
        } else {
            try (Memory text = cString(streamer)) {
                rc = BoardNative.start_stream(ringSamples, text, board.id(), inputJson);
            }
        }
        if (rc != ExitCode.STATUS_OK) {
            throw failure(streamer == null ? "starting the stream" : "starting the stream into '" + streamer + "'", rc);
        }
        streaming = true;
    }

    private static Memory cString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        return m;
    }

    /** Whether the session was closed. */
    public boolean closed() {
        return closed;
    }

    /** Samples waiting in BrainFlow's ring. */
    public int available() {
        requireOpen();
        int rc = BoardNative.get_board_data_count(0, count, board.id(), inputJson);
        if (rc != ExitCode.STATUS_OK) {
            throw failure("counting samples", rc);
        }
        return count.getInt(0);
    }

    /**
     * Takes up to {@code min(available, maxSamples, dest.length / rows)} samples out of BrainFlow's ring into
     * {@code dest}, row-major; returns how many ({@code n}), 0 if none are waiting. Allocation-free.
     */
    public int pull(double[] dest) {
        int waiting = available();
        int n = Math.min(waiting, Math.min(maxSamples, dest.length / rows));
        if (n <= 0) {
            return 0;
        }
        int rc = BoardNative.get_board_data(n, 0, data, board.id(), inputJson);
        if (rc != ExitCode.STATUS_OK) {
            throw failure("reading", rc);
        }
        data.read(0, dest, 0, n * rows);
        return n;
    }

    /** Puts {@code value} into the marker row of the next sample (BrainFlow's {@code insert_marker}). */
    public void insertMarker(double value) {
        requireOpen();
        int rc = BoardNative.insert_marker(value, 0, board.id(), inputJson);
        if (rc != ExitCode.STATUS_OK) {
            throw failure("inserting a marker", rc);
        }
    }

    /** Whether BrainFlow holds this session prepared. */
    public boolean isPrepared() {
        if (closed) {
            return false;
        }
        try (Memory flag = new Memory(4)) {
            int rc = BoardNative.is_prepared(flag, board.id(), inputJson);
            if (rc != ExitCode.STATUS_OK) {
                throw failure("querying", rc);
            }
            return flag.getInt(0) != 0;
        }
    }

    /** Stops streaming (what is in the ring can still be pulled). */
    public void stop() {
        if (!streaming) {
            return;
        }
        streaming = false;
        int rc = BoardNative.stop_stream(board.id(), inputJson);
        if (rc != ExitCode.STATUS_OK) {
            throw failure("stopping the stream", rc);
        }
    }

    /** Stops and releases the board; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (streaming) {
                streaming = false;
                BoardNative.stop_stream(board.id(), inputJson);
            }
            if (prepared) {
                prepared = false;
                int rc = BoardNative.release_session(board.id(), inputJson);
                if (rc != ExitCode.STATUS_OK) {
                    throw failure("releasing", rc);
                }
            }
        } finally {
            closed = true;
            free();
        }
    }

    private void free() {
        inputJson.close();
        count.close();
        data.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(board.label() + ": session is closed");
        }
    }

    /** {@code board 'cyton': serial port '/dev/ttyUSB0': UNABLE_TO_OPEN_PORT_ERROR (exit code 2)}, then the step. */
    private BoardException failure(String step, int rc) {
        String given = params.given().isEmpty() ? "no connection parameters" : String.join(", ", params.given());
        String hint = rc == 13 || rc == 2 || rc == 3 || rc == 7 || rc == 17 || rc == 18
                ? " (this board needs " + board.connection() + ")" : "";
        return new BoardException(board.label() + ": " + given + ": " + ExitCode.describe(rc) + " while " + step + hint, rc);
    }

    public Board board() {
        return board;
    }

    public BoardParams params() {
        return params;
    }

    public BoardDescription description() {
        return description;
    }

    /** Rows per sample (BrainFlow's {@code num_rows}). */
    public int rows() {
        return rows;
    }

    /** Most samples one pull takes. */
    public int maxSamples() {
        return maxSamples;
    }

    public boolean streaming() {
        return streaming;
    }
}
