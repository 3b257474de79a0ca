package org.frisson.pipeline;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A real LSL outlet pushing in real time with stamps {@code t0 + k/rate} (plus a settable shift), one
 * chunk per 10 ms. Channel 0 carries the sample number k. It can pause, shift its stamps, or push a
 * burst of NaN/Inf, and it remembers every stamp it pushed. Its real rate may differ from the one its
 * description declares (a device off its nominal rate, a stream that floods), and its clock may drift: stamps
 * {@code t0 + (k/rate)(1 + drift)} for samples it pushes at {@code t0 + k/rate}.
 */
final class TestSource implements AutoCloseable {

    final String name;
    final double rate;
    final int channels;
    /** 1 + the drift of its clock: how much faster than the local clock its stamps advance. */
    private final double clockScale;
    private final StreamInfo info;
    private final Outlet outlet;
    private final Thread thread;
    private final List<Double> pushed = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile double shift;
    private volatile int nonFiniteBurst;

    TestSource(String name, String type, String sourceId, int channels, double rate) {
        this(name, type, sourceId, channels, rate, rate);
    }

    /** A source that declares {@code declaredRate} but pushes, and stamps, {@code rate} samples a second. */
    TestSource(String name, String type, String sourceId, int channels, double declaredRate, double rate) {
        this(name, type, sourceId, channels, declaredRate, rate, 0);
    }

    /**
     * A source whose clock runs {@code ppm} parts per million fast (slow when negative): it pushes {@code rate}
     * samples a second of the local clock, and stamps them as its own clock tells the time.
     */
    static TestSource drifting(String name, String type, String sourceId, int channels, double rate, double ppm) {
        return new TestSource(name, type, sourceId, channels, rate, rate, ppm * 1e-6);
    }

    private TestSource(String name, String type, String sourceId, int channels, double declaredRate, double rate,
                       double drift) {
        this.name = name;
        this.rate = rate;
        this.channels = channels;
        this.clockScale = 1 + drift;
        this.info = StreamInfo.builder(name, type).channelCount(channels).rate(declaredRate).format(ChannelFormat.FLOAT32)
                .sourceId(sourceId).build();
        this.outlet = Outlet.open(info);
        this.thread = new Thread(this::run, "test-source-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        double t0 = Lsl.localClock();
        long k = 0;
        float[] v = new float[(int) Math.ceil(rate) * channels + channels];
        double[] ts = new double[(int) Math.ceil(rate) + 1];
        while (running) {
            long due = (long) ((Lsl.localClock() - t0) * rate);
            int n = 0;
            while (k < due && n < ts.length) {
                ts[n] = t0 + k / rate * clockScale + shift;
                for (int c = 0; c < channels; c++) {
                    v[n * channels + c] = k;
                }
                if (nonFiniteBurst > 0) {
                    v[n * channels] = nonFiniteBurst % 2 == 0 ? Float.NaN : Float.POSITIVE_INFINITY;
                    nonFiniteBurst--;
                }
                n++;
                k++;
            }
            if (n > 0 && !paused) {
                outlet.push(v, n, ts);
                for (int i = 0; i < n; i++) {
                    pushed.add(ts[i]);
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stamps pushed so far that lie in {@code (from, to]}. */
    List<Double> pushedIn(double from, double to) {
        List<Double> out = new ArrayList<>();
        synchronized (pushed) {
            for (double t : pushed) {
                if (t > from && t <= to) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    void pause(boolean on) {
        paused = on;
    }

    void shiftStamps(double seconds) {
        shift = seconds;
    }

    void burstNonFinite(int values) {
        nonFiniteBurst = values;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outlet.close();
        info.close();
    }
}
