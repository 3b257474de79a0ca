package org.frisson.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes what a session planted, on its stamps' clock, as JSON: the sections of every pass of the piece and
 * the transitions between them, and per listener the heartbeats so far, the skin conductance response onsets
 * and the chills with their button presses. A calibration session adds its tracks (title, start, end,
 * valence, arousal and the rating given) and how strongly the listener's EEG carries them. The file is
 * replaced whole, so a reader never sees half of it.
 */
public final class SessionTruth {

    private SessionTruth() {
    }

    /** Writes the truth through pass {@code passes} of the piece to {@code file}. */
    public static void write(Path file, SessionSource source, int passes) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".part");
            ObjectMapper m = new ObjectMapper();
            Files.writeString(tmp, m.writerWithDefaultPrettyPrinter().writeValueAsString(json(m, source, passes)));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("writing ground truth " + file, e);
        }
    }

    static ObjectNode json(ObjectMapper m, SessionSource source, int passes) {
        MusicScore score = source.score();
        double t0 = source.start();
        ObjectNode root = m.createObjectNode();
        root.put("profile", source.options().profile());
        root.put("seed", source.options().seed());
        root.put("start", t0);
        if (Double.isFinite(source.duration())) {
            root.put("duration", source.duration());
        }
        root.put("piece", score.title());
        root.put("piece_seconds", score.length());
        root.put("passes", passes);
        ArrayNode sections = root.putArray("sections");
        ArrayNode transitions = root.putArray("transitions");
        for (int pass = 0; pass < passes; pass++) {
            double base = t0 + pass * score.length();
            for (Section s : score.sections()) {
                ObjectNode o = sections.addObject();
                o.put("label", s.label());
                o.put("start", base + s.start());
                o.put("end", base + s.end());
                o.put("arousal", s.arousal());
                o.put("valence", s.valence());
                if (s.silent()) {
                    o.put("silent", true);
                }
                if (pass > 0 || s.start() > 0) {
                    transitions.add(base + s.start());
                }
            }
        }
        if (source.options().calibration()) {
            ArrayNode tracks = root.putArray("tracks");
            for (SelfAssessment.GivenRating g : source.listeners().get(0).ratings()) {
                ObjectNode o = tracks.addObject();
                o.put("title", g.track().label());
                o.put("start", t0 + g.track().start());
                o.put("end", t0 + g.track().end());
                o.put("valence", g.track().valence());
                o.put("arousal", g.track().arousal());
                ObjectNode r = o.putObject("rating");
                r.put("at", t0 + g.at());
                r.put("valence", g.rating().valence());
                r.put("arousal", g.rating().arousal());
                r.put("marker", g.rating().format());
            }
        }
        ArrayNode listeners = root.putArray("listeners");
        for (SimulatedListener l : source.listeners()) {
            listener(listeners.addObject(), l, source, passes);
        }
        return root;
    }

    private static void listener(ObjectNode o, SimulatedListener l, SessionSource source, int passes) {
        double t0 = source.start();
        double length = source.score().length();
        o.put("id", l.id());
        o.put("resting_heart_rate", l.plan().baseHeartRate());
        if (!source.options().profile().equals("concert")) {
            o.put("eeg_arousal_gain", l.eeg().arousalGain());
            o.put("eeg_valence_asymmetry", l.eeg().valenceAsymmetry());
        }
        ArrayNode beats = o.putArray("heartbeats");
        for (double b : l.pulse().beats()) {
            beats.add(t0 + b);
        }
        ArrayNode scr = o.putArray("scr_onsets");
        ArrayNode chills = o.putArray("chills");
        for (int pass = 0; pass < passes; pass++) {
            double base = t0 + pass * length;
            for (ListenerPlan.Response r : l.plan().responses()) {
                ObjectNode ro = scr.addObject();
                ro.put("onset", base + r.onset());
                ro.put("amplitude", r.amplitude());
                ro.put("cause", r.cause());
            }
            for (ListenerPlan.Chill c : l.plan().chills()) {
                ObjectNode co = chills.addObject();
                co.put("start", base + c.start());
                co.put("end", base + c.end());
                co.put("button_on", base + c.pressed());
                co.put("button_off", base + c.released());
            }
        }
    }
}
