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

    @Option(names = "--profile", paramLabel = "lab|concert", description = {
            "A whole listening session coupled to music: lab = music, EEG (32 ch, 128 Hz), skin conductance,",
            "PPG, chill button and rating slider of one listener; concert = music and skin conductance, PPG",
            "and chill button of --participants listeners. Without it, one stream (--name, --type)."})
    String profile;

    @Option(names = "--participants", defaultValue = "10", description = "Listeners in the concert profile (default: ${DEFAULT-VALUE}).")
    int participants;

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

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S",
            description = "Seconds to publish; 0 until Ctrl-C (default).")
    double duration;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--source-id", description = "Stable source id (default: frisson-sim-<name>).")
    String sourceId;

    @Override
    public void run() {
        if (profile != null) {
            runSession();
            return;
        }
        if (name == null || type == null) {
            throw new IllegalArgumentException("give --profile lab|concert, or --name and --type for one stream");
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

    private void runSession() {
        java.nio.file.Path truthFile = truth != null ? truth
                : org.frisson.lsl.LslLibrary.frissonHome().resolve(".frisson/sim-truth-" + session + ".json");
        var opts = new org.frisson.app.sim.Simulator.Options(profile, participants, seed, duration, truthFile, session);
        StopSignal.install();
        try (var sim = org.frisson.app.sim.Simulator.start(opts)) {
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
