package org.frisson.app.audio;

import org.frisson.app.CliException;
import org.frisson.app.StopSignal;
import org.frisson.app.audio.AudioBackend;
import org.frisson.app.audio.AudioClip;
import org.frisson.app.audio.AudioDeviceException;
import org.frisson.app.audio.AudioServerThread;
import org.frisson.app.audio.AudioStreams;
import org.frisson.app.audio.DeviceOutput;
import org.frisson.app.audio.FilePlayback;
import org.frisson.sim.PlaybackMarkers;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code frisson play}: a WAV or FLAC file in real time as an LSL {@code Audio} stream, with playback markers. */
@Command(name = "play", description = {
        "Play a WAV or FLAC file in real time as an LSL Audio stream (float32, the file's rate and channels),",
        "every frame stamped start + n/rate on the LSL clock, with a marker stream of track_start <file>,",
        "position <seconds> every second and track_stop; optionally also to the output device."})
public final class PlayCommand implements Runnable {

    /** Frames per push, in seconds of audio (as the simulator's music). */
    static final double CHUNK_SECONDS = 0.01;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A WAV (PCM or float) or FLAC file.")
    Path file;

    @Option(names = "--loop", description = "Start over at the end, until Ctrl-C.")
    boolean loop;

    @Option(names = "--to-device", description = "Also play it to the output device (the participant's stimulus).")
    boolean toDevice;

    @Option(names = "--backend", defaultValue = "javasound", paramLabel = "javasound|jack",
            description = "Back-end for --to-device (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--device", paramLabel = "NAME", description = {
            "For --to-device. Java Sound: a mixer whose name contains NAME. JACK: the client to play to (its",
            "audio inputs, in order), comma-separated port names, or 'none' (default: the physical playback ports)."})
    String device;

    @Option(names = "--buffer", defaultValue = "1024", paramLabel = "FRAMES",
            description = "Frames per device callback for Java Sound (default: ${DEFAULT-VALUE}; JACK uses its period).")
    int buffer;

    @Option(names = "--client-name", defaultValue = "frisson-play", paramLabel = "NAME",
            description = "JACK client name (default: ${DEFAULT-VALUE}).")
    String clientName;

    @Option(names = "--name", defaultValue = "Music", paramLabel = "STREAM", description = "Audio stream name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--markers-name", defaultValue = PlaybackMarkers.DEFAULT_NAME, paramLabel = "STREAM",
            description = "Marker stream name (default: ${DEFAULT-VALUE}).")
    String markersName;

    @Option(names = "--markers-type", defaultValue = PlaybackMarkers.DEFAULT_TYPE, paramLabel = "TYPE", description = {
            "Marker stream type (default: ${DEFAULT-VALUE}; not Markers, which pipelines read as the chill button)."})
    String markersType;

    @Option(names = "--source-id", paramLabel = "ID", description = "Stable source id of the audio stream (default: frisson-play-<file name>); the markers get <ID>-markers.")
    String sourceId;

    @Option(names = "--wait", defaultValue = "0", paramLabel = "S",
            description = "Hold the start up to S seconds until both streams have an inlet (default: start at once).")
    double wait;

    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        AudioClip clip;
        try {
            clip = AudioClip.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        if (clip.frames() == 0) {
            throw new CliException(file + ": no audio frames");
        }
        String id = sourceId != null ? sourceId : "frisson-play-" + file.getFileName();
        StopSignal.install();
        try (StreamInfo info = AudioStreams.audio(name, id, clip.channels(), clip.sampleRate(),
                Map.of("file", file.toString()));
             Outlet audio = Outlet.open(info);
             PlaybackMarkers markers = new PlaybackMarkers(markersName, markersType, id + "-markers", file.toString())) {
            log(err, String.format("playing %s (%d ch, %d Hz, %.3f s%s): LSL stream '%s' (Audio, float32), markers '%s' (%s)",
                    file, clip.channels(), clip.sampleRate(), clip.seconds(), loop ? ", looping" : "", name, markersName,
                    markersType));
            if (wait > 0) {
                double deadline = Lsl.localClock() + wait;
                for (Outlet o : List.of(audio, markers.outlet())) {
                    o.waitForConsumers(Math.max(0, deadline - Lsl.localClock()));
                }
            }
            FilePlayback playback = new FilePlayback(clip, file.toString(), audio, markers, loop, CHUNK_SECONDS);
            if (toDevice) {
                playWithDevice(clip, playback, err);
            } else {
                playback.run(Lsl.localClock(), StopSignal::requested);
            }
            log(err, String.format("played %d frames (%.3f s)", playback.pushed(), playback.pushed() / (double) clip.sampleRate()));
            // give inlets a moment to take the last chunk before the outlets close
            Thread.sleep(500);
        } catch (AudioDeviceException e) {
            throw new CliException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void playWithDevice(AudioClip clip, FilePlayback playback, PrintWriter err) throws InterruptedException {
        AudioBackend b = AudioBackend.parse(backend);
        AudioBackend.Request req = new AudioBackend.Request(device, clip.sampleRate(), buffer, 0, clip.channels(), clientName);
        DeviceOutput output = new DeviceOutput(clip, loop);
        try (AudioServerThread server = AudioServerThread.start(b.open(req, output, line -> log(err, line)),
                "frisson-audio-" + b.id())) {
            var ctx = output.awaitConfiguration(15);
            if (ctx == null) {
                throw notStarted(b, output, server);
            }
            List<String> wired = b.wire(ctx, req);
            output.arm();
            double start = output.awaitStart(15);
            if (Double.isNaN(start)) {
                throw notStarted(b, output, server);
            }
            log(err, "playing to " + b.id() + (wired.isEmpty() ? "" : " (" + String.join(", ", wired) + ")"));
            playback.run(start, () -> StopSignal.requested() || !server.running());
            output.stop();
        }
    }

    private static AudioDeviceException notStarted(AudioBackend b, DeviceOutput output, AudioServerThread server) {
        String why = output.refused() != null ? output.refused()
                : server.failure() != null ? server.failure().toString() : "no callback within 15 s";
        return new AudioDeviceException(b.id() + ": the output device did not start: " + why);
    }

    private static void log(PrintWriter err, String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
