package org.frisson.app.pipeline;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;
import org.frisson.stage.Provenance;

import java.util.List;

/**
 * {@code frisson.health} on LSL: for each input stream, in order, its effective and nominal rate, gaps,
 * samples missed, clock offset and uncertainty, clock resets, buffer occupancy, lag, late samples,
 * dropped samples, non-finite values, missing frames and whether it is lost.
 */
final class HealthLink implements AutoCloseable {

    static final String[] FIELDS = {"rate", "nominal_rate", "gaps", "missed", "clock_offset", "clock_uncertainty",
            "clock_resets", "occupancy", "lag", "late", "dropped", "nonfinite", "missing_frames", "lost"};
    private static final String[] UNITS = {"Hz", "Hz", "count", "samples", "seconds", "seconds", "count", "fraction",
            "seconds", "samples", "samples", "values", "frames", "flag"};

    private final List<StreamHealth> streams;
    private final StreamInfo info;
    private final Outlet outlet;
    private final double[] sample;
    private final double[] stamp = new double[1];

    /** {@code provenance}: every model of the pipeline, written into the description (stand-ins flagged). */
    HealthLink(PipelineConfig.Output spec, List<StreamHealth> streams, double period, List<Provenance> provenance) {
        this.streams = streams;
        StreamInfo.Builder b = StreamInfo.builder(spec.name(), spec.type()).rate(1.0 / period)
                .channelCount(streams.size() * FIELDS.length).format(ChannelFormat.DOUBLE64)
                .sourceId(spec.sourceId()).desc("manufacturer", "Frisson");
        ProvenanceMap.describe(b, provenance);
        for (StreamHealth h : streams) {
            for (int f = 0; f < FIELDS.length; f++) {
                b.channel(h.name + "." + FIELDS[f], UNITS[f], "Health");
            }
        }
        this.info = b.build();
        this.outlet = Outlet.open(info);
        this.sample = new double[streams.size() * FIELDS.length];
    }

    StreamInfo info() {
        return info;
    }

    double[] sample() {
        return sample;
    }

    void push(double now) {
        int k = 0;
        for (StreamHealth h : streams) {
            sample[k++] = h.effectiveRate;
            sample[k++] = h.nominalRate;
            sample[k++] = h.gaps;
            sample[k++] = h.missedSamples;
            sample[k++] = h.clockOffset;
            sample[k++] = h.clockUncertainty;
            sample[k++] = h.clockResets;
            sample[k++] = h.occupancy;
            sample[k++] = h.lag;
            sample[k++] = h.lateSamples;
            sample[k++] = h.droppedSamples;
            sample[k++] = h.nonFinite;
            sample[k++] = h.missingFrames;
            sample[k++] = h.lost ? 1 : 0;
        }
        stamp[0] = now;
        outlet.push(sample, 1, stamp);
    }

    @Override
    public void close() {
        outlet.close();
        info.close();
    }
}
