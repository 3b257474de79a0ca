package org.frisson.lsl;

import java.util.List;

/** liblsl could not be found or loaded; the message lists every place that was tried and how to fix it. */
public final class LslLibraryNotFoundException extends LslException {

    private final List<String> attempts;

    LslLibraryNotFoundException(List<String> attempts) {
        super(message(attempts));
        this.attempts = List.copyOf(attempts);
    }

    /** What was tried, in order, with the reason each failed. */
    public List<String> attempts() {
        return attempts;
    }

    private static String message(List<String> attempts) {
        StringBuilder sb = new StringBuilder("liblsl could not be loaded. Tried, in order:\n");
        for (String a : attempts) {
            sb.append("  - ").append(a).append('\n');
        }
        sb.append("Fix: run ./frisson once from the repository (its set-up installs liblsl into .frisson/lib/), ")
          .append("or install liblsl system-wide, or set ")
          .append(LslLibrary.ENV_VARIABLE).append("=/path/to/").append(System.mapLibraryName("lsl")).append('.');
        return sb.toString();
    }
}
