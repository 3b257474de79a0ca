package org.frisson.test;

import org.frisson.lsl.Inlet;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything one of Frisson's outlets publishes, as an outside LSL consumer receives it: samples by
 * stamp, so a value a page shows can be looked up by the stamp it carries.
 */
final class OutletRecord implements AutoCloseable {

    /** Stamps of the same sample seen by two consumers on one machine agree within this (seconds). */
    static final double STAMP_MATCH = 0.001;

    private final StreamInfo resolved;
    private final Inlet inlet;
    private final List<String> labels;
    private final TreeMap<Double, double[]> samples = new TreeMap<>();
    private final double[] values;
    private final double[] stamps = new double[256];

    private OutletRecord(StreamInfo resolved, Inlet inlet, List<String> labels) {
        this.resolved = resolved;
        this.inlet = inlet;
        this.labels = labels;
        this.values = new double[labels.size() * stamps.length];
    }

    /** Subscribes to the stream named {@code name} (waits up to 60 s for it, while {@code owner} lives). */
    static OutletRecord open(String name, FrissonChild owner) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<StreamInfo> s = Resolver.first("name='" + name + "'", 1.0);
            if (s.isPresent()) {
                Inlet inlet = Inlet.open(s.get());
                try (StreamInfo full = inlet.fullInfo(10)) {
                    inlet.openStream(10);
                    return new OutletRecord(s.get(), inlet, full.channelLabels());
                }
            }
            if (!owner.alive()) {
                throw new AssertionError("frisson exited early:\n" + owner.log());
            }
        }
        throw new AssertionError("no stream " + name + "; log:\n" + owner.log());
    }

    List<String> labels() {
        return labels;
    }

    /** The sample stamped {@code stamp}, pulling for up to {@code seconds} until it arrives; null if it does not. */
    double[] find(double stamp, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            Map.Entry<Double, double[]> below = samples.floorEntry(stamp + STAMP_MATCH);
            if (below != null && below.getKey() >= stamp - STAMP_MATCH) {
                return below.getValue();
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            pull(0.2);
        }
    }

    private void pull(double timeout) {
        int n = inlet.pullAvailable(values, stamps, timeout);
        int w = labels.size();
        for (int i = 0; i < n; i++) {
            double[] v = new double[w];
            System.arraycopy(values, i * w, v, 0, w);
            samples.put(stamps[i], v);
        }
    }

    @Override
    public void close() {
        inlet.close();
        resolved.close();
    }
}
