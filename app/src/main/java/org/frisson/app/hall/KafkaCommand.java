package org.frisson.app.hall;

import org.frisson.app.StopSignal;
import org.frisson.hall.EmbeddedKafka;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code frisson kafka}: a single-node Kafka broker in this process, for a hall tried on one machine. */
@Command(name = "kafka", description = "Run a single-node Kafka broker (KRaft) for trying a hall across machines on one machine, until Ctrl-C.")
public final class KafkaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", paramLabel = "P",
            description = "Client port on 127.0.0.1; 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory, kept (formatted on first use); default: a temporary one, deleted on exit.")
    Path data;

    @Override
    public void run() {
        StopSignal.install();
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(port, data)) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("kafka: %s (data %s, started in %.1f s)%n", kafka.bootstrapServers(), kafka.dataDir(),
                    (System.nanoTime() - started) / 1e9);
            out.flush();
            while (!StopSignal.requested()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            out.println("kafka: stopping");
            out.flush();
        }
    }
}
