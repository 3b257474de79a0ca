package org.frisson.app.audio;

import org.jaudiolibs.audioservers.AudioConfiguration;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The capture callback as a server drives it: blocks on the device's count, stamped, and no allocation. */
class CaptureClientTest {

    @Test
    void callbacksFillTheRingOnTheFrameCountWithoutAllocating() throws InterruptedException {
        CaptureClient client = new CaptureClient(ctx -> new CaptureRing(ctx.getInputChannelCount(), 1 << 16, 1024));
        client.configure(new AudioConfiguration(48000, 2, 1, 256));
        List<FloatBuffer> in = List.of(FloatBuffer.allocate(256), FloatBuffer.allocate(256));
        FloatBuffer out = FloatBuffer.allocate(256);
        for (int i = 0; i < 256; i++) {
            in.get(0).put(i, i);
            in.get(1).put(i, -i);
            out.put(i, 1f);
        }
        CaptureRing ring = client.ring();
        float[] block = new float[512];
        int callbacks = CaptureClient.WARM_UP + 50000;
        double previous = Double.NEGATIVE_INFINITY;
        long[] rounds = new long[5];
        long roundStart = 0;
        for (int k = 0; k < callbacks; k++) {
            if (k >= CaptureClient.WARM_UP && (k - CaptureClient.WARM_UP) % 10000 == 0) {
                if (k > CaptureClient.WARM_UP) {
                    rounds[(k - CaptureClient.WARM_UP) / 10000 - 1] = client.allocatedBytes() - roundStart;
                }
                roundStart = client.allocatedBytes();
            }
            assertTrue(client.process(0, in, List.of(out), 256));
            assertEquals(1, ring.available());
            assertEquals(256L * k, ring.firstFrame(), "block " + k + " starts where the count says");
            assertTrue(ring.callbackTime() >= previous, "callback stamps never go back");
            previous = ring.callbackTime();
            ring.copy(block, 0);
            ring.release();
        }
        assertEquals(255f, block[510]);
        assertEquals(-255f, block[511]);
        assertEquals(0f, out.get(17), "outputs are silent");
        assertTrue(client.awaitFirstCallback(0));
        assertEquals(callbacks, client.callbacks());
        rounds[4] = client.allocatedBytes() - roundStart;
        // a steady state that allocates nothing: some round of 10000 callbacks with zero bytes (one-off
        // allocations of the JIT can land in a round; an allocation per callback would show in all five)
        assertEquals(0, java.util.Arrays.stream(rounds).min().orElseThrow(),
                "bytes allocated in rounds of 10000 callbacks: " + java.util.Arrays.toString(rounds));
        assertTrue(client.allocatedBytes() < callbacks, "less than a byte per callback overall: " + client.allocatedBytes());
    }
}
