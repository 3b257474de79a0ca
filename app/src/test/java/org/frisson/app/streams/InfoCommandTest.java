package org.frisson.app.streams;

import org.frisson.app.Frisson;
import org.frisson.xdf.XdfRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code frisson info} on intact, damaged and hostile files: a table and the damage listed, or one line; never a stack trace. */
class InfoCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run info(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Frisson.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("info", file.toString());
        return new Run(code, out.toString(), err.toString());
    }

    /** A recording of two streams; the EEG header's channel count written with leading zeros, so it can be patched in place. */
    private Path record(String name) throws Exception {
        Path file = dir.resolve(name);
        try (XdfRecorder rec = XdfRecorder.create(file)) {
            int eeg = rec.addStream("<?xml version=\"1.0\"?><info><name>EEG</name><type>EEG</type>"
                    + "<channel_count>0000000002</channel_count><nominal_srate>100</nominal_srate>"
                    + "<channel_format>float32</channel_format><source_id>e</source_id><desc/></info>");
            int mk = rec.addStream("<?xml version=\"1.0\"?><info><name>Mark&#10;&#9;ers</name><type>Markers</type>"
                    + "<channel_count>1</channel_count><nominal_srate>0</nominal_srate>"
                    + "<channel_format>string</channel_format><source_id>m</source_id><desc/></info>");
            rec.append(eeg, new float[]{1, 2, 3, 4, 5, 6}, new double[]{10, 10.01, 10.02}, 3);
            rec.append(mk, new String[]{"go"}, new double[]{10.01}, 1);
        }
        return file;
    }

    private static void assertNoStackTrace(Run r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.out().contains("\tat "), r.err());
    }

    @Test
    void anIntactFileExitsZeroWithoutWarnings() throws Exception {
        Run r = info(record("intact.xdf"));
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+1\\s+EEG\\s+EEG\\s+float32\\s+2\\s+100\\s+3\\s.*")), r.out());
        assertTrue(r.out().contains("Mark??ers"), "control characters of a name are not printed: " + r.out());
    }

    /** An absurd channel count: the streams, the EEG chunk listed as damage, exit code 1. */
    @Test
    void anAbsurdChannelCountIsListedAsDamageAndExitsOne() throws Exception {
        Path file = record("channels.xdf");
        byte[] b = Files.readAllBytes(file);
        int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("0000000002");
        System.arraycopy("2147483647".getBytes(StandardCharsets.US_ASCII), 0, b, at, 10);
        Files.write(file, b);

        Run r = info(file);
        assertEquals(InfoCommand.DAMAGED, r.code(), r.err());
        assertNoStackTrace(r);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+1\\s+EEG\\s+EEG\\s+float32\\s+2147483647\\s+100\\s+0\\s.*")), r.out());
        assertTrue(r.err().contains("warning: " + file + ": byte ") && r.err().contains("garbled Samples chunk of stream 'EEG'")
                && r.err().contains("samples of at least 8589934589 bytes each"), r.err());
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("warning: " + file + ": ")), r.err());
    }

    /** A Samples chunk claiming 2^63-1 samples: listed as damage at its offset, exit code 1. */
    @Test
    void anAbsurdSampleCountIsListedAsDamageAndExitsOne() throws Exception {
        Path file = record("samples.xdf");
        byte[] b = Files.readAllBytes(file);
        ByteBuffer chunk = ByteBuffer.allocate(1 + 1 + 2 + 4 + 9 + 16).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put((byte) 1).put((byte) (chunk.capacity() - 2)).putShort((short) 3).putInt(2)
                .put((byte) 8).putLong(Long.MAX_VALUE).put(new byte[16]);
        byte[] damaged = Arrays.copyOf(b, b.length + chunk.capacity());
        System.arraycopy(chunk.array(), 0, damaged, b.length, chunk.capacity());
        Files.write(file, damaged);

        Run r = info(file);
        assertEquals(InfoCommand.DAMAGED, r.code(), r.err());
        assertNoStackTrace(r);
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+1\\s+EEG\\s+EEG\\s+float32\\s+2\\s+100\\s+3\\s.*")), r.out());
        assertTrue(r.err().contains("warning: " + file + ": byte " + b.length + ": garbled Samples chunk of stream 'Mark??ers'")
                && r.err().contains("claims " + Long.MAX_VALUE + " samples"), r.err());
        assertTrue(r.err().lines().allMatch(l -> l.startsWith("warning: " + file + ": ")), r.err());
    }

    @Test
    void aFileThatIsNotXdfIsOneLineAndExitTwo() throws Exception {
        Path file = dir.resolve("short.xdf");
        Files.write(file, new byte[]{'X', 'D'});
        Run r = info(file);
        assertEquals(2, r.code());
        assertNoStackTrace(r);
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("frisson info: " + file + ": byte 0: not an XDF file"), r.err());
    }
}
