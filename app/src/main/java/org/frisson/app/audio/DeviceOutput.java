package org.frisson.app.audio;

import org.frisson.lsl.Lsl;
import org.jaudiolibs.audioservers.AudioClient;
import org.jaudiolibs.audioservers.AudioConfiguration;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The audio server's client for playback to the output device (the participant's stimulus): writes the
 * clip's frames in order into the output buffers, each output channel taking clip channel
 * {@code c % channels}, looping or then silence. Runs on the device's clock: over a long track it drifts
 * against the LSL-paced stream by the device's drift (tens of ppm: milliseconds over minutes).
 */
public final class DeviceOutput implements AudioClient {

    private final AudioClip clip;
    private final boolean loop;
    private final CountDownLatch configured = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean armed;
    private volatile double firstCallbackTime = Double.NaN;
    private volatile AudioConfiguration configuration;
    private volatile String refused;
    private volatile boolean stopped;
    private volatile boolean finished;
    private long played;

    public DeviceOutput(AudioClip clip, boolean loop) {
        this.clip = clip;
        this.loop = loop;
    }

    @Override
    public void configure(AudioConfiguration context) {
        if (Math.round(context.getSampleRate()) != clip.sampleRate()) {
            refused = clip.file() + " is " + clip.sampleRate() + " Hz but the output device runs at "
                    + Math.round(context.getSampleRate()) + " Hz (Frisson does not resample for playback)";
            configured.countDown();
            throw new AudioDeviceException(refused);
        }
        this.configuration = context;
        configured.countDown();
    }

    @Override
    public boolean process(long time, List<FloatBuffer> inputs, List<FloatBuffer> outputs, int nframes) {
        if (!armed) {
            for (int o = 0; o < outputs.size(); o++) {
                for (int i = 0; i < nframes; i++) {
                    outputs.get(o).put(i, 0f);
                }
            }
            return true;
        }
        if (played == 0 && started.getCount() > 0) {
            firstCallbackTime = Lsl.localClock();
            started.countDown();
        }
        int ch = clip.channels();
        int frames = clip.frames();
        float[] src = clip.samples();
        for (int i = 0; i < nframes; i++) {
            long g = played + i;
            boolean audible = !stopped && (loop || g < frames);
            int f = (int) (g % frames);
            for (int o = 0; o < outputs.size(); o++) {
                outputs.get(o).put(i, audible ? src[f * ch + o % ch] : 0f);
            }
        }
        played += nframes;
        if (!loop && played >= frames) {
            finished = true;
        }
        return true;
    }

    @Override
    public void shutdown() {
        finished = true;
        configured.countDown();
        started.countDown();
    }

    /** Waits for the server's configuration; null on timeout, refusal or when the server ended first. */
    public AudioConfiguration awaitConfiguration(double seconds) throws InterruptedException {
        configured.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        return refused == null ? configuration : null;
    }

    /** From the next callback on, plays the clip from its first frame (until then: silence). */
    public void arm() {
        armed = true;
    }

    /** Waits for the first armed callback; its LSL time (frame 0 handed to the device), or NaN if none came. */
    public double awaitStart(double seconds) throws InterruptedException {
        started.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        return firstCallbackTime;
    }

    /** Silence from now on. */
    public void stop() {
        stopped = true;
    }

    /** Whether the whole clip went out (not looping), or the server ended. */
    public boolean finished() {
        return finished;
    }

    /** Why the device was refused at configuration, or null. */
    public String refused() {
        return refused;
    }

    public AudioConfiguration configuration() {
        return configuration;
    }
}
