package org.frisson.test;

import com.fasterxml.jackson.databind.JsonNode;
import org.frisson.app.Frisson;
import org.frisson.lsl.Channel;
import org.frisson.lsl.ChannelFormat;
import org.frisson.test.Interop.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.frisson.test.Interop.PEER_START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code frisson echo}, run in-process against a real pylsl outlet, writing a CSV. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EchoCommandTest {

    private static final int COUNT = 200;

    private final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    static Stream<Shape> shapes() {
        return Stream.of(new Shape(ChannelFormat.FLOAT32, 8, 500, COUNT),
                // markers with commas, quotes, a newline and non-ASCII text exercise the CSV quoting
                new Shape(ChannelFormat.STRING, 2, 0, COUNT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void echoWritesTheStreamToCsvExactly(Shape shape) throws IOException {
        String id = Interop.uniqueId("echo");
        List<Channel> channels = Interop.channels(shape.channels());
        Peer peer = Peer.start("outlet_peer.py", Interop.outletArgs(shape, id, channels));
        open.add(peer);
        peer.awaitReady(PEER_START);
        Path csv = tmp.resolve("echo.csv");

        // --duration only bounds the run should the stream stall; --count ends it.
        int exit = Frisson.run("echo", "source_id='" + id + "'", "--count", Integer.toString(COUNT),
                "--csv", csv.toString(), "-q", "--duration", "60");
        assertEquals(0, exit, "frisson echo exit code");
        JsonNode report = peer.nextJson(Duration.ofSeconds(30));
        double[] pushed = Interop.stamps(report.get("stamps"));

        List<List<String>> rows = parseCsv(Files.readString(csv, StandardCharsets.UTF_8));
        String header = Files.readAllLines(csv, StandardCharsets.UTF_8).get(0);
        assertEquals("timestamp," + String.join(",", Interop.labels(channels)), header);
        assertEquals(COUNT + 1, rows.size(), "header plus one row per sample");

        List<Object> values = new ArrayList<>();
        double[] stamps = new double[COUNT];
        for (int i = 0; i < COUNT; i++) {
            List<String> row = rows.get(i + 1);
            assertEquals(shape.channels() + 1, row.size(), "fields in row " + (i + 1) + ": " + row);
            stamps[i] = Double.parseDouble(row.get(0));
            for (int c = 0; c < shape.channels(); c++) {
                values.add(SampleValues.parse(shape.format(), row.get(c + 1)));
            }
        }
        Interop.assertValuesEqual(SampleValues.expected(shape.format(), COUNT, shape.channels()), values,
                shape.channels(), "CSV values");
        Interop.assertStampsMatch(pushed, stamps, "CSV stamps");
    }

    /** RFC 4180: fields separated by commas, quoted when they hold commas, quotes or line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                if (field.length() > 0) {
                    fail("quote inside an unquoted CSV field at offset " + i);
                }
                quoted = true;
                fieldStarted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                rows.add(row);
                row = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
            } else {
                field.append(ch);
                fieldStarted = true;
            }
        }
        assertTrue(!quoted, "unterminated quoted CSV field");
        if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
