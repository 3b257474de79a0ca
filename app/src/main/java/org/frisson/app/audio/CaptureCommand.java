package org.frisson.app.audio;

import org.frisson.app.CliException;
import org.frisson.app.StopSignal;
import org.frisson.app.audio.AudioBackend;
import org.frisson.app.audio.AudioCapture;
import org.frisson.app.audio.AudioDeviceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;

/** {@code frisson capture}: the sound card (or a JACK graph) as an LSL {@code Audio} stream. */
@Command(name = "capture", description = {
        "Capture audio through JAudioLibs AudioServers and publish it as an LSL Audio stream (float32 at the",
        "device's rate), each frame stamped on the LSL clock: the device's frame count is fitted against the",
        "callback times, so the audio clock's drift against the LSL clock is measured and corrected.",
        "A clock line (drift in ppm, offset jitter, latency) is printed every --report seconds and at the end."})
public final class CaptureCommand implements Runnable {

    /** Java Sound's rate and buffer when none is given (JACK uses its server's). */
    static final int JAVASOUND_RATE = 48000;
    static final int JAVASOUND_BUFFER = 512;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--backend", defaultValue = "javasound", paramLabel = "javasound|jack",
            description = "Audio back-end (default: ${DEFAULT-VALUE}). jack talks to the server named by JACK_DEFAULT_SERVER.")
    String backend;

    @Option(names = "--device", paramLabel = "NAME", description = {
            "Java Sound: a mixer whose name contains NAME (default: the first with inputs).",
            "JACK: the client to connect from (its audio outputs, in order), or comma-separated port names,",
            "or 'none' to leave the ports unconnected (default: the physical capture ports)."})
    String device;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "HZ",
            description = "Sample rate (Java Sound default " + JAVASOUND_RATE + "; JACK: must equal the server's).")
    float rate;

    @Option(names = "--buffer", defaultValue = "0", paramLabel = "FRAMES",
            description = "Frames per callback (Java Sound default " + JAVASOUND_BUFFER + "; JACK: the server's period).")
    int buffer;

    @Option(names = "--channels", defaultValue = "1", paramLabel = "N", description = "Input channels (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--name", defaultValue = "Audio", paramLabel = "STREAM", description = "LSL stream name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--source-id", paramLabel = "ID", description = "Stable source id (default: frisson-capture-<backend>-<device>).")
    String sourceId;

    @Option(names = "--client-name", defaultValue = "frisson-capture", paramLabel = "NAME",
            description = "JACK client name (default: ${DEFAULT-VALUE}; JACK adds a suffix if it is taken).")
    String clientName;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S", description = "Seconds to capture; 0 until Ctrl-C (default).")
    double duration;

    @Option(names = "--report", defaultValue = "10", paramLabel = "S", description = "Seconds of audio between clock lines (default: ${DEFAULT-VALUE}).")
    double report;

    @Option(names = "--fit-seconds", defaultValue = "30", paramLabel = "S",
            description = "Time constant of the clock fit, seconds of audio (default: ${DEFAULT-VALUE}).")
    double fitSeconds;

    @Option(names = "--list", description = "List the back-end's devices (JACK: clients and their audio ports) and exit.")
    boolean list;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AudioBackend b = AudioBackend.parse(backend);
        try {
            if (list) {
                listDevices(b, out);
                return;
            }
            capture(b, err);
        } catch (AudioDeviceException e) {
            throw new CliException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listDevices(AudioBackend b, PrintWriter out) {
        List<AudioBackend.DeviceEntry> devices = b.devices();
        if (devices.isEmpty()) {
            if (b == AudioBackend.JAVASOUND) {
                throw new CliException(AudioBackend.noJavaSoundDevice());
            }
            throw new CliException("jack: the server has no client with audio ports");
        }
        out.println(b == AudioBackend.JACK ? "JACK clients of server '" + org.frisson.app.audio.JackPatchbay.serverName()
                + "' (capture: audio outputs to record from; playback: audio inputs to play to):"
                : "Java Sound devices:");
        for (AudioBackend.DeviceEntry d : devices) {
            out.printf("  %s  %d capture, %d playback channels%s%n", d.name(), d.inputs(), d.outputs(),
                    d.detail().isEmpty() ? "" : "  [" + d.detail() + "]");
        }
        out.flush();
    }

    private void capture(AudioBackend b, PrintWriter err) throws InterruptedException {
        if (channels < 1) {
            throw new IllegalArgumentException("--channels must be >= 1, got " + channels);
        }
        if (rate < 0 || buffer < 0) {
            throw new IllegalArgumentException("--rate and --buffer must be positive (or left out)");
        }
        if (!(fitSeconds > 0) || !(report > 0)) {
            throw new IllegalArgumentException("--fit-seconds and --report must be positive");
        }
        boolean js = b == AudioBackend.JAVASOUND;
        AudioBackend.Request req = new AudioBackend.Request(device, js && rate == 0 ? JAVASOUND_RATE : rate,
                js && buffer == 0 ? JAVASOUND_BUFFER : buffer, channels, 0, clientName);
        String id = sourceId != null ? sourceId : "frisson-capture-" + b.id() + "-" + (device == null ? "default" : device);
        var opts = new AudioCapture.Options(b, req, name, id, fitSeconds, report);
        StopSignal.install();
        try (AudioCapture cap = AudioCapture.start(opts, line -> log(err, line), r -> log(err, r.line()))) {
            StopSignal.whenRequested(() -> { });
            var ctx = cap.context();
            log(err, String.format("capturing %d ch at %.0f Hz in %d-frame blocks through %s%s; LSL stream '%s' (Audio, "
                            + "float32) source_id=%s", ctx.getInputChannelCount(), ctx.getSampleRate(), ctx.getMaxBufferSize(),
                    b.id(), cap.connections().isEmpty() ? "" : " (" + String.join(", ", cap.connections()) + ")", name, id));
            long end = duration > 0 ? System.nanoTime() + (long) (duration * 1e9) : Long.MAX_VALUE;
            while (!StopSignal.requested() && cap.running() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            if (!cap.running() && !StopSignal.requested()) {
                Throwable why = cap.failure();
                throw new CliException(b.id() + ": the audio server stopped"
                        + (why == null ? " (device lost or server shut down)" : ": " + why));
            }
        }
        log(err, "capture stopped");
    }

    private static void log(PrintWriter err, String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
