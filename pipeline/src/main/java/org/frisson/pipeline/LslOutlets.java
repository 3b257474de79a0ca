package org.frisson.pipeline;

import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;

import java.util.List;

/**
 * The output streams on LSL, one outlet per output, as one output listener among the others: a live
 * pipeline's first, so peers get each sample before any other sink sees it. Not guarded: an outlet that
 * fails is not switched off, it is reported with the frame it failed on. Nothing is allocated per sample.
 * The outlets stay open past {@link #end} until {@link #close}, which the pipeline calls after the aligner stopped.
 */
final class LslOutlets implements OutputListener, AutoCloseable {

    private final double[] stamp = new double[1];
    private final String[] text = new String[1];
    private Outlet[] outlets = new Outlet[0];

    @Override
    public void start(List<StreamInfo> outputs) {
        outlets = new Outlet[outputs.size()];
        for (int k = 0; k < outlets.length; k++) {
            outlets[k] = Outlet.open(outputs.get(k));
        }
    }

    @Override
    public void sample(int output, double sampleStamp, double[] values) {
        stamp[0] = sampleStamp;
        outlets[output].push(values, 1, stamp);
    }

    @Override
    public void marker(int output, double markerStamp, String markerText) {
        stamp[0] = markerStamp;
        text[0] = markerText;
        outlets[output].push(text, 1, stamp);
    }

    @Override
    public void end() {
    }

    /** Closes every outlet opened; once. */
    @Override
    public void close() {
        for (int k = 0; k < outlets.length; k++) {
            if (outlets[k] != null) {
                outlets[k].close();
                outlets[k] = null;
            }
        }
    }
}
