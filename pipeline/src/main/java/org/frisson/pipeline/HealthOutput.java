package org.frisson.pipeline;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.frisson.stage.Provenance;

import java.util.List;

/**
 * The health output ({@code frisson.health}), live pipelines only: for each input stream, in order, its
 * effective and nominal rate, gaps, samples missed, clock offset and uncertainty, clock resets, buffer
 * occupancy, lag, late samples, dropped samples, non-finite values, missing frames and whether it is lost;
 * then, for each stage in config order, whether it failed and was switched off ({@code <stage>.failed}); then
 * each {@link HealthProbe}'s channels ({@code <probe>.<label>}). One sample per health period, filled in place
 * on the aligner thread.
 */
final class HealthOutput {

    static final String[] FIELDS = {"rate", "nominal_rate", "gaps", "missed", "clock_offset", "clock_uncertainty",
            "clock_resets", "occupancy", "lag", "late", "dropped", "nonfinite", "missing_frames", "lost"};
    private static final String[] UNITS = {"Hz", "Hz", "count", "samples", "seconds", "seconds", "count", "fraction",
            "seconds", "samples", "samples", "values", "frames", "flag"};

    private final PipelineConfig.Output spec;
    private final StreamHealth[] streams;
    private final Aligner.StageRun[] stages;
    private final HealthProbe[] probes;
    private final double period;
    private final double[] sample;

    HealthOutput(PipelineConfig.Output spec, List<StreamHealth> streams, List<Aligner.StageRun> stages,
                 List<HealthProbe> probes, double period) {
        this.spec = spec;
        this.streams = streams.toArray(new StreamHealth[0]);
        this.stages = stages.toArray(new Aligner.StageRun[0]);
        this.probes = probes.toArray(new HealthProbe[0]);
        this.period = period;
        this.sample = new double[streams.size() * FIELDS.length + stages.size()
                + probes.stream().mapToInt(p -> p.channels().size()).sum()];
    }

    /** The description; {@code provenance}: every model of the pipeline (stand-ins flagged). */
    StreamInfo describe(List<Provenance> provenance) {
        StreamInfo.Builder b = StreamInfo.builder(spec.name(), spec.type()).rate(1.0 / period)
                .channelCount(sample.length).format(ChannelFormat.DOUBLE64)
                .sourceId(spec.sourceId()).desc("manufacturer", "Frisson");
        ProvenanceMap.describe(b, provenance);
        for (StreamHealth h : streams) {
            for (int f = 0; f < FIELDS.length; f++) {
                b.channel(h.name + "." + FIELDS[f], UNITS[f], "Health");
            }
        }
        for (Aligner.StageRun run : stages) {
            b.channel(run.name + ".failed", "flag", "Health");
        }
        for (HealthProbe p : probes) {
            for (org.frisson.stage.OutputChannel c : p.channels()) {
                b.channel(p.name() + "." + c.label(), c.unit(), "Health");
            }
        }
        return b.build();
    }

    /** Fills the sample from the streams' and stages' state; returns it. */
    double[] fill() {
        int k = 0;
        for (StreamHealth h : streams) {
            sample[k++] = h.effectiveRate;
            sample[k++] = h.nominalRate;
            sample[k++] = h.gaps;
            sample[k++] = h.missedSamples;
            sample[k++] = h.clockOffset;
            sample[k++] = h.clockUncertainty;
            sample[k++] = h.clockResets.get();
            sample[k++] = h.occupancy;
            sample[k++] = h.lag;
            sample[k++] = h.lateSamples;
            sample[k++] = h.droppedSamples;
            sample[k++] = h.nonFinite;
            sample[k++] = h.missingFrames;
            sample[k++] = h.lost ? 1 : 0;
        }
        for (Aligner.StageRun run : stages) {
            sample[k++] = run.off ? 1 : 0;
        }
        for (HealthProbe p : probes) {
            p.read(sample, k);
            k += p.channels().size();
        }
        return sample;
    }
}
