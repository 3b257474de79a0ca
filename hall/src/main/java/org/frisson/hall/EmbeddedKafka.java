package org.frisson.hall;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A single-node Kafka broker in this process, in KRaft mode (broker and controller in one node), for trials
 * of a hall on one machine and for tests. Its storage is formatted by Kafka's own formatter on first use; a
 * data directory that was formatted before is kept as it is, with its topics.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDir;
    private final boolean temporary;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, int port, Path dataDir, boolean temporary) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
        this.temporary = temporary;
    }

    /** Starts a broker on a free port with its data in a temporary directory, deleted on {@link #close}. */
    public static EmbeddedKafka start() {
        return start(0, null);
    }

    /**
     * Starts a broker and returns once it takes clients.
     *
     * @param port    the client port, or 0 for a free one
     * @param dataDir the data directory (created if missing, kept on close), or null for a temporary one
     */
    public static EmbeddedKafka start(int port, Path dataDir) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (a free one) to 65535, not " + port);
        }
        boolean temporary = dataDir == null;
        Path dir;
        try {
            dir = temporary ? Files.createTempDirectory("frisson-kafka-") : Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka data directory " + dataDir + ": " + e.getMessage(), e);
        }
        int clientPort = port == 0 ? freePort() : port;
        KafkaConfig config = KafkaConfig.fromProps(properties(clientPort, freePort(), dir), false);
        format(config, dir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            server.awaitShutdown();
            throw new IllegalStateException("Kafka broker on port " + clientPort + " did not start: " + e.getMessage(), e);
        }
        return new EmbeddedKafka(server, clientPort, dir, temporary);
    }

    /** Where clients connect: {@code host:port}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker (flushing its logs) and deletes a temporary data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            deleteTree(dataDir);
        }
    }

    private static Properties properties(int clientPort, int controllerPort, Path dir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + "," + CONTROLLER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toAbsolutePath().toString());
        // one node: every internal topic has one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** Formats the storage as {@code kafka-storage format} would, unless it was formatted before. */
    private static void format(KafkaConfig config, Path dir) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(CONTROLLER)
                .setMetadataLogDirectory(config.metadataLogDir())
                .addDirectory(dir.toAbsolutePath().toString());
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("formatting Kafka storage in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
