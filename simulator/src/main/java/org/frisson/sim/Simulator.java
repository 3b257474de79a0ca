package org.frisson.sim;

import org.frisson.lsl.Lsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A simulated session published live on real LSL outlets ({@link SessionSource} for what, {@link LslSink} for
 * where): samples are pushed in real time in 10 ms chunks, stamped on the local LSL clock. What was planted is
 * written to the ground-truth file when the session starts, at every new pass of the piece, and at the end.
 */
public final class Simulator implements AutoCloseable {

    private static final long TICK_MILLIS = 10;

    private final SessionSource source;
    private final LslSink sink;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int passesWritten;

    private Simulator(SessionOptions options, double waitSeconds) {
        this.source = SessionSource.create(options);
        if (!options.calibration()) {
            keepDemoPiece(source.music());
        }
        this.sink = new LslSink(source.streams());
        if (waitSeconds > 0) {
            sink.waitForConsumers(Lsl.localClock() + waitSeconds);
        }
        source.start(Lsl.localClock());
        writeTruth(1);
        this.thread = new Thread(this::run, "frisson-simulator");
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens the outlets and starts publishing. */
    public static Simulator start(SessionOptions options) {
        return new Simulator(options, 0);
    }

    /**
     * Opens the outlets, holds the session's start up to {@code waitSeconds} until every stream has a consumer
     * (a recorder or pipeline that must see the session from its first sample), then starts publishing.
     */
    public static Simulator start(SessionOptions options, double waitSeconds) {
        return new Simulator(options, waitSeconds);
    }

    /** The demo piece as a WAV file for the player, written once. */
    private static void keepDemoPiece(float[] music) {
        Path wav = org.frisson.lsl.LslLibrary.frissonHome().resolve(".frisson/music/frisson-demo-piece.wav");
        if (!Files.exists(wav)) {
            try {
                MusicSynth.writeWav(music, SessionSource.AUDIO_RATE, wav);
            } catch (IOException e) {
                throw new UncheckedIOException("writing the demo piece to " + wav, e);
            }
        }
    }

    private void run() {
        double end = source.duration();
        while (running) {
            double elapsed = Lsl.localClock() - source.start();
            double until = elapsed >= end ? end : elapsed;
            source.advance(until, sink);
            int passes = source.passes(until);
            if (passes > passesWritten) {
                writeTruth(passes);
            }
            if (until >= end) {
                break;
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void writeTruth(int passes) {
        passesWritten = passes;
        Path file = source.options().truthFile();
        if (file != null) {
            SessionTruth.write(file, source, passes);
        }
    }

    /** The session's start on the LSL clock. */
    public double start() {
        return source.start();
    }

    public MusicScore score() {
        return source.score();
    }

    /** Names and types of every published stream. */
    public List<String> streams() {
        return source.streams().stream().map(s -> s.name() + " (" + s.type() + ")").toList();
    }

    /** Whether a bounded session has pushed everything. */
    public boolean finished() {
        return !thread.isAlive();
    }

    public void stop() {
        running = false;
    }

    /** Stops publishing, writes the final ground truth, and closes the outlets. */
    @Override
    public void close() {
        stop();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            writeTruth(passesWritten);
        } finally {
            sink.close();
        }
    }
}
