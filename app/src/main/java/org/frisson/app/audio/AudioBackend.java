package org.frisson.app.audio;

import org.jaudiolibs.audioservers.AudioClient;
import org.jaudiolibs.audioservers.AudioConfiguration;
import org.jaudiolibs.audioservers.AudioServer;
import org.jaudiolibs.audioservers.ext.ClientID;
import org.jaudiolibs.audioservers.ext.Connections;
import org.jaudiolibs.audioservers.ext.Device;
import org.jaudiolibs.audioservers.jack.JackAudioServerProvider;
import org.jaudiolibs.audioservers.javasound.JSAudioServerProvider;
import org.jaudiolibs.audioservers.javasound.JSTimingMode;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The two JAudioLibs AudioServers back-ends Frisson drives: Java Sound (the JDK's own, any sound card the
 * JVM sees) and JACK (through JNAJack; a running JACK server). Lists devices, builds the server for a
 * request, and wires JACK ports once the server runs.
 */
public enum AudioBackend {
    JAVASOUND("javasound"),
    JACK("jack");

    /** What a command asks of a device. */
    public record Request(String device, float rate, int buffer, int inputs, int outputs, String clientName) {
    }

    /** One device (Java Sound mixer) or JACK client with its audio channels. */
    public record DeviceEntry(String name, int inputs, int outputs, String detail) {
    }

    private final String id;

    AudioBackend(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static AudioBackend parse(String s) {
        for (AudioBackend b : values()) {
            if (b.id.equalsIgnoreCase(s)) {
                return b;
            }
        }
        throw new IllegalArgumentException("--backend must be javasound or jack, got '" + s + "'");
    }

    /**
     * The devices this back-end sees. Java Sound: mixers with their most input (capture) and output
     * channels. JACK: clients with audio output ports (what capture can connect from) and input ports.
     */
    public List<DeviceEntry> devices() {
        List<DeviceEntry> out = new ArrayList<>();
        if (this == JAVASOUND) {
            for (Device d : new JSAudioServerProvider().findAll(Device.class)) {
                out.add(new DeviceEntry(d.getName(), d.getMaxInputChannels(), d.getMaxOutputChannels(), ""));
            }
            return out;
        }
        JackClient probe = JackPatchbay.probe("frisson-list");
        try {
            Map<String, List<String>> sources = JackPatchbay.audioPorts(probe, true);
            Map<String, List<String>> sinks = JackPatchbay.audioPorts(probe, false);
            List<String> clients = new ArrayList<>(sources.keySet());
            sinks.keySet().stream().filter(c -> !clients.contains(c)).forEach(clients::add);
            for (String c : clients) {
                List<String> ins = sources.getOrDefault(c, List.of());
                List<String> outs = sinks.getOrDefault(c, List.of());
                List<String> all = new ArrayList<>(ins);
                all.addAll(outs);
                out.add(new DeviceEntry(c, ins.size(), outs.size(), String.join(" ", all)));
            }
            return out;
        } finally {
            probe.close();
        }
    }

    /**
     * Builds a server for {@code request} around {@code client}. JACK decides rate and buffer itself: a
     * different {@code --rate} is refused, a different {@code --buffer} is reported through {@code log}.
     */
    public AudioServer open(Request request, AudioClient client, Consumer<String> log) {
        try {
            return this == JAVASOUND ? openJavaSound(request, client) : openJack(request, client, log);
        } catch (AudioDeviceException e) {
            throw e;
        } catch (Exception e) {
            throw new AudioDeviceException(id + ": cannot open " + describe(request) + " (" + e + ")", e);
        }
    }

    private AudioServer openJavaSound(Request r, AudioClient client) throws Exception {
        JSAudioServerProvider provider = new JSAudioServerProvider();
        List<Device> devices = new ArrayList<>();
        provider.findAll(Device.class).forEach(devices::add);
        if (devices.isEmpty()) {
            throw new AudioDeviceException(noJavaSoundDevice());
        }
        List<Object> exts = new ArrayList<>();
        boolean capture = r.inputs() > 0;
        Device chosen = null;
        for (Device d : devices) {
            boolean fits = capture ? d.getMaxInputChannels() > 0 : d.getMaxOutputChannels() > 0;
            boolean named = r.device() == null || d.getName().toLowerCase(Locale.ROOT).contains(r.device().toLowerCase(Locale.ROOT));
            if (fits && named) {
                chosen = d;
                break;
            }
        }
        if (chosen == null) {
            throw new AudioDeviceException("javasound: no " + (capture ? "capture" : "playback") + " device"
                    + (r.device() == null ? "" : " named like '" + r.device() + "'") + "; devices: "
                    + devices.stream().map(d -> d.getName() + " (" + d.getMaxInputChannels() + " in, "
                    + d.getMaxOutputChannels() + " out)").toList());
        }
        exts.add(chosen);
        // the Java Sound server is paced by writing to an output line (silence when capturing)
        exts.add(JSTimingMode.Blocking);
        AudioConfiguration config = new AudioConfiguration(r.rate(), r.inputs(), Math.max(1, r.outputs()), r.buffer(),
                exts.toArray());
        return provider.createServer(config, client);
    }

    private AudioServer openJack(Request r, AudioClient client, Consumer<String> log) throws Exception {
        JackClient probe = JackPatchbay.probe("frisson-probe");
        int serverRate;
        int serverBuffer;
        try {
            serverRate = probe.getSampleRate();
            serverBuffer = probe.getBufferSize();
        } catch (JackException e) {
            throw new AudioDeviceException("JACK server '" + JackPatchbay.serverName() + "': cannot read its rate ("
                    + e.getMessage() + ")", e);
        } finally {
            probe.close();
        }
        if (r.rate() > 0 && r.rate() != serverRate) {
            throw new AudioDeviceException("JACK server '" + JackPatchbay.serverName() + "' runs at " + serverRate
                    + " Hz, --rate asked for " + fmt(r.rate()) + " Hz: restart the server at that rate or drop --rate");
        }
        if (r.buffer() > 0 && r.buffer() != serverBuffer) {
            log.accept("JACK server '" + JackPatchbay.serverName() + "' runs with " + serverBuffer
                    + "-frame periods; --buffer " + r.buffer() + " does not apply (jack_bufsize changes it)");
        }
        AudioConfiguration config = new AudioConfiguration(serverRate, r.inputs(), r.outputs(), serverBuffer,
                new ClientID(r.clientName()), Connections.NONE);
        return new JackAudioServerProvider().createServer(config, client);
    }

    /**
     * After the server called configure: connects our JACK ports to {@code request.device()} (see
     * {@link JackPatchbay#resolve}); returns the connections made. Java Sound has nothing to wire.
     */
    public List<String> wire(AudioConfiguration context, Request request) {
        if (this != JACK) {
            return List.of();
        }
        JackClient jc = context.find(JackClient.class);
        ClientID id = context.find(ClientID.class);
        if (jc == null || id == null) {
            throw new AudioDeviceException("JACK: the server did not say which client it opened");
        }
        boolean capture = request.inputs() > 0;
        int n = capture ? request.inputs() : request.outputs();
        List<String> ours = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ours.add(id.getIdentifier() + ":" + (capture ? "Input_" : "Output_") + i);
        }
        List<String> theirs = JackPatchbay.resolve(jc, request.device(), capture);
        if (theirs.isEmpty()) {
            return List.of();
        }
        return capture ? JackPatchbay.connect(jc, theirs, ours) : JackPatchbay.connect(jc, ours, theirs);
    }

    /** The message for a machine where Java Sound sees no device at all. */
    public static String noJavaSoundDevice() {
        return "javasound: Java Sound lists no audio device on this machine (no sound card, or none this JVM may "
                + "open); use --backend jack with a running JACK server";
    }

    private String describe(Request r) {
        return (r.device() == null ? "the default device" : "device '" + r.device() + "'") + " at "
                + (r.rate() > 0 ? fmt(r.rate()) + " Hz" : "the device's rate") + ", " + r.buffer() + "-frame buffer";
    }

    private static String fmt(float rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Float.toString(rate);
    }
}
