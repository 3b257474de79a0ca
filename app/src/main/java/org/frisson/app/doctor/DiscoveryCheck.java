package org.frisson.app.doctor;

import org.frisson.lsl.ChannelFormat;
import org.frisson.lsl.LslException;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.Resolver;
import org.frisson.lsl.StreamInfo;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Stream discovery reaches this machine's own outlets: a short-lived outlet with a unique source id, resolved
 * by that id through liblsl as any inlet of a session would resolve its streams.
 */
public final class DiscoveryCheck {

    static final String NAME = "discovery";

    /** How long to wait for the outlet to answer, seconds. */
    static final double TIMEOUT_SECONDS = 3.0;

    private DiscoveryCheck() {
    }

    public static Check run(boolean liblslUsable, LslApiConfig.Settings settings) {
        if (!liblslUsable) {
            return Check.fail(NAME, "not tried: liblsl did not load", "see the liblsl line");
        }
        String id = "frisson-doctor-" + UUID.randomUUID();
        try (StreamInfo info = StreamInfo.builder("frisson.doctor", "Doctor").channelCount(1)
                .rate(StreamInfo.IRREGULAR_RATE).format(ChannelFormat.FLOAT32).sourceId(id).build();
             Outlet outlet = Outlet.open(info)) {
            long start = System.nanoTime();
            List<StreamInfo> found = Resolver.byProperty("source_id", outlet.info().sourceId(), 1, TIMEOUT_SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            found.forEach(StreamInfo::close);
            if (!found.isEmpty()) {
                return Check.ok(NAME, String.format(Locale.ROOT, "found its own outlet in %.0f ms (ResolveScope %s)",
                        seconds * 1000, settings.resolveScope()));
            }
            return Check.fail(NAME, String.format(Locale.ROOT, "did not find its own outlet within %.0f s "
                            + "(ResolveScope %s, KnownPeers {%s}): multicast discovery is blocked on this machine",
                    TIMEOUT_SECONDS, settings.resolveScope(), String.join(", ", settings.knownPeers())),
                    "allow UDP multicast (port " + settings.multicastPort() + ") and the PortRange ports "
                            + "through the firewall, or in lsl_api.cfg set [lab] KnownPeers = {127.0.0.1, "
                            + "<the session's other hosts>} (unicast discovery), or [multicast] ResolveScope = "
                            + "machine when every stream runs on this machine");
        } catch (LslException e) {
            return Check.fail(NAME, "could not open a test outlet: " + e.getMessage(),
                    "free ports in BasePort..BasePort+PortRange (close other outlets) or turn on "
                            + "[ports] AllowRandomPorts = 1 in lsl_api.cfg");
        }
    }
}
