package org.frisson.xdf;

import com.fasterxml.jackson.databind.JsonNode;
import org.frisson.lsl.ChannelFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference XDF example files: the tables of their README, and the same result as {@code pyxdf.load_xdf}
 * with and without clock synchronization and dejittering.
 */
class XdfFixturesTest {

    private static final double README = 0.6e-6; // the README prints stamps rounded to 6 decimals

    @Test
    void minimalMatchesItsReadme() throws Exception {
        XdfFile f = XdfReader.read(Fixtures.xdf("minimal.xdf"), XdfReader.Options.raw());
        assertEquals(List.of(), f.problems());
        assertEquals("1.0", f.header().text("version"));
        assertEquals(2, f.streams().size());

        XdfStream eeg = f.streams().get(0);
        assertEquals(0, eeg.id());
        assertEquals("SendDataC", eeg.name());
        assertEquals("EEG", eeg.type());
        assertEquals(ChannelFormat.INT16, eeg.format());
        assertEquals(3, eeg.channelCount());
        assertEquals(10.0, eeg.nominalRate());
        short[] expected = {192, 255, 238, 12, 22, 32, 13, 23, 33, 14, 24, 34, 15, 25, 35, 12, 22, 32, 13, 23, 33,
                14, 24, 34, 15, 25, 35};
        assertArrayEquals(expected, (short[]) eeg.values());
        for (int i = 0; i < 9; i++) {
            assertEquals(5.1 + 0.1 * i, eeg.stamps()[i], 1e-9, "stamp " + i + " (deduced from the previous one)");
        }
        assertArrayEquals(new double[]{6.1, 7.1}, eeg.clockTimes());
        assertArrayEquals(new double[]{-0.1, -0.1}, eeg.clockValues());
        assertEquals("LabRecorder xdfwriter", eeg.footer().text("writer"));
        assertEquals("9", eeg.footer().text("sample_count"));
        assertEquals("5.1", eeg.footer().text("first_timestamp"));
        assertEquals("5.9", eeg.footer().text("last_timestamp"));

        XdfStream text = f.streams().get(1);
        assertEquals(0x02C0FFEE, text.id());
        assertEquals(46202862, text.id());
        assertEquals("SendDataString", text.name());
        assertEquals(ChannelFormat.STRING, text.format());
        assertTrue(text.text(0, 0).startsWith("<?xml version=\"1.0\"?><info><writer>LabRecorder xdfwriter</writer>"));
        assertTrue(text.text(0, 0).endsWith("</clock_offsets></info>"));
        assertEquals(List.of("Hello", "World", "from", "LSL", "Hello", "World", "from", "LSL"),
                List.of((String[]) text.values()).subList(1, 9));
        for (int i = 0; i < 9; i++) {
            assertEquals(5.1 + 0.1 * i, text.stamps()[i], 1e-9);
        }
        assertEquals(0, text.clockTimes().length);
    }

    @Test
    void minimalSynchronizedMovesOnlyTheStreamWithOffsets() throws Exception {
        XdfFile f = XdfReader.read(Fixtures.xdf("minimal.xdf"));
        XdfStream eeg = f.streams().get(0);
        for (int i = 0; i < 9; i++) {
            assertEquals(5.0 + 0.1 * i, eeg.stamps()[i], 1e-9, "offset -0.1 applied to stamp " + i);
        }
        assertEquals(List.of(new Segment(0, 8)), eeg.clockSegments());
        XdfStream text = f.streams().get(1);
        assertEquals(5.1, text.stamps()[0], 1e-9);
        assertEquals(List.of(), text.clockSegments());
    }

    @Test
    void clockResetsMatchesItsReadme() throws Exception {
        XdfFile f = XdfReader.read(Fixtures.xdf("clock_resets.xdf"), XdfReader.Options.raw().dejitter(true));
        assertEquals(List.of(), f.problems());
        XdfStream markers = f.stream("MyMarkerStream").orElseThrow();
        assertEquals(1, markers.id());
        assertEquals(ChannelFormat.STRING, markers.format());
        assertEquals(175, markers.sampleCount());
        assertEquals("175", markers.footer().text("sample_count"));
        double[] firstStamps = {653153.212188, 653156.001700, 653158.235593, 653158.674409, 653161.255786};
        String[] firstValues = {"XXX", "Test", "Blah", "Test", "Test-1-2-3"};
        for (int i = 0; i < 5; i++) {
            assertEquals(firstStamps[i], markers.stamps()[i], README);
            assertEquals(firstValues[i], markers.text(i, 0));
        }
        double[] lastStamps = {255.326187, 255.794242, 257.288286, 258.881481, 259.653828};
        String[] lastValues = {"Test-1-2-3", "Testtest", "Test", "Test-1-2-3", "XXX"};
        for (int i = 0; i < 5; i++) {
            assertEquals(lastStamps[i], markers.stamps()[170 + i], README);
            assertEquals(lastValues[i], markers.text(170 + i, 0));
        }
        int m = markers.clockTimes().length;
        assertEquals(653156.026169, markers.clockTimes()[0], README);
        assertEquals(-652340.284, markers.clockValues()[0], 0.0005);
        assertEquals(264.643002, markers.clockTimes()[m - 1], README);
        assertEquals(1121.166, markers.clockValues()[m - 1], 0.0005);

        XdfStream eeg = f.stream("BioSemi").orElseThrow();
        assertEquals(2, eeg.id());
        assertEquals(ChannelFormat.FLOAT32, eeg.format());
        assertEquals(8, eeg.channelCount());
        assertEquals(27815, eeg.sampleCount());
        double[][] first = {{0.142, 0.463, 0.354, 0.220, 0.761, 0.323, 0.312, 0.861},
                {0.311, 0.740, 0.949, 0.505, 0.034, 0.518, 0.326, 0.788}};
        double[] firstEeg = {653150.314061, 653150.324786};
        for (int i = 0; i < 2; i++) {
            assertEquals(firstEeg[i], eeg.stamps()[i], README, "dejittered stamp " + i);
            for (int c = 0; c < 8; c++) {
                assertEquals(first[i][c], eeg.value(i, c), 0.0005);
            }
        }
        double[] lastEeg = {261.975481, 261.986272, 261.997063, 262.007853, 262.018644};
        for (int i = 0; i < 5; i++) {
            assertEquals(lastEeg[i], eeg.stamps()[27810 + i], README, "dejittered stamp " + (27810 + i));
        }
        double[] lastRow = {0.873, 0.064, 0.684, 0.153, 0.306, 0.123, 0.711, 0.892};
        for (int c = 0; c < 8; c++) {
            assertEquals(lastRow[c], eeg.value(27814, c), 0.0005);
        }
        assertEquals(264.638576, eeg.clockTimes()[eeg.clockTimes().length - 1], README);
    }

    @Test
    void clockResetsSynchronizedSplitsTheClockSegments() throws Exception {
        XdfFile f = XdfReader.read(Fixtures.xdf("clock_resets.xdf"));
        assertEquals(List.of(new Segment(0, 90), new Segment(91, 174)), f.stream("MyMarkerStream").orElseThrow().clockSegments());
        XdfStream eeg = f.stream("BioSemi").orElseThrow();
        assertEquals(List.of(new Segment(0, 12875), new Segment(12876, 27814)), eeg.clockSegments());
        assertEquals(List.of(new Segment(0, 12875), new Segment(12876, 27814)), eeg.segments());
        for (int i = 1; i < eeg.sampleCount(); i++) {
            assertTrue(eeg.stamps()[i] > eeg.stamps()[i - 1], "synchronized stamps increase, at " + i);
        }
    }

    @Test
    void emptyStreamsMatchesItsReadme() throws Exception {
        XdfFile f = XdfReader.read(Fixtures.xdf("empty_streams.xdf"), XdfReader.Options.raw());
        assertEquals(List.of(), f.problems());
        assertEquals("2025-01-31T00:21:17+0000", f.header().text("datetime"));
        assertEquals(List.of(3, 4, 1, 2), f.streams().stream().map(XdfStream::id).toList(), "order of the headers");
        XdfStream ctrl = byId(f, 1);
        assertEquals("ctrl", ctrl.name());
        assertEquals(1, ctrl.sampleCount());
        assertEquals("{\"state\": 2}", ctrl.text(0, 0));
        assertEquals(91725.014004, ctrl.stamps()[0], README);
        assertEquals("pylsltools", ctrl.header().text("desc/manufacturer"));
        assertEquals(7, ctrl.clockTimes().length);
        for (int id : new int[]{2, 3}) {
            XdfStream empty = byId(f, id);
            assertEquals(0, empty.sampleCount(), "stream " + id);
            assertEquals(7, empty.clockTimes().length);
            assertEquals("0", empty.footer().text("sample_count"));
            assertEquals("0", empty.footer().text("first_timestamp"));
        }
        assertEquals(ChannelFormat.FLOAT32, byId(f, 3).format());
        assertEquals("ch:00", byId(f, 3).channels().get(0).label());
        XdfStream data = byId(f, 4);
        assertEquals(ChannelFormat.INT32, data.format());
        assertEquals(10, data.sampleCount());
        for (int i = 0; i < 10; i++) {
            assertEquals(i, data.longValue(i, 0));
            assertEquals(91725.213948 + i, data.stamps()[i], README);
        }
        assertEquals(91716.691572, data.clockTimes()[0], README);
        assertEquals(0.0, data.clockValues()[0], 1e-4);
    }

    @ParameterizedTest(name = "{0} sync={1} dejitter={2}")
    @CsvSource({
            "minimal.xdf, false, false", "minimal.xdf, true, false", "minimal.xdf, false, true", "minimal.xdf, true, true",
            "clock_resets.xdf, false, false", "clock_resets.xdf, true, false", "clock_resets.xdf, false, true",
            "clock_resets.xdf, true, true",
            "empty_streams.xdf, false, false", "empty_streams.xdf, true, false", "empty_streams.xdf, false, true",
            "empty_streams.xdf, true, true"})
    void readsWhatPyxdfReads(String name, boolean sync, boolean dejitter) throws Exception {
        Path file = Fixtures.xdf(name);
        JsonNode theirs = PyXdf.loadOne(sync, dejitter, file);
        XdfFile mine = XdfReader.read(file, XdfReader.Options.raw().synchronizeClocks(sync).dejitter(dejitter));
        PyXdfComparison cmp = new PyXdfComparison();
        double tolerance = sync || dejitter ? 1e-6 : 0.0;
        cmp.compare(mine, theirs, tolerance);
        System.out.printf("pyxdf vs Frisson on %s (sync=%s, dejitter=%s): %d stamps, max stamp difference %.3g s,"
                + " max relative effective-rate difference %.3g%n", name, sync, dejitter, cmp.stampsCompared,
                cmp.maxStampDiff, cmp.maxRateDiff);
        if (!sync && !dejitter) {
            assertEquals(0.0, cmp.maxStampDiff, "raw stamps are read exactly");
        }
    }

    private static XdfStream byId(XdfFile f, int id) {
        return f.streams().stream().filter(s -> s.id() == id).findFirst().orElseThrow();
    }
}
