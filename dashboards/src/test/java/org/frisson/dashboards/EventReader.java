package org.frisson.dashboards;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A page's event stream read on its own thread, keeping each event's JSON. */
final class EventReader implements AutoCloseable {

    final List<String> events = new CopyOnWriteArrayList<>();
    private final Socket socket;
    private final Thread thread;

    EventReader(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.getOutputStream().write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        thread = new Thread(() -> {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("data: ")) {
                        events.add(line.substring(6));
                    }
                }
            } catch (IOException closed) {
                // the test closed the socket
            }
        }, "event-reader");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws Exception {
        socket.close();
        thread.join(5000);
    }
}
