package org.frisson.dashboards;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracks whose rating is asked and not yet answered, oldest first. An answer first {@link #claim claims} its
 * track, so only one of several answers arriving together gets through, then either {@link #answered completes}
 * or {@link #release releases} it. Safe for any thread; each change of the list bumps the version, so pages can
 * be told the new list once.
 */
final class PendingRatings {

    /** The longest track name; a form's answer naming it stays well within the request size limit. */
    static final int MAX_TRACK_CHARS = 500;

    /** The pending tracks as of {@code version}. */
    record Snapshot(long version, List<String> tracks) {
    }

    /** Pending tracks, and whether an answer to each is being recorded. */
    private final Map<String, Boolean> claimed = new LinkedHashMap<>();
    private long version;

    /** Asks for {@code track}'s rating; false when it is already pending. */
    synchronized boolean ask(String track) {
        check(track);
        if (claimed.putIfAbsent(track, false) != null) {
            return false;
        }
        version++;
        return true;
    }

    /** Whether the caller may record an answer for {@code track}: true for one caller while it is pending. */
    synchronized boolean claim(String track) {
        return claimed.replace(track, false, true);
    }

    /** The claimed answer was recorded: {@code track} is no longer pending. */
    synchronized void answered(String track) {
        if (claimed.remove(track, true)) {
            version++;
        }
    }

    /** The claimed answer could not be recorded: {@code track} is pending again. */
    synchronized void release(String track) {
        claimed.replace(track, true, false);
    }

    /** Takes back the question for {@code track}; false when it is not pending or an answer is being recorded. */
    synchronized boolean withdraw(String track) {
        if (!claimed.remove(track, false)) {
            return false;
        }
        version++;
        return true;
    }

    synchronized List<String> list() {
        return List.copyOf(claimed.keySet());
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(version, List.copyOf(claimed.keySet()));
    }

    private static void check(String track) {
        if (track == null || track.isBlank()) {
            throw new IllegalArgumentException("rating: track is empty");
        }
        if (track.length() > MAX_TRACK_CHARS) {
            throw new IllegalArgumentException("rating: track is longer than " + MAX_TRACK_CHARS + " characters: '"
                    + track.substring(0, 40) + "…'");
        }
        if (track.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("rating: track contains a control character (e.g. a line break): '"
                    + track.replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }
}
