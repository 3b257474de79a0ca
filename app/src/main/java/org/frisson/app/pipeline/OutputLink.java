package org.frisson.app.pipeline;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Provenance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One output stream on LSL: the channels every stage declared on it, in order, then a {@code latency}
 * channel. Each frame pushes one sample stamped with the newest input sample it depends on; latency is
 * the local clock at push minus that stamp.
 */
final class OutputLink implements AutoCloseable {

    private final String key;
    private final PipelineConfig.Output spec;
    private final List<OutputSlot> slots = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final List<String> units = new ArrayList<>();
    private double[] sample;
    private final double[] stamp = new double[1];
    private StreamInfo info;
    private Outlet outlet;

    OutputLink(String key, PipelineConfig.Output spec) {
        this.key = key;
        this.spec = spec;
    }

    /** The output's key in the config ({@code features}, {@code emotion}, ...). */
    String key() {
        return key;
    }

    void declare(OutputSlot slot, List<String> slotLabels, String unit) {
        slots.add(slot);
        labels.addAll(slotLabels);
        for (int i = 0; i < slotLabels.size(); i++) {
            units.add(unit);
        }
    }

    boolean isUsed() {
        return !slots.isEmpty();
    }

    /**
     * Lays the slots out and, when {@code publish}, opens the outlet (offline runs only describe it); the
     * description names the models behind the channels ({@code provenance}).
     */
    void open(double frameRate, boolean publish, List<Provenance> provenance) {
        sample = new double[labels.size() + 1];
        int at = 0;
        for (OutputSlot s : slots) {
            s.bind(sample, at);
            at += s.width();
        }
        StreamInfo.Builder b = StreamInfo.builder(spec.name(), spec.type()).channelCount(sample.length)
                .rate(frameRate).format(ChannelFormat.DOUBLE64).sourceId(spec.sourceId())
                .desc("manufacturer", "Frisson");
        ProvenanceMap.describe(b, provenance);
        for (int i = 0; i < labels.size(); i++) {
            b.channel(labels.get(i), units.get(i), spec.type());
        }
        b.channel("latency", "seconds", "Latency");
        info = b.build();
        outlet = publish ? Outlet.open(info) : null;
    }

    /** Marks every channel missing before the stages write. */
    void clear() {
        Arrays.fill(sample, Double.NaN);
    }

    /** Pushes the sample; returns its latency in seconds (NaN offline, where there is no live clock). */
    double push(double newestInputStamp) {
        stamp[0] = newestInputStamp;
        if (outlet == null) {
            sample[sample.length - 1] = Double.NaN;
            return Double.NaN;
        }
        double latency = Lsl.localClock() - newestInputStamp;
        sample[sample.length - 1] = latency;
        outlet.push(sample, 1, stamp);
        return latency;
    }

    String name() {
        return spec.name();
    }

    /** The outlet's description (after {@link #open}). */
    StreamInfo info() {
        return info;
    }

    /** The sample just pushed (labels order, latency last). */
    double[] sample() {
        return sample;
    }

    /** The stamp of the sample just pushed. */
    double stamp() {
        return stamp[0];
    }

    List<String> labels() {
        return labels;
    }

    /** The values of the last sample (labels order, latency last); for status and tests. */
    double[] lastSample() {
        return sample;
    }

    @Override
    public void close() {
        if (outlet != null) {
            outlet.close();
        }
        if (info != null) {
            info.close();
        }
    }
}
