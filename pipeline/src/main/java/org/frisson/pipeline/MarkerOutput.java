package org.frisson.pipeline;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.StreamInfo;
import org.frisson.stage.MarkerSlot;
import org.frisson.stage.Provenance;

import java.util.List;

/**
 * One marker output: an irregular stream with one string channel ({@link #LABEL}). A marker goes to the
 * output listeners as a stage emits it, with the stage's stamp; nothing is sent per frame. Runs on the
 * aligner thread once laid out.
 */
final class MarkerOutput implements MarkerSlot.Sink {

    /** The one channel's label. */
    static final String LABEL = "marker";

    private final PipelineConfig.Output spec;
    private OutputListener listeners;
    private int index;

    MarkerOutput(PipelineConfig.Output spec) {
        this.spec = spec;
    }

    /**
     * Describes the stream (the models behind it: {@code provenance}) and from now on hands each marker to
     * {@code listeners} as output number {@code index}.
     */
    StreamInfo layOut(int index, OutputListener listeners, List<Provenance> provenance) {
        this.index = index;
        this.listeners = listeners;
        StreamInfo.Builder b = StreamInfo.builder(spec.name(), spec.type()).channelCount(1).rate(0)
                .format(ChannelFormat.STRING).sourceId(spec.sourceId()).desc("manufacturer", "Frisson");
        return ProvenanceMap.describe(b, provenance).channel(LABEL, "", spec.type()).build();
    }

    @Override
    public void marker(String text, double stamp) {
        listeners.marker(index, stamp, text);
    }

    /** The output's key in the config. */
    String key() {
        return spec.key();
    }

    /** The stream's name. */
    String name() {
        return spec.name();
    }
}
