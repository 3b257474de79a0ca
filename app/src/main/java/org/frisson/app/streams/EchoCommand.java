package org.frisson.app.streams;

import org.frisson.app.CliException;
import org.frisson.app.StopSignal;
import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.InletMonitor;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamEvent;
import org.frisson.lsl.StreamInfo;
import org.frisson.lsl.StreamWatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code frisson echo}: show one stream's samples on the local clock. */
@Command(name = "echo", description = {
        "Resolve one stream by an LSL predicate and print its samples with time-corrected stamps.",
        "Gaps, clock resets and loss are reported on stderr as they happen; a summary ends the run."})
public final class EchoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PREDICATE", description = "e.g. \"name='EEG' and type='EEG'\"")
    String predicate;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S", description = "Seconds to listen; 0 until Ctrl-C.")
    double duration;

    @Option(names = "--count", defaultValue = "0", paramLabel = "N", description = "Stop after N samples (0: no limit).")
    long count;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write timestamp,<channel labels> rows here, full precision.")
    Path csv;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "S", description = "Seconds to wait for the stream (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--lost-after", defaultValue = "5", paramLabel = "S", description = "Report the stream lost after this much silence (default: ${DEFAULT-VALUE}).")
    double lostAfter;

    @Option(names = "--channels", defaultValue = "-1", paramLabel = "C", description = "Refuse the stream unless it has C channels.")
    int expectChannels;

    @Option(names = "--format", paramLabel = "F", description = "Refuse the stream unless its format is F.")
    String expectFormat;

    @Option(names = {"-q", "--quiet"}, description = "Do not print samples (summary and events only).")
    boolean quiet;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StreamInfo info = Resolver.first(predicate, timeout).orElseThrow(() -> new CliException(
                "no stream matches \"" + predicate + "\" within " + timeout + " s"));
        ChannelFormat fmt = expectFormat == null ? null : ChannelFormat.parse(expectFormat);
        StopSignal.install();
        try (info; Inlet inlet = Inlet.open(info, Inlet.options().expect(expectChannels, fmt));
             StreamInfo full = inlet.fullInfo(timeout);
             BufferedWriter csvOut = csv == null ? null : Files.newBufferedWriter(csv)) {
            List<String> labels = full.channelLabels();
            err.printf("echo '%s' (%s, %d ch, %s, %s) from %s%n", full.name(), full.type(), full.channelCount(),
                    full.format(), full.isIrregular() ? "irregular" : full.nominalRate() + " Hz", full.hostname());
            err.flush();
            if (csvOut != null) {
                csvOut.write("timestamp");
                for (String l : labels) {
                    csvOut.write(',');
                    csvOut.write(csvField(l));
                }
                csvOut.newLine();
            }
            InletMonitor monitor = new InletMonitor(inlet, lostAfter, e -> {
                err.println("# " + describe(e));
                err.flush();
            });
            inlet.openStream(timeout);
            SampleBuffer buf = new SampleBuffer(inlet, 4096);
            double start = Lsl.localClock();
            double first = Double.NaN;
            double last = Double.NaN;
            long received = 0;
            StringBuilder line = new StringBuilder(256);
            while (!StopSignal.requested() && (duration <= 0 || Lsl.localClock() - start < duration)
                    && (count <= 0 || received < count)) {
                int n = monitor.afterPull(buf.pull(0.1), buf.stamps());
                if (count > 0) {
                    n = (int) Math.min(n, count - received);
                }
                for (int i = 0; i < n; i++) {
                    double t = buf.stamps()[i];
                    if (first != first) {
                        first = t;
                    }
                    last = t;
                    if (!quiet) {
                        line.setLength(0);
                        line.append(String.format("%.6f", t));
                        for (int c = 0; c < labels.size(); c++) {
                            line.append('\t').append(buf.text(i, c));
                        }
                        out.println(line);
                    }
                    if (csvOut != null) {
                        csvOut.write(Double.toString(t));
                        for (int c = 0; c < labels.size(); c++) {
                            csvOut.write(',');
                            csvOut.write(buf.isText() ? csvField(buf.text(i, c)) : buf.text(i, c));
                        }
                        csvOut.newLine();
                    }
                }
                received += n;
                if (n > 0 && !quiet) {
                    out.flush();
                }
            }
            double elapsed = Lsl.localClock() - start;
            StreamWatch w = monitor.watch();
            double effective = received > 1 ? (received - 1) / (last - first) : 0;
            err.printf("received %d samples in %.2f s: effective rate %.3f Hz (nominal %s); gaps %d (%d samples missed),"
                            + " clock resets %d, lost %d; clock offset %.6f s +/- %.6f s%n",
                    received, elapsed, effective, full.isIrregular() ? "irregular" : full.nominalRate() + " Hz",
                    w.gaps(), w.missedSamples(), w.clockResets(), w.losses(), monitor.offset(), monitor.uncertainty());
            err.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + csv, e);
        }
    }

    static String describe(StreamEvent e) {
        if (e instanceof StreamEvent.Gap g) {
            return String.format("gap in '%s': %.6f .. %.6f (%.3f s, ~%d samples missed)", g.stream(), g.start(),
                    g.end(), g.seconds(), g.missed());
        } else if (e instanceof StreamEvent.ClockReset r) {
            return String.format("clock reset of '%s' at %.6f%s", r.stream(), r.at(),
                    r.jump() != 0 ? String.format(" (stamps jumped %.6f s)", r.jump()) : "");
        } else if (e instanceof StreamEvent.Lost l) {
            return String.format("stream '%s' lost: silent for %.1f s", l.stream(), l.silentSeconds());
        } else if (e instanceof StreamEvent.Recovered r) {
            return String.format("stream '%s' recovered after %.1f s", r.stream(), r.downSeconds());
        }
        return e.toString();
    }

    private static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
