package org.frisson.dashboards;

import java.util.List;

/**
 * Where output samples come in, from one thread (the pipeline's aligner). Each call copies the sample
 * into a preallocated ring and returns: no allocation, no lock, no waiting for a page.
 */
public final class OutputFeed {

    private final LiveData data;
    private OutputHistory[] streams = new OutputHistory[0];

    OutputFeed(LiveData data) {
        this.data = data;
    }

    /** Once, before the first sample: every output stream, in the order {@code sample} numbers them. */
    public void start(List<StreamDescription> outputs) {
        OutputHistory[] s = new OutputHistory[outputs.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = new OutputHistory(outputs.get(i));
        }
        streams = s;
        data.outputs(s);
    }

    /** One sample of output {@code output}, channels in its description's order. */
    public void sample(int output, double stamp, double[] values) {
        if (output >= 0 && output < streams.length) {
            streams[output].add(stamp, values);
        }
    }

    /** The pipeline stopped. */
    public void end() {
        data.stopped();
    }
}
