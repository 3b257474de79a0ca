package org.frisson.stages;

import org.frisson.stage.Frame;
import org.frisson.stage.InputRef;
import org.frisson.stage.StageConfigException;
import org.frisson.stage.StageContext;

import java.util.List;

/**
 * Inputs of a stage that feeds streaming processors from {@link Frame#newSamples}: the window each asks for
 * (the samples since the previous frame, with slack for a late stream) and the size of the buffer the new
 * samples are copied into.
 */
final class StreamingInputs {

    /**
     * Seconds of slack for a stream that came late: frames go out without it once it is its {@code timeout}
     * late (1 s in the shipped configs), and when its samples come (a first chunk with the backlog since the
     * inlet subscribed, or after a stall on a loaded machine) every one of them must still be in the window,
     * or {@link Frame#newSamples} would never offer them to the streaming processor and live results would part
     * from offline ones.
     */
    static final double LATE_SLACK_SECONDS = 4.0;

    private StreamingInputs() {
    }

    /** History a streaming stage asks for: the samples since the previous frame, with slack for late streams. */
    static double history(StageContext context) {
        return Math.max(2 * context.hopSeconds(), 1.0) + LATE_SLACK_SECONDS;
    }

    /**
     * Samples that history holds at {@code rate}, with margin: the size of the buffer new samples are copied
     * into. More can come at once (a stream faster than its nominal rate): stages then take them in pieces.
     */
    static int maxSamples(StageContext context, double rate) {
        return (int) Math.ceil(history(context) * rate) + 8;
    }

    /**
     * The streams bound to {@code role}, with {@link #history} as their window, checked to be regular numeric
     * streams ({@code channels} of them, or any number when negative); {@code what} names the signal in the error.
     */
    static List<InputRef> regularInputs(StageContext context, String role, int channels, String what) {
        List<InputRef> refs = context.inputs(role, history(context));
        for (InputRef in : refs) {
            if (in.text() || in.rate() <= 0 || (channels >= 0 && in.channels() != channels)) {
                throw new StageConfigException(context.params().where() + ": input '" + role + "' (" + in.name()
                        + ", " + in.channels() + " channels at " + in.rate() + " Hz) must be a regular "
                        + (channels >= 0 ? channels + "-channel " : "") + what + " stream");
            }
        }
        return refs;
    }
}
