package org.frisson.app.doctor;

/** The Java runtime Frisson runs on. */
public final class JavaCheck {

    static final String NAME = "java";

    /** The release the project is built for. */
    static final int REQUIRED = 17;

    private JavaCheck() {
    }

    public static Check run() {
        String msg = System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ") from " + System.getProperty("java.home") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, heap up to "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB";
        int feature = Runtime.version().feature();
        if (feature < REQUIRED) {
            return Check.fail(NAME, msg, "install a JDK " + REQUIRED + " or later");
        }
        return Check.ok(NAME, msg);
    }
}
