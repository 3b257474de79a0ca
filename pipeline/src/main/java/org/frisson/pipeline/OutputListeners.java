package org.frisson.pipeline;

import org.frisson.lsl.StreamInfo;

import java.util.List;

/** Several output listeners as one: each call goes to every listener, in order. Allocates nothing per call. */
final class OutputListeners implements OutputListener {

    private final OutputListener[] listeners;

    OutputListeners(List<OutputListener> listeners) {
        this.listeners = listeners.toArray(new OutputListener[0]);
    }

    @Override
    public void start(List<StreamInfo> outputs) {
        for (OutputListener l : listeners) {
            l.start(outputs);
        }
    }

    @Override
    public void sample(int output, double stamp, double[] values) {
        for (OutputListener l : listeners) {
            l.sample(output, stamp, values);
        }
    }

    @Override
    public void marker(int output, double stamp, String text) {
        for (OutputListener l : listeners) {
            l.marker(output, stamp, text);
        }
    }

    @Override
    public void end() {
        for (OutputListener l : listeners) {
            l.end();
        }
    }
}
