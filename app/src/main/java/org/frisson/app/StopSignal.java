package org.frisson.app;

import sun.misc.Signal;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a stop request that long-running commands poll, so they can
 * drain, flush, close and exit 0 on their own. A second signal while stopping exits at once (130).
 */
public final class StopSignal {

    private static volatile boolean requested;
    private static volatile Runnable onStop = () -> { };
    private static boolean installed;

    private StopSignal() {
    }

    /** Installs the handlers (once per process) and clears any earlier request. */
    public static synchronized void install() {
        requested = false;
        onStop = () -> { };
        if (installed) {
            return;
        }
        installed = true;
        for (String name : new String[]{"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    if (requested) {
                        Runtime.getRuntime().halt(128 + sig.getNumber());
                    }
                    requested = true;
                    onStop.run();
                });
            } catch (IllegalArgumentException unavailable) {
                // the platform does not deliver this signal; the JVM's default handling stays
            }
        }
    }

    /** Also runs {@code action} (on the signal thread) when a stop is requested. */
    public static void whenRequested(Runnable action) {
        onStop = action;
    }

    /** Whether a stop was requested. */
    public static boolean requested() {
        return requested;
    }
}
