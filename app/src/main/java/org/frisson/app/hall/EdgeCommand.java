package org.frisson.app.hall;

import org.frisson.app.StopSignal;
import org.frisson.hall.Edge;
import org.frisson.hall.EdgeSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** {@code frisson edge}: this machine's LSL streams published to a hall's Kafka cluster. */
@Command(name = "edge", description = "Publish this machine's LSL streams (all, or those matching --query, also ones that appear later) to a hall on Kafka.")
public final class EdgeCommand implements Runnable {

    private static final long REPORT_MILLIS = 5_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kafka", required = true, paramLabel = "BOOTSTRAP", description = "The Kafka cluster, host:port[,host:port...].")
    String kafka;

    @Option(names = "--query", paramLabel = "PRED", description = "LSL predicate of streams to take, e.g. \"type='GSR'\"; repeatable; default: every stream.")
    List<String> queries = new ArrayList<>();

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S", description = "Seconds to run; 0: until Ctrl-C (default).")
    double duration;

    @Option(names = "--edge-id", paramLabel = "ID", description = "This edge's id in every record (default: the host name).")
    String edgeId;

    @Option(names = "--partitions", defaultValue = "" + EdgeSettings.DEFAULT_PARTITIONS, paramLabel = "N",
            description = "Partitions of frisson.input when the edge creates it (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication", defaultValue = "" + EdgeSettings.DEFAULT_REPLICATION, paramLabel = "N",
            description = "Replicas of each topic the edge creates (default: ${DEFAULT-VALUE}).")
    short replication;

    @Override
    public void run() {
        if (!(duration >= 0) || Double.isInfinite(duration)) {
            throw new IllegalArgumentException("--duration must be 0 or more seconds, not " + duration);
        }
        EdgeSettings settings = new EdgeSettings(kafka, queries, edgeId != null ? edgeId : hostName(), partitions,
                replication, EdgeSettings.DEFAULT_RESOLVE_SECONDS);
        PrintWriter out = spec.commandLine().getOut();
        StopSignal.install();
        long end = duration > 0 ? System.nanoTime() + Math.round(duration * 1e9) : Long.MAX_VALUE;
        Edge edge = Edge.start(settings, line -> print(out, "edge: " + line));
        try {
            print(out, "edge " + settings.edgeId() + ": publishing to " + kafka);
            long nextReport = System.nanoTime() + REPORT_MILLIS * 1_000_000;
            while (!StopSignal.requested() && System.nanoTime() < end) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (System.nanoTime() >= nextReport) {
                    nextReport += REPORT_MILLIS * 1_000_000;
                    report(out, edge.report());
                }
            }
        } finally {
            edge.close();
        }
        print(out, "edge: stopped");
        report(out, edge.report());
    }

    private static void report(PrintWriter out, Edge.Report r) {
        print(out, String.format("edge: %d streams, %d samples published in %d records (%d bytes)%s", r.streams(),
                r.samples(), r.records(), r.bytes(), r.lastError().isEmpty() ? "" : "; last error: " + r.lastError()));
    }

    private static synchronized void print(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "edge";
        }
    }
}
