package org.frisson.app.doctor;

import org.frisson.app.audio.AudioBackend;

import java.util.List;

/**
 * The sound cards Java Sound sees ({@code frisson capture --list}). None is a warning: the music may come from
 * another machine as an LSL Audio stream, or from JACK.
 */
public final class AudioCheck {

    static final String NAME = "audio";

    private AudioCheck() {
    }

    public static Check run() {
        List<AudioBackend.DeviceEntry> devices;
        try {
            devices = AudioBackend.JAVASOUND.devices();
        } catch (RuntimeException | LinkageError e) {
            return Check.warn(NAME, "Java Sound cannot list devices (" + e + ")", fix());
        }
        return evaluate(devices);
    }

    static Check evaluate(List<AudioBackend.DeviceEntry> devices) {
        if (devices.isEmpty()) {
            return Check.warn(NAME, "Java Sound sees no audio device on this machine", fix());
        }
        List<String> listed = devices.stream().map(d -> d.name() + " (" + d.inputs() + " in, " + d.outputs() + " out)")
                .toList();
        String msg = "Java Sound: " + String.join(", ", listed);
        if (devices.stream().noneMatch(d -> d.inputs() > 0)) {
            return Check.warn(NAME, msg + ": none can capture", fix());
        }
        return Check.ok(NAME, msg);
    }

    private static String fix() {
        return "capture needs a sound card this JVM may open, or a running JACK server (./frisson capture --backend "
                + "jack); the music can also come as an LSL Audio stream from another machine (./frisson play or "
                + "capture there)";
    }
}
