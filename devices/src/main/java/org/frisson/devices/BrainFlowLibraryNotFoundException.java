package org.frisson.devices;

import java.util.List;

/** BrainFlow's board controller could not be found or loaded; the message lists where it looked and the fix. */
public final class BrainFlowLibraryNotFoundException extends BoardException {

    BrainFlowLibraryNotFoundException(List<String> attempts) {
        super(message(attempts));
    }

    private static String message(List<String> attempts) {
        StringBuilder sb = new StringBuilder("BrainFlow's board controller could not be loaded. Tried, in order:\n");
        for (String a : attempts) {
            sb.append("  - ").append(a).append('\n');
        }
        sb.append("Fix: run scripts/setup (it unpacks BrainFlow's native libraries from the brainflow wheel into ")
          .append(".frisson/lib/brainflow/), or set ").append(BrainFlowLibrary.ENV_VARIABLE)
          .append("=/path/to/").append(System.mapLibraryName(BrainFlowLibrary.NAME)).append('.');
        return sb.toString();
    }
}
