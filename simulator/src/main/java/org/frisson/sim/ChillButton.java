package org.frisson.sim;

import java.util.List;

/** A listener's chill button: {@code chill_on} when they press it, {@code chill_off} when they let go, every pass of the piece. */
public record ChillButton(ListenerPlan plan, double pieceLength) implements MarkerSchedule {

    @Override
    public double time(int k) {
        List<ListenerPlan.Chill> chills = plan.chills();
        if (chills.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        int pass = k / (2 * chills.size());
        ListenerPlan.Chill c = chills.get((k / 2) % chills.size());
        return pass * pieceLength + (k % 2 == 0 ? c.pressed() : c.released());
    }

    @Override
    public String text(int k) {
        return k % 2 == 0 ? "chill_on" : "chill_off";
    }
}
