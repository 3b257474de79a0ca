package org.frisson.dashboards;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * {@code POST /rating}: a page's answer to a pending rating. The body must be {@code application/json} of at
 * most {@value #MAX_BODY_BYTES} bytes and a valid {@link RatingAnswer}; its track must be pending (409
 * otherwise). The first valid answer for a pending track reaches the sink, once; 204.
 */
final class RatingEndpoint {

    /** The largest body read. */
    static final int MAX_BODY_BYTES = 4096;

    /** What to answer: a status and, unless 204, a message. */
    record Outcome(int status, String message) {
    }

    private static final Outcome RECORDED = new Outcome(204, "");

    private final PendingRatings pending;
    private final RatingSink sink;

    /** {@code sink} null: no rating is ever pending, every answer gets 409. */
    RatingEndpoint(PendingRatings pending, RatingSink sink) {
        this.pending = pending;
        this.sink = sink;
    }

    Outcome post(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            return new Outcome(415, "rating: Content-Type must be application/json, got "
                    + (type == null ? "none" : type));
        }
        if (request.getLength() > MAX_BODY_BYTES) {
            return tooLarge();
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            return new Outcome(400, "rating: the body cannot be read: " + e.getMessage());
        }
        if (body.length > MAX_BODY_BYTES) {
            return tooLarge();
        }
        RatingAnswer answer;
        try {
            answer = RatingAnswer.parse(body);
        } catch (RatingAnswer.Invalid e) {
            return new Outcome(400, e.getMessage());
        }
        return record(answer);
    }

    private Outcome record(RatingAnswer answer) {
        if (sink == null || !pending.claim(answer.track())) {
            return new Outcome(409, "rating: no rating is pending for track " + RatingAnswer.shown(answer.track())
                    + " (already answered, withdrawn or never asked)");
        }
        try {
            sink.rated(answer.track(), answer.valence(), answer.arousal());
        } catch (RuntimeException e) {
            pending.release(answer.track());
            String message = "rating: the rating of track " + RatingAnswer.shown(answer.track()) + " could not be recorded: "
                    + e.toString().replaceAll("\\p{Cntrl}", "?");
            System.err.println("dashboard: " + message);
            return new Outcome(500, message);
        }
        pending.answered(answer.track());
        return RECORDED;
    }

    private static Outcome tooLarge() {
        return new Outcome(413, "rating: the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
}
