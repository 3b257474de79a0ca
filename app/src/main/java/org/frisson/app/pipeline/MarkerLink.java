package org.frisson.app.pipeline;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;
import org.frisson.stage.MarkerSlot;
import org.frisson.stage.Provenance;

import java.util.List;

/**
 * One marker output on LSL: an irregular stream with one string channel ({@link #LABEL}). A marker is
 * pushed as a stage emits it, with the stage's stamp, and handed to the output listeners; nothing is sent
 * per frame. Runs on the aligner thread.
 */
final class MarkerLink implements MarkerSlot.Sink, AutoCloseable {

    /** The one channel's label. */
    static final String LABEL = "marker";

    private final PipelineConfig.Output spec;
    private final String[] text = new String[1];
    private final double[] stamp = new double[1];
    private OutputListener[] listeners = new OutputListener[0];
    private int index;
    private StreamInfo info;
    private Outlet outlet;
    private long emitted;

    MarkerLink(PipelineConfig.Output spec) {
        this.spec = spec;
    }

    /** Describes the stream and, when {@code publish}, opens its outlet (offline runs only describe it). */
    void open(boolean publish, List<Provenance> provenance) {
        StreamInfo.Builder b = StreamInfo.builder(spec.name(), spec.type()).channelCount(1).rate(0)
                .format(ChannelFormat.STRING).sourceId(spec.sourceId()).desc("manufacturer", "Frisson");
        info = ProvenanceMap.describe(b, provenance).channel(LABEL, "", spec.type()).build();
        outlet = publish ? Outlet.open(info) : null;
    }

    /** Who sees each marker, and this output's number among every output they were started with. */
    void listeners(OutputListener[] all, int outputIndex) {
        this.listeners = all;
        this.index = outputIndex;
    }

    @Override
    public void marker(String markerText, double markerStamp) {
        text[0] = markerText;
        stamp[0] = markerStamp;
        if (outlet != null) {
            outlet.push(text, 1, stamp);
        }
        emitted++;
        for (OutputListener l : listeners) {
            l.marker(index, markerStamp, markerText);
        }
    }

    String name() {
        return spec.name();
    }

    StreamInfo info() {
        return info;
    }

    /** Markers emitted so far. */
    long emitted() {
        return emitted;
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
