package org.frisson.dashboards;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * A rating as a page posts it, {@code {"track": "...", "valence": n, "arousal": n}}, read strictly: one JSON
 * object, these three fields and no other, each once, the track a string, valence and arousal numbers within
 * {@value #MIN}-{@value #MAX}.
 */
record RatingAnswer(String track, double valence, double arousal) {

    /** The self-assessment scales' ends. */
    static final double MIN = 1;
    static final double MAX = 9;

    private static final Set<String> FIELDS = Set.of("track", "valence", "arousal");
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** Thrown for a body that is not a valid rating; the message names what is wrong. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** Reads a posted body. */
    static RatingAnswer parse(byte[] body) throws Invalid {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String at = failingField(body);
            String why = String.valueOf(e.getOriginalMessage()).strip().split("\\R", 2)[0];
            throw new Invalid("rating: the body is not valid JSON" + (at != null ? " at field " + shown(at) : "") + ": "
                    + (why.length() > 200 ? shown(why) : why.replaceAll("\\p{Cntrl}", "?")));
        } catch (IOException e) {
            throw new Invalid("rating: the body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("rating: the body must be a JSON object "
                    + "{\"track\": ..., \"valence\": ..., \"arousal\": ...}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new Invalid("rating: unknown field " + shown(name) + " (expected track, valence, arousal)");
            }
        }
        JsonNode track = field(root, "track");
        if (!track.isTextual()) {
            throw new Invalid("rating: track must be a string, got " + kind(track));
        }
        return new RatingAnswer(track.textValue(), scale(root, "valence"), scale(root, "arousal"));
    }

    private static JsonNode field(JsonNode root, String name) throws Invalid {
        JsonNode node = root.get(name);
        if (node == null) {
            throw new Invalid("rating: " + name + " is missing");
        }
        return node;
    }

    private static double scale(JsonNode root, String name) throws Invalid {
        JsonNode node = field(root, name);
        if (!node.isNumber()) {
            throw new Invalid("rating: " + name + " must be a number, got " + kind(node));
        }
        double v = node.doubleValue();
        if (!(v >= MIN && v <= MAX)) {
            String got = node.asText();
            throw new Invalid("rating: " + name + " must be within " + (int) MIN + "-" + (int) MAX + ", got "
                    + (got.length() > 24 ? got.substring(0, 24) + "…" : got));
        }
        return v;
    }

    /** The field in which reading {@code body} fails (as far as it got), or null outside any field. */
    private static String failingField(byte[] body) {
        com.fasterxml.jackson.core.JsonParser p = null;
        try {
            p = JSON.getFactory().createParser(body);
            while (p.nextToken() != null) {
                continue; // to the token that fails
            }
        } catch (IOException | RuntimeException e) {
            // where it stopped is what is asked
        }
        if (p == null) {
            return null;
        }
        String name = p.getParsingContext().getCurrentName();
        try {
            p.close();
        } catch (IOException e) {
            // nothing held
        }
        return name;
    }

    /** Text from the body as a message quotes it: control characters (line breaks) as '?', cut at 80 characters. */
    static String shown(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return "'" + (p.length() > 80 ? p.substring(0, 80) + "… (" + p.length() + " characters)" : p) + "'";
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
