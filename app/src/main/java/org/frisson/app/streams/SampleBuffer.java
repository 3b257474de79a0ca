package org.frisson.app.streams;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Inlet;

/**
 * Reusable pull buffers for an inlet of any channel format, with the values readable as text.
 * Integers pull as {@code long}, floats as {@code float} or {@code double} (as the stream has them),
 * so every value prints exactly as sent.
 */
final class SampleBuffer {

    private final Inlet inlet;
    private final int channels;
    private final double[] stamps;
    private final float[] f;
    private final double[] d;
    private final long[] l;
    private final String[] s;

    SampleBuffer(Inlet inlet, int maxSamples) {
        this.inlet = inlet;
        this.channels = inlet.channelCount();
        this.stamps = new double[maxSamples];
        int n = maxSamples * channels;
        ChannelFormat fmt = inlet.format();
        this.f = fmt == ChannelFormat.FLOAT32 ? new float[n] : null;
        this.d = fmt == ChannelFormat.DOUBLE64 ? new double[n] : null;
        this.s = fmt == ChannelFormat.STRING ? new String[n] : null;
        this.l = f == null && d == null && s == null ? new long[n] : null;
    }

    /** Pulls into the buffers; returns samples pulled. */
    int pull(double timeoutSeconds) {
        if (f != null) {
            return inlet.pull(f, stamps, timeoutSeconds);
        } else if (d != null) {
            return inlet.pull(d, stamps, timeoutSeconds);
        } else if (s != null) {
            return inlet.pull(s, stamps, timeoutSeconds);
        }
        return inlet.pull(l, stamps, timeoutSeconds);
    }

    double[] stamps() {
        return stamps;
    }

    boolean isText() {
        return s != null;
    }

    /** Value of channel {@code c} of sample {@code i}, printed exactly (shortest round-trip form). */
    String text(int i, int c) {
        int k = i * channels + c;
        if (f != null) {
            return Float.toString(f[k]);
        } else if (d != null) {
            return Double.toString(d[k]);
        } else if (s != null) {
            return s[k];
        }
        return Long.toString(l[k]);
    }
}
