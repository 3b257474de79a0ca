package org.frisson.app.audio;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-over from audio callback to publisher: order, interleaving, wrap-around, drops, threads. */
class CaptureRingTest {

    private static List<FloatBuffer> planar(int channels, int frames, long firstFrame) {
        FloatBuffer[] bufs = new FloatBuffer[channels];
        for (int c = 0; c < channels; c++) {
            bufs[c] = FloatBuffer.allocate(frames);
            for (int i = 0; i < frames; i++) {
                bufs[c].put(i, value(firstFrame + i, c));
            }
        }
        return List.of(bufs);
    }

    private static float value(long frame, int channel) {
        return (frame % 100_000) + channel * 0.25f;
    }

    @Test
    void blocksComeOutInterleavedAndInOrderAcrossTheWrap() {
        CaptureRing ring = new CaptureRing(2, 1000, 8); // 1024 frames, 8 blocks
        float[] out = new float[2 * 300];
        long frame = 0;
        for (int round = 0; round < 20; round++) {
            assertTrue(ring.write(planar(2, 300, frame), 300, frame, round));
            assertEquals(1, ring.available());
            assertEquals(frame, ring.firstFrame());
            assertEquals(300, ring.frames());
            assertEquals(round, ring.callbackTime());
            ring.copy(out, 0);
            ring.release();
            for (int i = 0; i < 300; i++) {
                assertEquals(value(frame + i, 0), out[2 * i], "frame " + (frame + i) + " left");
                assertEquals(value(frame + i, 1), out[2 * i + 1], "frame " + (frame + i) + " right");
            }
            frame += 300;
        }
        assertEquals(0, ring.droppedFrames());
    }

    @Test
    void aFullRingDropsBlocksAndCountsThem() {
        CaptureRing ring = new CaptureRing(1, 1024, 4);
        assertTrue(ring.write(planar(1, 512, 0), 512, 0, 0));
        assertTrue(ring.write(planar(1, 512, 512), 512, 512, 0));
        assertFalse(ring.write(planar(1, 512, 1024), 512, 1024, 0), "no room for a third block of samples");
        assertEquals(512, ring.droppedFrames());
        assertEquals(1, ring.droppedBlocks());
        ring.release();
        assertTrue(ring.write(planar(1, 512, 1536), 512, 1536, 0));
        assertEquals(512, ring.firstFrame(), "the oldest kept block is next");
        ring.release();
        assertEquals(1536, ring.firstFrame(), "the block after the gap keeps its place in the count");
    }

    @Test
    void missingChannelsAreZero() {
        CaptureRing ring = new CaptureRing(3, 64, 4);
        ring.write(planar(1, 4, 0), 4, 0, 0);
        float[] out = new float[12];
        ring.copy(out, 0);
        for (int i = 0; i < 4; i++) {
            assertEquals(value(i, 0), out[3 * i]);
            assertEquals(0f, out[3 * i + 1]);
            assertEquals(0f, out[3 * i + 2]);
        }
    }

    @Test
    void writingAndReadingAllocateNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        CaptureRing ring = new CaptureRing(2, 8192, 64);
        List<FloatBuffer> in = planar(2, 256, 0);
        float[] out = new float[512];
        for (int k = 0; k < 2000; k++) {
            ring.write(in, 256, k * 256L, k);
            ring.copy(out, 0);
            ring.release();
        }
        long[] rounds = new long[5];
        long allocated = -1;
        for (int round = 0; round < rounds.length && allocated != 0; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int k = 0; k < 10000; k++) {
                ring.write(in, 256, k * 256L, k);
                ring.available();
                ring.copy(out, 0);
                ring.release();
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            rounds[round] = allocated;
        }
        assertEquals(0, allocated, "bytes allocated by rounds of 10000 blocks: " + java.util.Arrays.toString(rounds));
    }

    @Test
    void aProducerAndAConsumerThreadHandOverEveryFrame() throws InterruptedException {
        CaptureRing ring = new CaptureRing(2, 4096, 64);
        int blocks = 20000;
        int block = 128;
        AtomicReference<String> problem = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            float[] out = new float[2 * block];
            long expected = 0;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (expected < (long) blocks * block && System.nanoTime() < deadline) {
                if (ring.available() == 0) {
                    Thread.onSpinWait();
                    continue;
                }
                long first = ring.firstFrame();
                if (first != expected) {
                    problem.set("block at " + first + ", expected " + expected);
                    return;
                }
                ring.copy(out, 0);
                for (int i = 0; i < ring.frames(); i++) {
                    if (out[2 * i] != value(first + i, 0) || out[2 * i + 1] != value(first + i, 1)) {
                        problem.set("frame " + (first + i) + " holds " + out[2 * i] + ", " + out[2 * i + 1]);
                        return;
                    }
                }
                expected = first + ring.frames();
                ring.release();
            }
        });
        consumer.start();
        long frame = 0;
        for (int k = 0; k < blocks; k++) {
            List<FloatBuffer> in = planar(2, block, frame);
            while (!ring.write(in, block, frame, k)) {
                // the ring was full: this test wants every frame, so the producer offers the block again
                Thread.onSpinWait();
            }
            frame += block;
        }
        consumer.join(60_000);
        assertNull(problem.get());
        assertFalse(consumer.isAlive(), "consumer finished");
    }
}
