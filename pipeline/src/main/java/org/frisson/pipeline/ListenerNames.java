package org.frisson.pipeline;

/** How log lines name a listener: its class's simple name, or its full name when it has none. */
final class ListenerNames {

    private ListenerNames() {
    }

    static String of(Object listener) {
        String simple = listener.getClass().getSimpleName();
        return simple.isEmpty() ? listener.getClass().getName() : simple;
    }
}
