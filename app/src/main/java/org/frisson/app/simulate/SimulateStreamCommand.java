package org.frisson.app.simulate;

import org.frisson.app.StopSignal;
import org.frisson.lsl.ChannelFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code frisson simulate stream}: one synthetic stream. */
@Command(name = "stream", description = {
        "Publish one synthetic LSL stream with channel labels in <desc>.",
        "--type Markers publishes chill_on/chill_off string markers at irregular times."})
final class SimulateStreamCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", required = true, description = "Stream name.")
    String name;

    @Option(names = "--type", required = true, description = "Stream type, e.g. EEG, GSR, PPG, Markers.")
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
        PrintWriter err = spec.commandLine().getErr();
        try (SyntheticStream stream = new SyntheticStream(s, duration)) {
            StopSignal.install();
            StopSignal.whenRequested(stream::stop);
            err.printf("publishing '%s' (%s, %d ch, %s, %s) source_id=%s%n", name, type, channels, fmt,
                    r > 0 ? r + " Hz" : "irregular", id);
            err.flush();
            stream.run();
            err.printf("published %d samples%n", stream.pushed());
            err.flush();
        }
    }
}
