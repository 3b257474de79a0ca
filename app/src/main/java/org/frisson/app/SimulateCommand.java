package org.frisson.app;

import org.frisson.lsl.ChannelFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code frisson simulate}: publish one synthetic stream. */
@Command(name = "simulate", description = "Publish a synthetic LSL stream with channel labels in <desc>.")
final class SimulateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--profile", paramLabel = "lab|concert|calibration", description = {
            "A whole listening session coupled to music: lab = music, EEG (32 ch, 128 Hz), skin conductance,",
            "PPG, chill button and rating slider of one listener; concert = music and skin conductance, PPG",
            "and chill button of --participants listeners; calibration = lab on a playlist of --tracks tracks",
            "with pauses, plus the player's track markers (Player) and a 1-9 rating per track (Ratings).",
            "Without it, one stream (--name, --type)."})
    String profile;

    @Option(names = "--tracks", paramLabel = "N",
            description = "Calibration: tracks in the playlist, balanced over the valence-arousal quadrants (default: 8).")
    Integer tracks;

    @Option(names = "--track-seconds", paramLabel = "S", description = "Calibration: seconds per track (default: 30).")
    Double trackSeconds;

    @Option(names = "--xdf", paramLabel = "FILE.xdf", description = {
            "Instead of streaming: write the session (lab and concert need --duration) into this XDF file as",
            "fast as possible, stamped from 1000 s; the ground truth defaults to FILE-truth.json beside it."})
    java.nio.file.Path xdf;

    @Option(names = "--overwrite", description = "With --xdf: replace an existing file.")
    boolean overwrite;

    @Option(names = "--participants", defaultValue = "10",
            description = "Listeners in the concert profile, or in the cohort's chill sessions (default: ${DEFAULT-VALUE}).")
    int participants;

    @Option(names = "--cohort", paramLabel = "DIR", description = {
            "Instead of streaming: write a labelled synthetic cohort for the training tools into DIR (emotion:",
            "--subjects listeners x --trials tracks, DE features, MusiCNN embeddings, 1-9 ratings; chills:",
            "--participants listeners x --songs songs, embeddings, phasic skin conductance, chill button)."})
    java.nio.file.Path cohort;

    @Option(names = "--subjects", defaultValue = "32", description = "Cohort: listeners rating tracks (default: ${DEFAULT-VALUE}, as DEAP).")
    int subjects;

    @Option(names = "--trials", defaultValue = "40", description = "Cohort: tracks per listener (default: ${DEFAULT-VALUE}, as DEAP).")
    int trials;

    @Option(names = "--trial-seconds", defaultValue = "30", description = "Cohort: seconds per track (default: ${DEFAULT-VALUE}).")
    double trialSeconds;

    @Option(names = "--songs", defaultValue = "8", description = "Cohort: songs in the chill sessions (default: ${DEFAULT-VALUE}).")
    int songs;

    @Option(names = "--song-seconds", defaultValue = "60", description = "Cohort: seconds per song (default: ${DEFAULT-VALUE}).")
    double songSeconds;

    @Option(names = "--model", defaultValue = "musicnn",
            description = "Cohort: embedder for the music, musicnn or acoustic (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--truth", paramLabel = "FILE", description = "Where the planted ground truth goes (default: .frisson/sim-truth-<session>.json).")
    java.nio.file.Path truth;

    @Option(names = "--session", defaultValue = "lab", description = "Session id in every source_id (default: ${DEFAULT-VALUE}).")
    String session;

    @Option(names = "--name", description = "Stream name (single-stream mode).")
    String name;

    @Option(names = "--type", description = "Stream type, e.g. EEG, GSR, PPG, Markers (single-stream mode).")
    String type;

    @Option(names = "--channels", defaultValue = "1", description = "Channel count (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--rate", defaultValue = "-1", paramLabel = "HZ",
            description = "Nominal rate in Hz; 0 for irregular. Default: 0 for Markers, else 100.")
    double rate;

    @Option(names = "--format", paramLabel = "F",
            description = "float32, double64, string, int32, int16, int8, int64. Default: string for Markers, else float32.")
    String format;

    @Option(names = "--wait", defaultValue = "0", paramLabel = "S",
            description = "Hold the start up to S seconds until every stream has a consumer (e.g. a calibration block started first).")
    double wait;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S",
            description = "Seconds to publish; 0 until Ctrl-C (default).")
    double duration;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--source-id", description = "Stable source id (default: frisson-sim-<name>).")
    String sourceId;

    @Override
    public void run() {
        if (cohort != null) {
            writeCohort();
            return;
        }
        if (profile != null) {
            runSession();
            return;
        }
        if (xdf != null) {
            throw new IllegalArgumentException("--xdf writes a whole session: give --profile lab|concert|calibration");
        }
        if (name == null || type == null) {
            throw new IllegalArgumentException("give --profile lab|concert|calibration, or --name and --type for one stream");
        }
        boolean markers = type.equalsIgnoreCase("Markers");
        ChannelFormat fmt = format != null ? ChannelFormat.parse(format)
                : markers ? ChannelFormat.STRING : ChannelFormat.FLOAT32;
        double r = rate >= 0 ? rate : (markers || fmt == ChannelFormat.STRING ? 0 : 100);
        if (fmt == ChannelFormat.STRING && r != 0) {
            throw new IllegalArgumentException("--format string publishes irregular markers: use --rate 0");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("--channels must be >= 1, got " + channels);
        }
        String id = sourceId != null ? sourceId : "frisson-sim-" + name;
        SyntheticStream.Spec s = new SyntheticStream.Spec(name, type, channels, r, fmt, id, seed);
        try (SyntheticStream stream = new SyntheticStream(s, duration)) {
            StopSignal.install();
            StopSignal.whenRequested(stream::stop);
            spec.commandLine().getErr().printf("publishing '%s' (%s, %d ch, %s, %s) source_id=%s%n", name, type,
                    channels, fmt, r > 0 ? r + " Hz" : "irregular", id);
            spec.commandLine().getErr().flush();
            stream.run();
            spec.commandLine().getErr().printf("published %d samples%n", stream.pushed());
            spec.commandLine().getErr().flush();
        }
    }

    private void writeCohort() {
        var err = spec.commandLine().getErr();
        try {
            var m = org.frisson.app.sim.CohortWriter.write(new org.frisson.app.sim.CohortWriter.Options(cohort, subjects,
                    trials, trialSeconds, participants, songs, songSeconds, model, seed), System.err);
            err.printf("cohort written to %s (embeddings: %s %s, %s weights)%n", cohort, m.get("embedding_model"),
                    m.get("embedding_layer"), m.get("embedding_weights"));
        } catch (java.io.IOException e) {
            throw new Frisson.CliException("--cohort " + cohort + ": " + e.getMessage());
        } catch (org.frisson.models.ModelUnavailableException e) {
            throw new Frisson.CliException("--model " + model + ": " + e.getMessage());
        }
        err.flush();
    }

    private org.frisson.app.sim.SessionOptions sessionOptions(java.nio.file.Path truthFile) {
        if (!"calibration".equals(profile) && (tracks != null || trackSeconds != null)) {
            throw new IllegalArgumentException((tracks != null ? "--tracks" : "--track-seconds")
                    + " applies to --profile calibration only");
        }
        return new org.frisson.app.sim.SessionOptions(profile, participants, seed, duration, truthFile, session,
                tracks != null ? tracks : org.frisson.app.sim.SessionOptions.DEFAULT_TRACKS,
                trackSeconds != null ? trackSeconds : org.frisson.app.sim.SessionOptions.DEFAULT_TRACK_SECONDS);
    }

    private void writeSession() {
        java.nio.file.Path truthFile = truth != null ? truth : xdf.resolveSibling(
                xdf.getFileName().toString().replaceFirst("\\.xdf$", "") + "-truth.json");
        var opts = sessionOptions(truthFile);
        var err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        try {
            var w = org.frisson.app.sim.SessionFile.write(opts, xdf, overwrite);
            err.printf("wrote a %s session (seed %d, %.0f s, %d streams) to %s in %.1f s%n", profile, seed, w.seconds(),
                    w.streams(), xdf, (System.nanoTime() - t0) / 1e9);
            err.printf("ground truth: %s%n", truthFile);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new Frisson.CliException("--xdf " + xdf + " exists; choose another file or pass --overwrite");
        } catch (java.io.IOException e) {
            throw new Frisson.CliException("--xdf " + xdf + ": " + e.getMessage());
        }
        err.flush();
    }

    private void runSession() {
        if (xdf != null) {
            writeSession();
            return;
        }
        java.nio.file.Path truthFile = truth != null ? truth
                : org.frisson.lsl.LslLibrary.frissonHome().resolve(".frisson/sim-truth-" + session + ".json");
        var opts = sessionOptions(truthFile);
        StopSignal.install();
        try (var sim = org.frisson.app.sim.Simulator.start(opts, wait)) {
            var err = spec.commandLine().getErr();
            err.printf("simulating a %s session (seed %d): %s%n", profile, seed, String.join(", ", sim.streams()));
            err.printf("ground truth: %s%n", truthFile);
            err.flush();
            while (!StopSignal.requested() && !sim.finished()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }
}
