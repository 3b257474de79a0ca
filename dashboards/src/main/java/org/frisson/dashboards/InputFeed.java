package org.frisson.dashboards;

import java.util.List;

/**
 * Where raw input chunks come in, from one thread (the pipeline's chunk listener). Each call only
 * decimates into preallocated arrays: it allocates nothing and never waits for a page.
 */
public final class InputFeed {

    private final LiveData data;
    private DecimatedStream[] streams = new DecimatedStream[0];

    InputFeed(LiveData data) {
        this.data = data;
    }

    /** Once, before the first chunk: every input stream, in the order {@code chunk} numbers them. */
    public void start(List<StreamDescription> inputs) {
        DecimatedStream[] s = new DecimatedStream[inputs.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = new DecimatedStream(inputs.get(i));
        }
        streams = s;
        data.inputs(s);
    }

    /**
     * One chunk of input {@code stream}: {@code samples} stamps and channel-interleaved values, or texts
     * for a text stream. The arrays may be reused after return.
     */
    public void chunk(int stream, int samples, double[] stamps, double[] values, String[] texts) {
        if (stream < 0 || stream >= streams.length) {
            return;
        }
        DecimatedStream s = streams[stream];
        if (s.description.text()) {
            s.addText(samples, stamps, texts);
        } else {
            s.add(samples, stamps, values);
        }
    }

    /** The pipeline stopped: pages say so until the next start. */
    public void end() {
        data.stopped();
    }
}
