package org.frisson.app.audio;

import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.jaudiolibs.jnajack.JackStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JACK side of things AudioServers leaves to its users: is a server running, which audio ports does
 * it have, and wiring Frisson's ports to them. Never starts a server.
 */
public final class JackPatchbay {

    /** Connect to nothing: the user wires the ports. */
    public static final String NONE = "none";

    private JackPatchbay() {
    }

    /** The server JACK clients of this process talk to ({@code JACK_DEFAULT_SERVER}, else "default"). */
    public static String serverName() {
        String s = System.getenv("JACK_DEFAULT_SERVER");
        return s == null || s.isBlank() ? "default" : s;
    }

    /** libjack, loaded; fails with a message saying what to install. */
    public static Jack jack() {
        try {
            return Jack.getInstance();
        } catch (JackException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new AudioDeviceException("JACK: libjack cannot be loaded (" + e.getMessage()
                    + "); install it (Debian: libjack-jackd2-0, with jackd2 for a server)", e);
        }
    }

    /**
     * Opens a short-lived client to look at the server; fails, naming the server, when none runs.
     * The caller closes it.
     */
    public static JackClient probe(String clientName) {
        Jack jack = jack();
        EnumSet<JackStatus> status = EnumSet.noneOf(JackStatus.class);
        try {
            return jack.openClient(clientName, EnumSet.of(JackOptions.JackNoStartServer), status);
        } catch (JackException e) {
            throw new AudioDeviceException("JACK: no server named '" + serverName() + "' is running (status "
                    + status + "); start one, e.g. `jackd -d alsa` or, without a sound card, `jackd -d dummy`", e);
        }
    }

    /** Audio ports by client, in the server's order: outputs (sources for capture) or inputs (sinks for playback). */
    public static Map<String, List<String>> audioPorts(JackClient client, boolean outputs) {
        Map<String, List<String>> byClient = new LinkedHashMap<>();
        for (String port : ports(client, null, outputs, false)) {
            int colon = port.indexOf(':');
            byClient.computeIfAbsent(colon < 0 ? port : port.substring(0, colon), k -> new ArrayList<>()).add(port);
        }
        return byClient;
    }

    /**
     * The ports named by a {@code --device} value: nothing for {@link #NONE}; the physical ports when
     * {@code spec} is null (system capture for sources, system playback for sinks); full port names when it
     * holds a colon (comma-separated); otherwise every audio port of that client, in order.
     *
     * @param outputs true for sources (their output ports feed our inputs), false for sinks
     */
    public static List<String> resolve(JackClient client, String spec, boolean outputs) {
        if (NONE.equalsIgnoreCase(spec)) {
            return List.of();
        }
        if (spec == null) {
            List<String> physical = ports(client, null, outputs, true);
            if (physical.isEmpty()) {
                throw new AudioDeviceException("JACK server '" + serverName() + "' has no physical "
                        + (outputs ? "capture" : "playback") + " ports; name a client with --device, or --device none");
            }
            return physical;
        }
        if (spec.contains(":")) {
            List<String> named = Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            List<String> all = ports(client, null, outputs, false);
            for (String p : named) {
                if (!all.contains(p)) {
                    throw new AudioDeviceException("JACK server '" + serverName() + "' has no audio "
                            + (outputs ? "output" : "input") + " port '" + p + "'; it has " + all);
                }
            }
            return named;
        }
        List<String> ofClient = ports(client, "^" + Pattern.quote(spec) + ":", outputs, false);
        if (ofClient.isEmpty()) {
            throw new AudioDeviceException("JACK server '" + serverName() + "' has no client '" + spec
                    + "' with audio " + (outputs ? "outputs" : "inputs") + "; clients: "
                    + audioPorts(client, outputs).keySet());
        }
        return ofClient;
    }

    /** Connects {@code from[i]} to {@code to[i]} for every i both lists have; returns the pairs made. */
    public static List<String> connect(JackClient client, List<String> from, List<String> to) {
        Jack jack = jack();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < Math.min(from.size(), to.size()); i++) {
            try {
                jack.connect(client, from.get(i), to.get(i));
                made.add(from.get(i) + " -> " + to.get(i));
            } catch (JackException e) {
                throw new AudioDeviceException("JACK: cannot connect " + from.get(i) + " to " + to.get(i) + " ("
                        + e.getMessage() + ")", e);
            }
        }
        return made;
    }

    private static List<String> ports(JackClient client, String regex, boolean outputs, boolean physical) {
        EnumSet<JackPortFlags> flags = EnumSet.of(outputs ? JackPortFlags.JackPortIsOutput : JackPortFlags.JackPortIsInput);
        if (physical) {
            flags.add(JackPortFlags.JackPortIsPhysical);
        }
        try {
            String[] found = jack().getPorts(client, regex, JackPortType.AUDIO, flags);
            return found == null ? List.of() : List.of(found);
        } catch (JackException e) {
            throw new AudioDeviceException("JACK: cannot list the ports of server '" + serverName() + "' ("
                    + e.getMessage() + ")", e);
        }
    }
}
