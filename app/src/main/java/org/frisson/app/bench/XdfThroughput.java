package org.frisson.app.bench;

import org.frisson.lsl.ChannelFormat;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfRecorder;
import org.frisson.xdf.XdfStream;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Write throughput of the XDF recorder: a simulated session (streams of the given shapes, {@code minutes}
 * long, chunks of 1/8 s of data) written as fast as possible, one producer thread per stream as the live
 * pipeline has, then read back and checked.
 */
public final class XdfThroughput {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One simulated stream: 0 rate for markers (one every 5 s). */
    public record Shape(String name, String type, int channels, double rate, ChannelFormat format) {
    }

    /**
     * @param writeSeconds  first append to the file closed (footers written, forced to disk)
     * @param bytesPerChunk producer-side heap allocation per appended chunk
     */
    public record Result(String scenario, double minutes, long bytes, long samples, long values, long chunks,
                         double writeSeconds, double bytesPerChunk, double readSeconds) {
        public double megabytesPerSecond() {
            return bytes / 1e6 / writeSeconds;
        }

        public double samplesPerSecond() {
            return samples / writeSeconds;
        }

        public double realTimeFactor() {
            return minutes * 60 / writeSeconds;
        }

        @Override
        public String toString() {
            return String.format("%s: %.0f min, %,d samples (%,d values) in %,d chunks -> %.1f MB in %.3f s: %.0f MB/s,"
                            + " %.2f M samples/s (%.0fx real time); producers allocated %.1f bytes per chunk;"
                            + " read back in %.3f s (%.0f MB/s)", scenario, minutes, samples, values, chunks, bytes / 1e6,
                    writeSeconds, megabytesPerSecond(), samplesPerSecond() / 1e6, realTimeFactor(), bytesPerChunk,
                    readSeconds, bytes / 1e6 / readSeconds);
        }
    }

    private XdfThroughput() {
    }

    public static List<Shape> session() {
        return List.of(new Shape("EEG", "EEG", 32, 128, ChannelFormat.FLOAT32),
                new Shape("GSR", "GSR", 1, 32, ChannelFormat.FLOAT32),
                new Shape("PPG", "PPG", 1, 64, ChannelFormat.FLOAT32),
                new Shape("Chills", "Markers", 1, 0, ChannelFormat.STRING));
    }

    public static List<Shape> dense() {
        return List.of(new Shape("EEG", "EEG", 64, 1000, ChannelFormat.FLOAT32),
                new Shape("GSR", "GSR", 1, 32, ChannelFormat.FLOAT32),
                new Shape("PPG", "PPG", 1, 64, ChannelFormat.FLOAT32),
                new Shape("Chills", "Markers", 1, 0, ChannelFormat.STRING));
    }

    public static Result run(String scenario, List<Shape> shapes, double minutes, Path dir) throws IOException,
            InterruptedException {
        Path file = dir.resolve("bench-" + scenario + ".xdf");
        Files.deleteIfExists(file);
        AtomicLong allocated = new AtomicLong();
        AtomicLong chunks = new AtomicLong();
        long samples = 0;
        long values = 0;
        long start = System.nanoTime();
        try (XdfRecorder rec = XdfRecorder.create(file)) {
            List<Thread> threads = new ArrayList<>();
            for (Shape s : shapes) {
                int id = rec.addStream(header(s));
                long n = s.rate() > 0 ? (long) (minutes * 60 * s.rate()) : (long) (minutes * 60 / 5);
                samples += n;
                values += n * s.channels();
                Thread t = new Thread(() -> produce(rec, id, s, n, allocated, chunks), "bench-" + s.name());
                threads.add(t);
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        long bytes = Files.size(file);
        long t0 = System.nanoTime();
        XdfFile back = XdfReader.read(file, XdfReader.Options.raw());
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        long readSamples = back.streams().stream().mapToLong(XdfStream::sampleCount).sum();
        if (readSamples != samples || !back.problems().isEmpty()) {
            throw new IllegalStateException(file + ": wrote " + samples + " samples, read back " + readSamples + ", problems "
                    + back.problems());
        }
        Files.delete(file);
        return new Result(scenario, minutes, bytes, samples, values, chunks.get(), writeSeconds,
                (double) allocated.get() / chunks.get(), readSeconds);
    }

    private static void produce(XdfRecorder rec, int id, Shape s, long n, AtomicLong allocated, AtomicLong chunks) {
        SplittableRandom rnd = new SplittableRandom(id);
        int per = s.rate() > 0 ? (int) Math.max(1, s.rate() / 8) : 1;
        float[] v = new float[per * s.channels()];
        String[] m = new String[1];
        double[] t = new double[per];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        long count = 0;
        for (long done = 0; done < n; ) {
            int k = (int) Math.min(per, n - done);
            for (int i = 0; i < k; i++) {
                t[i] = 1000 + (s.rate() > 0 ? (done + i) / s.rate() : (done + i) * 5.0);
            }
            if (s.format() == ChannelFormat.STRING) {
                m[0] = (done & 1) == 0 ? "chill_on" : "chill_off";
                rec.append(id, m, t, k);
            } else {
                rec.append(id, v, t, k);
            }
            done += k;
            count++;
        }
        allocated.addAndGet(THREADS.getCurrentThreadAllocatedBytes() - before);
        chunks.addAndGet(count);
    }

    private static String header(Shape s) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><info><name>").append(s.name()).append("</name><type>")
                .append(s.type()).append("</type><channel_count>").append(s.channels()).append("</channel_count><nominal_srate>")
                .append(s.rate()).append("</nominal_srate><channel_format>").append(s.format().lslName())
                .append("</channel_format><source_id>bench-").append(s.name()).append("</source_id><desc><channels>");
        for (int c = 0; c < s.channels(); c++) {
            sb.append("<channel><label>").append(s.type().toLowerCase()).append(c + 1).append("</label></channel>");
        }
        return sb.append("</channels></desc></info>").toString();
    }
}
