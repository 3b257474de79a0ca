package org.frisson.hall;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.frisson.lsl.Inlet;
import org.frisson.lsl.LslException;
import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The edge of a hall: takes the LSL streams on this machine's network (all, or those matching the queries,
 * including streams that appear later), and publishes each one's header to {@link HallTopics#STREAMS} and its
 * chunks to {@link HallTopics#INPUT}. Discovery runs on its own thread, every stream on its own.
 */
public final class Edge implements AutoCloseable {

    /** What an edge has done so far. */
    public record Report(int streams, long samples, long records, long bytes, String lastError) {
    }

    private static final long JOIN_MILLIS = 5_000;

    private final EdgeSettings settings;
    private final Consumer<String> log;
    private final EdgePublisher publisher;
    private final StreamDiscovery discovery;
    private final List<StreamPump> pumps = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Thread discoveryThread;
    private volatile boolean running = true;

    private Edge(EdgeSettings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            HallTopics.ensure(admin, settings.inputPartitions(), settings.replication());
        }
        this.publisher = new EdgePublisher(settings.bootstrapServers());
        this.discovery = new StreamDiscovery(settings.queries());
        this.discoveryThread = new Thread(this::discover, "edge-discovery");
        discoveryThread.setDaemon(true);
        discoveryThread.start();
    }

    /** Creates the topics if missing and starts taking streams; {@code log} gets a line per stream taken and per trouble. */
    public static Edge start(EdgeSettings settings, Consumer<String> log) {
        return new Edge(settings, log);
    }

    public synchronized Report report() {
        return new Report(pumps.size(), publisher.samples(), publisher.records(), publisher.bytes(), publisher.lastError());
    }

    private void discover() {
        long everyMillis = Math.round(settings.resolveSeconds() * 1000);
        while (running) {
            for (StreamInfo found : discovery.newStreams()) {
                try {
                    take(found);
                } finally {
                    found.close();
                }
            }
            try {
                Thread.sleep(everyMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void take(StreamInfo found) {
        String key = Participants.streamKey(found);
        Inlet inlet;
        try {
            inlet = Inlet.open(found);
        } catch (LslException e) {
            log.accept("stream " + key + ": could not open (" + e.getMessage() + "); trying again");
            discovery.forget(key);
            return;
        }
        StreamInfo info = inlet.info();
        String participant = Participants.of(info);
        StreamPump pump = new StreamPump(inlet, publisher, settings.edgeId(), participant, key, log);
        try {
            pump.prepare();
        } catch (LslException e) {
            inlet.close();
            log.accept("stream " + key + ": could not subscribe (" + e.getMessage() + "); trying again");
            discovery.forget(key);
            return;
        }
        publisher.publish(new StreamHeader(settings.edgeId(), participant, key, info.xml()));
        synchronized (this) {
            if (!running) {
                inlet.close();
                return;
            }
            Thread t = new Thread(pump, "edge-" + key);
            t.setDaemon(true);
            pumps.add(pump);
            threads.add(t);
            t.start();
        }
        log.accept(String.format("taking %s (%s, %d ch %s @ %s Hz) for participant %s", key, info.name(),
                info.channelCount(), info.format(), info.nominalRate(), participant));
    }

    /** Stops taking, sends what is buffered and closes every inlet. */
    @Override
    public void close() {
        synchronized (this) {
            running = false;
        }
        discoveryThread.interrupt();
        join(discoveryThread);
        pumps.forEach(StreamPump::stop);
        threads.forEach(Edge::join);
        publisher.close();
        discovery.close();
    }

    private static void join(Thread t) {
        try {
            t.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
