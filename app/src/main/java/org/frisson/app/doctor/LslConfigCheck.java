package org.frisson.app.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which {@code lsl_api.cfg} liblsl reads and what it sets (session id, resolve scope, known peers, ports).
 * A file that cannot be read is a FAIL (the lab's settings are not in use); lines liblsl cannot parse or
 * ignores are warnings naming the file and the line.
 */
public final class LslConfigCheck {

    static final String NAME = "lsl config";

    private LslConfigCheck() {
    }

    public static Check evaluate(LslApiConfig.Resolution r) {
        StringBuilder msg = new StringBuilder();
        if (r.inUse() == null) {
            msg.append("no lsl_api.cfg in use (looked for ")
                    .append(r.searched().stream().map(c -> c.file().toString()).collect(Collectors.joining(", ")))
                    .append("): liblsl's defaults: ");
        } else {
            msg.append("liblsl reads ").append(r.source()).append(": ");
        }
        msg.append(r.settings().describe());

        Check.Status status = Check.Status.OK;
        List<String> notes = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (String u : r.unreadable()) {
            notes.add(u + ", liblsl skips it");
            status = Check.Status.FAIL;
        }
        if (!r.unreadable().isEmpty()) {
            fixes.add("make the file readable, or point LSLAPICFG at a readable lsl_api.cfg (or unset it)");
        }
        for (LslApiConfig.Parsed p : r.rejected()) {
            notes.addAll(p.describeProblems());
            notes.add("liblsl skips " + p.file() + " whole because of " + lines(p, true));
            status = status.worst(Check.Status.WARN);
            fixes.add("correct " + p.file() + " at " + lines(p, false) + " (';' starts a comment, [name] a section, "
                    + "every other line is Key = value)");
        }
        if (r.inUse() != null && !r.inUse().problems().isEmpty()) {
            notes.addAll(r.inUse().describeProblems());
            status = status.worst(Check.Status.WARN);
            fixes.add("correct " + r.inUse().file() + " at " + lines(r.inUse(), false));
        }
        if (!notes.isEmpty()) {
            msg.append("; ").append(String.join("; ", notes));
        }
        return new Check(NAME, status, msg.toString(), fixes.isEmpty() ? null : String.join("; ", fixes));
    }

    private static String lines(LslApiConfig.Parsed p, boolean onlyRejecting) {
        List<Integer> n = p.problems().stream().filter(q -> !onlyRejecting || q.rejectsFile())
                .map(LslApiConfig.Problem::line).distinct().toList();
        return (n.size() == 1 ? "line " : "lines ") + n.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
