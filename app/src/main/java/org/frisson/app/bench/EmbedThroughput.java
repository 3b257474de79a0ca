package org.frisson.app.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import org.frisson.models.Embedder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;

/** Per-patch cost of an embedder on the calling thread: latency percentiles, CPU time, real-time factor. */
public final class EmbedThroughput {

    /**
     * @param wallP50Ms   median wall time per patch
     * @param wallP99Ms   99th percentile wall time per patch
     * @param cpuMeanMs   mean CPU time of the calling thread per patch
     * @param realTime    audio seconds processed per second of wall time when one patch runs every hop
     */
    public record Result(String model, int patches, double wallP50Ms, double wallP99Ms, double wallMeanMs,
                         double cpuMeanMs, double hopSeconds, double realTime) {
        @Override
        public String toString() {
            return String.format("%-12s %d patches  p50 %.2f ms  p99 %.2f ms  mean %.2f ms (cpu %.2f ms)  "
                    + "%.0fx real time at %.2f s hop", model, patches, wallP50Ms, wallP99Ms, wallMeanMs, cpuMeanMs,
                    realTime, hopSeconds);
        }
    }

    private EmbedThroughput() {
    }

    /** Embeds {@code patches} random patches (after {@code warmup} more) one at a time. */
    public static Result run(Embedder e, int warmup, int patches, double hopSeconds) {
        float[] patch = new float[e.spec().patchValues()];
        Random r = new Random(1);
        for (int i = 0; i < patch.length; i++) {
            patch[i] = e.spec().input().equals("logmel") ? 4 * r.nextFloat() : (float) (0.1 * r.nextGaussian());
        }
        float[][] out = new float[e.outputs().size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[e.outputSize(i)];
        }
        for (int i = 0; i < warmup; i++) {
            e.embed(patch, out);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] wall = new long[patches];
        long cpu0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < patches; i++) {
            long t0 = System.nanoTime();
            e.embed(patch, out);
            wall[i] = System.nanoTime() - t0;
        }
        double cpuMean = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / patches;
        long[] sorted = wall.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(wall).average().orElse(Double.NaN) / 1e6;
        return new Result(e.spec().model(), patches, percentile(sorted, 0.5), percentile(sorted, 0.99), mean, cpuMean,
                hopSeconds, hopSeconds / (mean / 1e3));
    }

    private static double percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /**
     * Nanoseconds to create (and close) one input tensor of {@code values} floats: over a reused direct buffer
     * (what {@code OnnxEmbedder} avoids doing per patch by creating it once) and from a heap array (a copy).
     */
    public static double[] tensorCreationNanos(int values, int rounds) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        FloatBuffer direct = ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        FloatBuffer heap = FloatBuffer.wrap(new float[values]);
        long[] shape = {1, values};
        double[] out = new double[2];
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                direct.rewind();
                try (OnnxTensor t = OnnxTensor.createTensor(env, direct, shape)) {
                    t.getInfo();
                }
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                heap.rewind();
                try (OnnxTensor t = OnnxTensor.createTensor(env, heap, shape)) {
                    t.getInfo();
                }
            }
            long t2 = System.nanoTime();
            out[0] = (t1 - t0) / (double) rounds;
            out[1] = (t2 - t1) / (double) rounds;
        }
        return out;
    }
}
