package org.frisson.dashboards;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** A random access token and a constant-time check of what a request presents. */
final class AccessToken {

    private final String value;
    private final byte[] bytes;

    private AccessToken(String value) {
        this.value = value;
        this.bytes = value.getBytes(StandardCharsets.US_ASCII);
    }

    /** 256 random bits, URL-safe. */
    static AccessToken random() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return new AccessToken(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
    }

    /**
     * A token given as text (e.g. read from a file): at least 16 characters, letters, digits, '-' and '_'.
     *
     * @throws IllegalArgumentException when it is not
     */
    static AccessToken of(String value) {
        if (value.length() < 16 || !value.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("an access token has at least 16 characters, only letters, digits,"
                    + " '-' and '_'");
        }
        return new AccessToken(value);
    }

    String value() {
        return value;
    }

    /** Whether {@code presented} is the token; the time taken does not depend on where they differ. */
    boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(bytes, presented.getBytes(StandardCharsets.UTF_8));
    }
}
