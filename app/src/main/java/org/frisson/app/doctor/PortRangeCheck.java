package org.frisson.app.doctor;

import org.frisson.pipeline.PipelineConfig;

import java.nio.file.Path;

/**
 * The outlets a session opens on this machine against liblsl's {@code PortRange}. Outlets take ports from
 * {@code BasePort} up; once the range is used up they take random ports (when {@code AllowRandomPorts} is on),
 * which unicast discovery ({@code KnownPeers}) never probes: it asks only the range's ports. With random
 * ports off, outlets beyond the range cannot open at all.
 */
public final class PortRangeCheck {

    static final String NAME = "lsl ports";

    private PortRangeCheck() {
    }

    /**
     * How many outlets are expected and why.
     *
     * @param count  outlets, or -1 when they could not be counted
     * @param source where the number comes from, or why it could not be counted
     */
    public record Outlets(int count, String source) {

        /** A number given on the command line. */
        public static Outlets given(int count) {
            return new Outlets(count, "--outlets");
        }

        /**
         * Counted from a pipeline config as if everything ran on this machine, as with the simulator: its
         * outputs plus its input streams (for a {@code multiple} input, the number it expects).
         */
        public static Outlets fromConfig(Path file) {
            PipelineConfig c;
            try {
                c = PipelineConfig.load(file);
            } catch (RuntimeException e) {
                return new Outlets(-1, e.getMessage() != null ? e.getMessage() : e.toString());
            }
            int inputs = 0;
            for (PipelineConfig.Input in : c.inputs()) {
                inputs += in.multiple() ? Math.max(1, in.expect()) : 1;
            }
            int outputs = c.outputs().size();
            return new Outlets(inputs + outputs, file + ": " + outputs + " outputs + " + inputs
                    + " input streams, all on this machine");
        }
    }

    public static Check evaluate(Outlets outlets, LslApiConfig.Resolution r) {
        LslApiConfig.Settings s = r.settings();
        String ports = "ports " + s.basePort() + "-" + (s.basePort() + s.portRange() - 1);
        if (outlets.count() < 0) {
            return Check.warn(NAME, "PortRange " + s.portRange() + " (" + ports + "); cannot count the outlets: "
                    + outlets.source(), "give the number of outlets this machine will publish: --outlets N");
        }
        String fix = r.inUse() != null
                ? "raise PortRange in " + r.inUse().file() + ": [ports] PortRange = " + outlets.count() + " or more, the same on "
                + "every machine of the session"
                : "create ~/lsl_api/lsl_api.cfg (or a file named by LSLAPICFG) on every machine of the session with "
                + "[ports] PortRange = " + outlets.count() + " or more";
        if (s.basePort() + s.portRange() - 1 > 65535) {
            return Check.warn(NAME, "BasePort " + s.basePort() + " + PortRange " + s.portRange()
                    + " runs past port 65535", "lower [ports] BasePort or PortRange in "
                    + (r.inUse() != null ? r.inUse().file() : "lsl_api.cfg"));
        }
        String expected = outlets.count() + " outlets expected (" + outlets.source() + ")";
        if (outlets.count() <= s.portRange()) {
            return Check.ok(NAME, expected + " fit PortRange " + s.portRange() + " (" + ports + ")");
        }
        if (!s.allowRandomPorts()) {
            return Check.fail(NAME, expected + " exceed PortRange " + s.portRange() + " (" + ports
                    + ") and AllowRandomPorts is off: outlets beyond the range cannot open", fix);
        }
        return Check.warn(NAME, expected + " exceed PortRange " + s.portRange() + " (" + ports + "): outlets "
                + "beyond it take random ports, which unicast discovery (KnownPeers) never probes", fix);
    }
}
