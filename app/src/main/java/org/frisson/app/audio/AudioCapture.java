package org.frisson.app.audio;

import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;
import org.jaudiolibs.audioservers.AudioConfiguration;
import org.jaudiolibs.audioservers.AudioServer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A running capture: an AudioServers back-end delivering blocks to a {@link CaptureClient}, a publisher
 * thread stamping them on the LSL clock and pushing them to an {@code Audio} outlet.
 */
public final class AudioCapture implements AutoCloseable {

    /** Seconds of audio the ring between callback and publisher holds. */
    static final double RING_SECONDS = 2.0;

    /**
     * @param fitSeconds    time constant of the audio clock fit (seconds of audio)
     * @param reportSeconds seconds of audio between clock reports
     */
    public record Options(AudioBackend backend, AudioBackend.Request request, String streamName, String sourceId,
                          double fitSeconds, double reportSeconds) {
    }

    private final AudioServerThread server;
    private final CaptureClient client;
    private final Outlet outlet;
    private final StreamInfo info;
    private final CapturePublisher publisher;
    private final Thread publisherThread;
    private final AudioConfiguration context;
    private final List<String> connections;

    private AudioCapture(AudioServerThread server, CaptureClient client, AudioConfiguration context, StreamInfo info,
                         Outlet outlet, CapturePublisher publisher, Thread publisherThread, List<String> connections) {
        this.server = server;
        this.client = client;
        this.context = context;
        this.info = info;
        this.outlet = outlet;
        this.publisher = publisher;
        this.publisherThread = publisherThread;
        this.connections = connections;
    }

    /** Opens the device, the outlet and the publisher; returns once the first block arrived. */
    public static AudioCapture start(Options o, Consumer<String> log, Consumer<CaptureReport> reports)
            throws InterruptedException {
        AudioBackend.Request r = o.request();
        CaptureClient client = new CaptureClient(ctx -> new CaptureRing(ctx.getInputChannelCount(),
                (int) Math.max(RING_SECONDS * ctx.getSampleRate(), 16L * ctx.getMaxBufferSize()), 4096));
        AudioServer audio = o.backend().open(r, client, log);
        AudioServerThread server = AudioServerThread.start(audio, "frisson-audio-" + o.backend().id());
        AudioConfiguration ctx = client.awaitConfiguration(15);
        if (ctx == null) {
            server.close();
            throw failed(o, server, "did not start within 15 s");
        }
        int rate = Math.round(ctx.getSampleRate());
        int buffer = ctx.getMaxBufferSize();
        Map<String, String> desc = new LinkedHashMap<>();
        desc.put("backend", o.backend().id());
        desc.put("device", r.device() == null ? "default" : r.device());
        desc.put("buffer_frames", Integer.toString(buffer));
        desc.put("clock", String.format(Locale.ROOT, "device frames mapped onto the LSL clock by a least-squares fit "
                + "of callback times, time constant %.0f s; stamps lag the sound by the device's input latency", o.fitSeconds()));
        StreamInfo info = AudioStreams.audio(o.streamName(), o.sourceId(), ctx.getInputChannelCount(), rate, desc);
        Outlet outlet = Outlet.open(info);
        // residuals beyond 1 ms (a tenth of a block for long blocks) may be outliers or steps; see AudioClockFit
        AudioClockFit fit = new AudioClockFit(rate, o.fitSeconds(), Math.max(0.001, 0.1 * buffer / (double) rate));
        CapturePublisher publisher = new CapturePublisher(client, fit, outlet, Math.max(16 * buffer, 4096),
                o.reportSeconds(), reports);
        Thread pt = new Thread(publisher, "frisson-audio-publisher");
        pt.setDaemon(true);
        pt.start();
        client.wake(pt);
        List<String> wired;
        try {
            wired = o.backend().wire(ctx, r);
        } catch (RuntimeException e) {
            stop(server, publisher, pt, outlet, info);
            throw e;
        }
        if (!client.awaitFirstCallback(15)) {
            stop(server, publisher, pt, outlet, info);
            throw failed(o, server, "delivered no audio within 15 s");
        }
        return new AudioCapture(server, client, ctx, info, outlet, publisher, pt, wired);
    }

    private static AudioDeviceException failed(Options o, AudioServerThread server, String what) {
        Throwable why = server.failure();
        String dev = o.request().device() == null ? "the default device" : "device '" + o.request().device() + "'";
        return new AudioDeviceException(o.backend().id() + ": " + dev + " " + what
                + (why == null ? "" : " (" + why + ")"), why);
    }

    public AudioConfiguration context() {
        return context;
    }

    public StreamInfo info() {
        return info;
    }

    /** The JACK connections made ("from -> to"); empty for Java Sound. */
    public List<String> connections() {
        return connections;
    }

    /** Whether audio still flows (the server has not ended). */
    public boolean running() {
        return server.running() && !client.isShutDown();
    }

    /** Why the server ended, or null. */
    public Throwable failure() {
        return server.failure();
    }

    public CapturePublisher publisher() {
        return publisher;
    }

    /** Stops the device, publishes what it delivered (the publisher sends its final report), closes the outlet. */
    @Override
    public void close() {
        stop(server, publisher, publisherThread, outlet, info);
    }

    private static void stop(AudioServerThread server, CapturePublisher publisher, Thread pt, Outlet outlet,
                             StreamInfo info) {
        server.close();
        publisher.stop();
        try {
            pt.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outlet.close();
        info.close();
    }
}
