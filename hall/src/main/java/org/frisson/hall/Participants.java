package org.frisson.hall;

import org.frisson.lsl.StreamInfo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whose stream a stream is. */
public final class Participants {

    private static final Pattern TOKEN = Pattern.compile("(?<![A-Za-z0-9])[Pp](\\d+)(?![A-Za-z0-9])");

    private Participants() {
    }

    /** {@code <desc><participant>}, else the {@code P\d+} token of the name or source_id (upper case), else the stream key. */
    public static String of(StreamInfo info) {
        return of(info.desc("participant"), info.name(), info.sourceId(), streamKey(info));
    }

    static String of(String declared, String name, String sourceId, String fallback) {
        if (!declared.isBlank()) {
            return declared.strip();
        }
        for (String s : new String[]{name, sourceId}) {
            Matcher m = TOKEN.matcher(s);
            if (m.find()) {
                return "P" + m.group(1);
            }
        }
        return fallback;
    }

    /** The stream's source_id, or for a stream without one its name on its host. */
    public static String streamKey(StreamInfo info) {
        return info.sourceId().isEmpty() ? info.name() + "@" + info.hostname() : info.sourceId();
    }
}
