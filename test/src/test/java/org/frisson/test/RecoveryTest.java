package org.frisson.test;

import org.frisson.lsl.Inlet;
import org.frisson.lsl.InletMonitor;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.StreamEvent;
import org.frisson.lsl.StreamInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.frisson.test.Interop.NET_TIMEOUT;
import static org.frisson.test.Interop.PEER_START;
import static org.frisson.test.Interop.STAMP_TOLERANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A pylsl outlet that crashes (SIGKILL) while one of our inlets reads it: with a restart under the same
 * source_id the same inlet resumes and the outage is reported; without one the stream is reported lost
 * and the pull loop keeps going.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecoveryTest {

    private static final double RATE = 100.0;
    /** Long enough for any test here; the peer ends by itself after it. */
    private static final int PEER_SAMPLES = (int) (60 * RATE);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T t) {
        open.add(t);
        return t;
    }

    /** A 100 Hz float32 outlet pushing in real time once an inlet subscribes; prints its first stamp. */
    private Peer startPacedPeer(String sourceId) {
        Peer p = keep(Peer.start("outlet_peer.py", List.of("--name", "Recovery", "--type", "EDA",
                "--source-id", sourceId, "--format", "float32", "--channels", "1", "--rate", Double.toString(RATE),
                "--count", Integer.toString(PEER_SAMPLES), "--mode", "paced", "--wait-consumer", "60")));
        p.awaitReady(PEER_START);
        return p;
    }

    /** Resolves the peer's stream and starts reading it on a thread, as an app would. */
    private Reader read(String sourceId, double lostAfterSeconds) {
        StreamInfo found = keep(Interop.resolve(sourceId));
        Inlet inlet = keep(Inlet.open(found)); // recovery on: the default
        // Fetch the full info while the outlet is alive: liblsl's first pull fetches it without a timeout,
        // which would block for good if the source were gone by then.
        keep(inlet.fullInfo(NET_TIMEOUT));
        inlet.openStream(NET_TIMEOUT);
        return keep(new Reader(inlet, lostAfterSeconds));
    }

    private static double firstStamp(Peer peer) {
        return peer.nextJson(Duration.ofSeconds(60)).path("first_stamp").asDouble();
    }

    @Test
    void aRestartedPeerResumesInTheSameInletWithAGapAndAClockReset() throws InterruptedException {
        String id = Interop.uniqueId("recovery");
        Peer first = startPacedPeer(id);
        Reader reader = read(id, 10.0);
        firstStamp(first);
        await("1.5 s of samples before the crash").atMost(Duration.ofSeconds(30))
                .until(() -> reader.samples() >= (long) (1.5 * RATE));

        double killAt = Lsl.localClock();
        first.kill();
        Thread.sleep(2000);
        long beforeRestart = reader.samples();
        double restartAt = Lsl.localClock();
        Peer second = startPacedPeer(id);
        // The new peer starts pushing only once an inlet subscribes: that is our old inlet, recovered.
        double resumedAt = firstStamp(second);

        await("samples from the restarted peer, through the same inlet").atMost(Duration.ofSeconds(30))
                .until(() -> reader.samplesStampedFrom(resumedAt - STAMP_TOLERANCE) >= (long) RATE);
        await("a clock reset").atMost(Duration.ofSeconds(30))
                .until(() -> reader.first(StreamEvent.ClockReset.class).isPresent());
        assertNull(reader.failure(), "the pull loop failed");
        assertTrue(reader.samples() > beforeRestart);

        double outage = resumedAt - killAt;
        StreamEvent.Gap gap = reader.events().stream()
                .filter(StreamEvent.Gap.class::isInstance).map(StreamEvent.Gap.class::cast)
                .filter(g -> g.start() <= killAt + STAMP_TOLERANCE && g.end() >= restartAt - STAMP_TOLERANCE)
                .findFirst()
                .orElseGet(() -> fail("no gap spans the outage from " + killAt + " (kill) to " + resumedAt
                        + " (first stamp after the restart); events: " + reader.events()));
        assertEquals(resumedAt, gap.end(), STAMP_TOLERANCE, "the gap ends at the restarted peer's first sample");
        assertTrue(killAt - gap.start() < 1.0, "the gap starts at the last sample before the crash: " + gap);
        double expectedMissed = RATE * outage;
        assertEquals(expectedMissed, gap.missed(), 0.2 * expectedMissed,
                "missed samples vs rate x outage (" + outage + " s): " + gap);
        StreamEvent.ClockReset reset = reader.first(StreamEvent.ClockReset.class).orElseThrow();
        assertEquals(0.0, reset.jump(), "reported by liblsl (was_clock_reset), not from stamps moving back");
        assertTrue(reset.at() >= killAt, "the reset is noticed after the crash: " + reset);
        assertTrue(reader.first(StreamEvent.Lost.class).isEmpty(), "not lost: " + reader.events());
        System.out.printf("recovery: killed at %.3f, restarted at %.3f, resumed at %.3f (outage %.3f s);"
                        + " %s; %s; %d events: %s%n", killAt, restartAt, resumedAt, outage, gap, reset,
                reader.events().size(), reader.events());
    }

    @Test
    void aPeerThatDiesForGoodIsReportedLostAndPullsKeepReturningEmpty() {
        String id = Interop.uniqueId("lost");
        Peer peer = startPacedPeer(id);
        Reader reader = read(id, 2.0);
        firstStamp(peer);
        await("1.5 s of samples before the crash").atMost(Duration.ofSeconds(30))
                .until(() -> reader.samples() >= (long) (1.5 * RATE));

        double killAt = Lsl.localClock();
        peer.kill();
        StreamEvent.Lost lost = await("the stream reported lost").atMost(Duration.ofSeconds(30))
                .until(() -> reader.first(StreamEvent.Lost.class).orElse(null), Objects::nonNull);
        assertTrue(lost.silentSeconds() > 2.0, "lost only after 2 s of silence: " + lost);
        assertTrue(lost.lastStamp() <= killAt + STAMP_TOLERANCE, "last stamp before the crash: " + lost);

        long samples = reader.samples();
        long empty = reader.emptyPulls();
        await("pulls keep returning, empty").atMost(Duration.ofSeconds(30))
                .until(() -> reader.emptyPulls() >= empty + 10);
        assertEquals(samples, reader.samples(), "nothing arrives from a dead peer");
        assertNull(reader.failure(), "the pull loop failed");
        reader.close();
        assertEquals(1, reader.events().stream().filter(StreamEvent.Lost.class::isInstance).count(),
                "lost reported once: " + reader.events());
    }

    /**
     * Pulls one inlet on its own thread (0.1 s timeouts) through an {@link InletMonitor}, recording the
     * stamps, empty pulls and events. {@link #close()} stops it and fails if the loop does not come back.
     */
    static final class Reader implements AutoCloseable {
        private final Inlet inlet;
        private final InletMonitor monitor;
        private final List<StreamEvent> events = new CopyOnWriteArrayList<>();
        private final List<Double> stamps = new ArrayList<>();
        private final Thread thread;
        private volatile boolean stop;
        private volatile long emptyPulls;
        private volatile Throwable failure;

        Reader(Inlet inlet, double lostAfterSeconds) {
            this.inlet = inlet;
            this.monitor = new InletMonitor(inlet, lostAfterSeconds, events::add);
            this.thread = new Thread(this::loop, "reader-" + inlet.name());
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            float[] values = new float[256];
            double[] ts = new double[256];
            try {
                while (!stop) {
                    int n = monitor.afterPull(inlet.pull(values, ts, 0.1), ts);
                    if (n == 0) {
                        emptyPulls++;
                    }
                    synchronized (stamps) {
                        for (int i = 0; i < n; i++) {
                            stamps.add(ts[i]);
                        }
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        long samples() {
            synchronized (stamps) {
                return stamps.size();
            }
        }

        long samplesStampedFrom(double t) {
            synchronized (stamps) {
                return stamps.stream().filter(s -> s >= t).count();
            }
        }

        long emptyPulls() {
            return emptyPulls;
        }

        List<StreamEvent> events() {
            return List.copyOf(events);
        }

        <E extends StreamEvent> Optional<E> first(Class<E> type) {
            return events.stream().filter(type::isInstance).map(type::cast).findFirst();
        }

        Throwable failure() {
            return failure;
        }

        @Override
        public void close() {
            if (!thread.isAlive()) {
                return;
            }
            stop = true;
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                fail("the pull loop did not come back within 10 s of being stopped");
            }
        }
    }
}
