package org.frisson.app.audio;

import org.jaudiolibs.audioservers.AudioServer;

/** Runs an AudioServer (whose {@code run()} blocks while audio flows) on a thread of its own. */
public final class AudioServerThread implements AutoCloseable {

    private final AudioServer server;
    private final Thread thread;
    private volatile Throwable failure;

    private AudioServerThread(AudioServer server, String name) {
        this.server = server;
        this.thread = new Thread(this::serve, name);
        thread.setDaemon(true);
    }

    /** Starts {@code server} on a thread named {@code name}. */
    public static AudioServerThread start(AudioServer server, String name) {
        AudioServerThread t = new AudioServerThread(server, name);
        t.thread.start();
        return t;
    }

    private void serve() {
        try {
            server.run();
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** Whether the server still runs. */
    public boolean running() {
        return thread.isAlive();
    }

    /** Why the server ended, or null. */
    public Throwable failure() {
        return failure;
    }

    /** Stops the server and waits (up to 5 s) for its thread. */
    @Override
    public void close() {
        server.shutdown();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
