package org.frisson.models;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The model's thread queues patches and results: a model that falls behind catches up and computes every patch,
 * in order; only a backlog overflowing drops the oldest waiting patch, counted. The acoustic embedder runs for
 * real behind a gate the test opens one patch at a time, so the model's pace is the test's, not the machine's.
 */
class EmbedderThreadTest {

    /** The acoustic embedder, made to wait at the gate before each patch and to say when it starts one. */
    private static final class Gated implements Embedder {
        final AcousticEmbedder real = new AcousticEmbedder();
        final Semaphore gate = new Semaphore(0);
        final Semaphore started = new Semaphore(0);

        @Override
        public EmbedderSpec spec() {
            return real.spec();
        }

        @Override
        public List<String> outputs() {
            return real.outputs();
        }

        @Override
        public int outputSize(int i) {
            return real.outputSize(i);
        }

        @Override
        public void embed(float[] patch, float[][] out) {
            started.release();
            gate.acquireUninterruptibly();
            real.embed(patch, out);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    private static float[] patch(Embedder e, int k) {
        float[] p = new float[e.spec().patchValues()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (0.1 * Math.sin(2 * Math.PI * (200 + 50 * k) * i / 16000.0));
        }
        return p;
    }

    /** Takes results until {@code n} came, opening the gate one patch at a time; their stamps in order. */
    private static List<Double> take(EmbedderThread t, Gated g, int n) throws InterruptedException {
        float[][] into = new float[g.outputs().size()][];
        for (int i = 0; i < into.length; i++) {
            into[i] = new float[g.outputSize(i)];
        }
        List<Double> stamps = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stamps.size() < n) {
            if (g.gate.availablePermits() == 0 && t.ready() == 0) {
                g.gate.release();
            }
            double s = t.takeNext(into);
            if (!Double.isNaN(s)) {
                stamps.add(s);
            } else {
                assertTrue(System.nanoTime() < deadline, "results so far " + stamps);
                g.started.tryAcquire(10, TimeUnit.MILLISECONDS);
            }
        }
        return stamps;
    }

    @Test
    void aModelThatFallsBehindCatchesUpAndComputesEveryPatchInOrder() throws Exception {
        Gated g = new Gated();
        try (EmbedderThread t = new EmbedderThread(g, "test-embedder", 8)) {
            for (int k = 1; k <= 6; k++) {
                assertTrue(t.submit(patch(g, k), k), "patch " + k + " queued");
            }
            assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0), take(t, g, 6));
            assertEquals(0, t.skipped());
            assertEquals(6, t.completed());
        }
    }

    @Test
    void aFullBacklogDropsTheOldestWaitingPatchAndCountsIt() throws Exception {
        Gated g = new Gated();
        try (EmbedderThread t = new EmbedderThread(g, "test-embedder", 3)) {
            t.submit(patch(g, 1), 1);
            assertTrue(g.started.tryAcquire(30, TimeUnit.SECONDS), "the model took the first patch");
            for (int k = 2; k <= 6; k++) {
                t.submit(patch(g, k), k); // 2, 3, 4 wait; 5 and 6 push out 2 and 3
            }
            assertEquals(2, t.skipped());
            assertEquals(List.of(1.0, 4.0, 5.0, 6.0), take(t, g, 4));
        }
    }
}
