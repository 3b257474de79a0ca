package org.frisson.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one simulated listener's body will do during a piece, decided up front so it can be scored:
 * skin conductance responses 1-3 s after section transitions (seed 002: skin conductance rises after
 * latent transitions), and chills in the intense sections, each with a button press and its own
 * stronger response. Times are seconds from the start of the piece.
 */
public record ListenerPlan(List<Response> responses, List<Chill> chills, double baseHeartRate, double scrGain) {

    /** A skin conductance response: onset time and amplitude in microsiemens. */
    public record Response(double onset, double amplitude, String cause) {
    }

    /** A chill: when it starts and ends, and when the listener presses and releases the button. */
    public record Chill(double start, double end, double pressed, double released) {
    }

    /** Seconds after a transition before the skin conductance response starts (seed 002 figure: 1-3 s). */
    static final double SCR_DELAY_MIN = 1.0;
    static final double SCR_DELAY_MAX = 3.0;

    public static ListenerPlan plan(MusicScore score, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double gain = 0.7 + 0.6 * r.nextDouble();          // individual responsiveness
        double hr = 62 + 10 * r.nextDouble();                // resting heart rate, bpm
        List<Response> responses = new ArrayList<>();
        List<Chill> chills = new ArrayList<>();
        List<Section> sections = score.sections();
        for (int i = 1; i < sections.size(); i++) {
            Section before = sections.get(i - 1);
            Section after = sections.get(i);
            double change = Math.abs(after.arousal() - before.arousal());
            double onset = after.start() + SCR_DELAY_MIN + (SCR_DELAY_MAX - SCR_DELAY_MIN) * r.nextDouble();
            responses.add(new Response(onset, gain * (0.25 + 0.8 * change), "transition at " + after.start() + " s"));
        }
        for (Section s : sections) {
            if (s.arousal() < 0.85) {
                continue;
            }
            double start = s.start() + 3 + 5 * r.nextDouble();
            double end = Math.min(s.end() - 0.5, start + 3 + 4 * r.nextDouble());
            chills.add(new Chill(start, end, start + 0.3 + 0.5 * r.nextDouble(), end + 0.2 + 0.4 * r.nextDouble()));
            responses.add(new Response(start + 0.5 + r.nextDouble(), gain * 1.2, "chill at " + Math.round(start * 10) / 10.0 + " s"));
        }
        // spontaneous responses, about two a minute
        for (double t = 5 + 30 * r.nextDouble(); t < score.length(); t += 20 + 30 * r.nextDouble()) {
            responses.add(new Response(t, gain * (0.1 + 0.15 * r.nextDouble()), "spontaneous"));
        }
        responses.sort(java.util.Comparator.comparingDouble(Response::onset));
        return new ListenerPlan(List.copyOf(responses), List.copyOf(chills), hr, gain);
    }

    /** Whether the listener is in a chill at {@code t}. */
    public boolean chilling(double t) {
        for (Chill c : chills) {
            if (t >= c.start() && t < c.end()) {
                return true;
            }
        }
        return false;
    }
}
