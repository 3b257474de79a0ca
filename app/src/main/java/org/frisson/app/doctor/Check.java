package org.frisson.app.doctor;

/**
 * The outcome of one check: its status, what was found and, when not ok, what to do about it.
 *
 * @param name    short name of what was checked (e.g. {@code liblsl})
 * @param status  ok, warn or FAIL
 * @param message what was found
 * @param fix     what to do, null when the status is ok
 */
public record Check(String name, Status status, String message, String fix) {

    /** How a check came out; a FAIL blocks a session, a warning does not. */
    public enum Status {
        OK("ok"), WARN("warn"), FAIL("FAIL");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** As printed: {@code ok}, {@code warn}, {@code FAIL}. */
        public String label() {
            return label;
        }

        /** The worse of the two. */
        public Status worst(Status other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    public Check {
        if (status != Status.OK && (fix == null || fix.isBlank())) {
            throw new IllegalArgumentException(name + ": a " + status.label() + " needs a fix");
        }
        if (status == Status.OK) {
            fix = null;
        }
    }

    public static Check ok(String name, String message) {
        return new Check(name, Status.OK, message, null);
    }

    public static Check warn(String name, String message, String fix) {
        return new Check(name, Status.WARN, message, fix);
    }

    public static Check fail(String name, String message, String fix) {
        return new Check(name, Status.FAIL, message, fix);
    }
}
