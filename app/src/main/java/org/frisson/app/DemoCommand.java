package org.frisson.app;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.InletMonitor;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code frisson demo}: a session on simulated streams, no hardware. Publishes EEG, skin conductance,
 * PPG and chill markers over real LSL, receives them back through inlets and prints their live rates.
 */
@Command(name = "demo", description = "Run a session on simulated streams (no hardware needed).")
final class DemoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S", description = "Seconds to run; 0 until Ctrl-C.")
    double duration;

    @Option(names = "--seed", defaultValue = "1", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Tells the reader threads to finish. */
    private volatile boolean stopped;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        String session = "frisson-demo-" + ProcessHandle.current().pid();
        List<SyntheticStream.Spec> specs = List.of(
                new SyntheticStream.Spec("EEG", "EEG", 32, 128, ChannelFormat.FLOAT32, session + "-eeg", seed),
                new SyntheticStream.Spec("GSR", "GSR", 1, 32, ChannelFormat.FLOAT32, session + "-gsr", seed + 1),
                new SyntheticStream.Spec("PPG", "PPG", 1, 64, ChannelFormat.FLOAT32, session + "-ppg", seed + 2),
                new SyntheticStream.Spec("Chills", "Markers", 1, 0, ChannelFormat.STRING, session + "-chills", seed + 3));
        List<SyntheticStream> sims = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Reader> readers = new ArrayList<>();
        StopSignal.install();
        try {
            for (SyntheticStream.Spec s : specs) {
                SyntheticStream sim = new SyntheticStream(s, 0);
                sims.add(sim);
                threads.add(start(sim, "sim-" + s.name()));
            }
            for (SyntheticStream.Spec s : specs) {
                StreamInfo found = Resolver.first("source_id='" + s.sourceId() + "'", 10).orElseThrow(
                        () -> new Frisson.CliException("simulated stream '" + s.name() + "' did not appear on LSL"));
                Reader r = new Reader(s.name(), Inlet.open(found, Inlet.options().expect(s.channels(), s.format())), out);
                readers.add(r);
                threads.add(start(r, "inlet-" + s.name()));
            }
            out.println("demo: " + specs.size() + " simulated streams on LSL (session " + session + "); Ctrl-C to stop");
            out.flush();
            boolean tty = System.console() != null;
            double start = Lsl.localClock();
            double last = start;
            long[] lastCounts = new long[readers.size()];
            while (!StopSignal.requested() && (duration <= 0 || Lsl.localClock() - start < duration)) {
                Thread.sleep(50);
                double now = Lsl.localClock();
                if (now - last >= 1.0) {
                    StringBuilder sb = new StringBuilder(String.format("t=%5.1fs", now - start));
                    for (int i = 0; i < readers.size(); i++) {
                        Reader r = readers.get(i);
                        long c = r.samples;
                        sb.append(String.format(" | %s %.1f Hz (%d)", r.name, (c - lastCounts[i]) / (now - last), c));
                        lastCounts[i] = c;
                    }
                    last = now;
                    out.print((tty ? "\r" : "") + sb + (tty ? "" : "\n"));
                    out.flush();
                }
            }
            out.println();
            out.println("demo: stopped after " + String.format("%.1f", Lsl.localClock() - start) + " s");
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            sims.forEach(SyntheticStream::stop);
            for (Thread t : threads) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            readers.forEach(r -> r.inlet.close());
            sims.forEach(SyntheticStream::close);
        }
    }

    private static Thread start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Pulls one stream on its own thread, stamps on the local clock, health watched. */
    private final class Reader implements Runnable {
        final String name;
        final Inlet inlet;
        final InletMonitor monitor;
        final SampleBuffer buffer;
        volatile long samples;

        Reader(String name, Inlet inlet, PrintWriter out) {
            this.name = name;
            this.inlet = inlet;
            this.buffer = new SampleBuffer(inlet, 1024);
            this.monitor = new InletMonitor(inlet, 5, e -> {
                synchronized (out) {
                    out.println();
                    out.println("# " + EchoCommand.describe(e));
                    out.flush();
                }
            });
        }

        @Override
        public void run() {
            inlet.openStream(5);
            while (!stopped) {
                samples += monitor.afterPull(buffer.pull(0.1), buffer.stamps());
            }
        }
    }
}
