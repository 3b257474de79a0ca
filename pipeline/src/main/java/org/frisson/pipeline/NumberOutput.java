package org.frisson.pipeline;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.frisson.stage.OutputChannel;
import org.frisson.stage.OutputSlot;
import org.frisson.stage.Provenance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One regular output stream: the channels every stage declared on it, in declaration order, then a
 * {@code latency} channel. Its one sample is written in place each frame: {@link #clear} before the stages
 * run, the stages through their {@link OutputSlot}s, {@link #latency} last; every output listener then reads
 * that same array. Runs on the aligner thread once laid out.
 */
final class NumberOutput {

    /** The last channel's label: seconds from the newest input stamp behind the sample to its push. */
    static final String LATENCY = "latency";

    private final PipelineConfig.Output spec;
    private final List<OutputSlot> slots = new ArrayList<>();
    private final List<OutputChannel> channels = new ArrayList<>();
    private double[] sample;

    NumberOutput(PipelineConfig.Output spec) {
        this.spec = spec;
    }

    /** A stage writes {@code slotChannels} on this output, after those declared before. */
    OutputSlot declare(List<OutputChannel> slotChannels) {
        OutputSlot slot = new OutputSlot(spec.key(), slotChannels.size());
        slots.add(slot);
        channels.addAll(slotChannels);
        return slot;
    }

    /**
     * Allocates the sample, binds every slot to its channels in it and describes the stream: one sample per
     * frame ({@code frameRate}), the models behind it ({@code provenance}), each channel's label, unit and type
     * (the output's own unless the channel names one), latency last.
     */
    StreamInfo layOut(double frameRate, List<Provenance> provenance) {
        sample = new double[channels.size() + 1];
        int at = 0;
        for (OutputSlot s : slots) {
            s.bind(sample, at);
            at += s.width();
        }
        StreamInfo.Builder b = StreamInfo.builder(spec.name(), spec.type()).channelCount(sample.length)
                .rate(frameRate).format(ChannelFormat.DOUBLE64).sourceId(spec.sourceId())
                .desc("manufacturer", "Frisson");
        ProvenanceMap.describe(b, provenance);
        for (OutputChannel c : channels) {
            b.channel(c.label(), c.unit(), c.type().isEmpty() ? spec.type() : c.type());
        }
        b.channel(LATENCY, "seconds", "Latency");
        return b.build();
    }

    /** Marks every channel missing before the stages write. */
    void clear() {
        Arrays.fill(sample, Double.NaN);
    }

    /** Sets the latency channel (NaN where there is no live clock). */
    void latency(double seconds) {
        sample[sample.length - 1] = seconds;
    }

    /** This frame's sample: channels in declaration order, latency last. */
    double[] sample() {
        return sample;
    }

    /** The output's key in the config ({@code features}, {@code emotion}, ...). */
    String key() {
        return spec.key();
    }

    /** The stream's name. */
    String name() {
        return spec.name();
    }

    /** The declared channels' labels (latency excluded). */
    List<String> labels() {
        return channels.stream().map(OutputChannel::label).toList();
    }
}
