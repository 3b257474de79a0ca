package org.frisson.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.frisson.calibration.RatingMarker;
import org.frisson.dsp.FeatureFrames;
import org.frisson.dsp.eeg.DifferentialEntropy;
import org.frisson.dsp.eeg.FrequencyBand;
import org.frisson.lsl.Channel;
import org.frisson.lsl.ChannelFormat;
import org.frisson.testsupport.VenvPython;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A calibration session written to XDF: every stream as the live simulator publishes it, the player's track
 * markers and one rating per track where the ground truth says, readable by pyxdf and by Frisson's reader, and
 * EEG that carries each track's arousal and valence.
 */
class CalibrationFileTest {

    private static final int TRACKS = 8;
    private static final double SECONDS = 10;
    private static final double DURATION = TRACKS * SECONDS + (TRACKS + 1) * MusicScore.PLAYLIST_PAUSE_SECONDS;

    @TempDir
    static Path dir;
    static Path xdf;
    static XdfFile file;
    static JsonNode truth;

    @BeforeAll
    static void writeSession() throws IOException {
        xdf = dir.resolve("calibration.xdf");
        Path truthFile = dir.resolve("calibration-truth.json");
        SessionFile.Written w = SessionFile.write(SessionOptions.calibration(TRACKS, SECONDS, 3, truthFile, "calfile"),
                xdf, false);
        assertEquals(DURATION, w.seconds());
        file = XdfReader.read(xdf, XdfReader.Options.raw());
        truth = new ObjectMapper().readTree(truthFile.toFile());
    }

    private record Expected(String name, String type, double rate, int channels, String label, String unit,
                            String source) {
    }

    private static final List<Expected> STREAMS = List.of(
            new Expected("Music", "Audio", 22050, 1, "mono", "normalized", "audio"),
            new Expected("EEG", "EEG", 128, 32, "Fp1", "microvolts", "eeg"),
            new Expected("GSR", "GSR", 32, 1, "GSR", "microsiemens", "gsr"),
            new Expected("PPG", "PPG", 64, 1, "PPG", "normalized", "ppg"),
            new Expected("Rating", "Rating", 10, 2, "emotionality", "fraction", "rating"),
            new Expected("Chills", "Markers", 0, 1, "chill", "", "chills"),
            new Expected("Player", "PlaybackMarkers", 0, 1, "playback", "", "player"),
            new Expected("Ratings", "Ratings", 0, 1, "rating", "", "ratings"));

    @Test
    void everyStreamHasItsDescriptionRateAndSampleCount() {
        assertEquals(List.of(), file.problems());
        assertEquals(STREAMS.stream().map(Expected::name).toList(), file.streams().stream().map(XdfStream::name).toList());
        assertEquals(DURATION, truth.get("duration").asDouble());
        assertEquals(SessionFile.START, truth.get("start").asDouble());
        for (Expected e : STREAMS) {
            XdfStream s = file.stream(e.name()).orElseThrow();
            assertEquals(e.type(), s.type(), e.name());
            assertEquals(e.rate(), s.nominalRate(), e.name());
            assertEquals(e.channels(), s.channelCount(), e.name());
            assertEquals(new Channel(e.label(), e.unit(), e.type()), s.channels().get(0), e.name());
            assertEquals("frisson-sim-calfile-" + e.source(), s.header().text("source_id"), e.name());
            assertEquals("Frisson simulator", s.header().text("desc/manufacturer"), e.name());
            if (e.rate() > 0) {
                assertEquals(ChannelFormat.FLOAT32, s.format(), e.name());
                int n = (int) Math.floor(DURATION * e.rate()) + 1;
                assertEquals(n, s.sampleCount(), e.name() + ": samples from 0 to " + DURATION + " s inclusive");
                for (int k : new int[]{0, 1, n / 2, n - 1}) {
                    assertEquals(SessionFile.START + k / e.rate(), s.stamps()[k], 0, e.name() + " sample " + k);
                }
            } else {
                assertEquals(ChannelFormat.STRING, s.format(), e.name());
            }
            // a recording's zero clock offsets, every 5 s from the first stamp to the last
            double[] times = s.clockTimes();
            assertEquals(SessionFile.START, times[0], e.name());
            assertEquals(SessionFile.START + DURATION, times[times.length - 1], e.name());
            assertEquals((int) Math.ceil(DURATION / 5) + 1, times.length, e.name());
            assertTrue(Arrays.stream(s.clockValues()).allMatch(v -> v == 0), e.name());
        }
    }

    @Test
    void thePlayerMarksEveryTrackAtItsFirstSampleAndItsEnd() {
        XdfStream player = file.stream("Player").orElseThrow();
        XdfStream music = file.stream("Music").orElseThrow();
        JsonNode tracks = truth.get("tracks");
        assertEquals(TRACKS, tracks.size());
        assertEquals(2 * TRACKS, player.sampleCount());
        for (int k = 0; k < TRACKS; k++) {
            JsonNode t = tracks.get(k);
            double start = t.get("start").asDouble();
            double end = t.get("end").asDouble();
            assertEquals(String.format("cal-%02d", k + 1), t.get("title").asText());
            assertEquals(SECONDS, end - start, 1e-9);
            assertEquals("track_start " + t.get("title").asText(), player.text(2 * k, 0));
            assertEquals(start, player.stamps()[2 * k], 0);
            assertEquals("track_stop", player.text(2 * k + 1, 0));
            assertEquals(end, player.stamps()[2 * k + 1], 0);
            int first = (int) Math.round((start - SessionFile.START) * 22050);
            assertEquals(start, music.stamps()[first], 0, "track_start has the stamp of a Music sample");
            assertEquals(0, peak(music, first - 3 * 22050, first), "the pause before " + t.get("title"));
            assertTrue(peak(music, first, first + 22050) > 0.05, "the first second of " + t.get("title") + " plays");
            int last = (int) Math.round((end - SessionFile.START) * 22050);
            assertEquals(0, peak(music, last, last + 3 * 22050), "the pause after " + t.get("title"));
        }
    }

    private static double peak(XdfStream s, int from, int to) {
        double p = 0;
        for (int i = from; i < to; i++) {
            p = Math.max(p, Math.abs(s.value(i, 0)));
        }
        return p;
    }

    @Test
    void oneRatingPerTrackOneToThreeSecondsAfterItsEnd() {
        XdfStream ratings = file.stream("Ratings").orElseThrow();
        JsonNode tracks = truth.get("tracks");
        assertEquals(TRACKS, ratings.sampleCount());
        double[] sum = new double[4];
        for (int k = 0; k < TRACKS; k++) {
            JsonNode t = tracks.get(k);
            RatingMarker m = RatingMarker.parse(ratings.text(k, 0), "Ratings marker " + k);
            double at = ratings.stamps()[k];
            double end = t.get("end").asDouble();
            assertEquals(t.get("title").asText(), m.track());
            assertTrue(at >= end + 1 && at <= end + 3, m + " at " + at + ", track ended at " + end);
            JsonNode r = t.get("rating");
            assertEquals(r.get("at").asDouble(), at, 0);
            assertEquals(r.get("valence").asDouble(), m.valence(), 0);
            assertEquals(r.get("arousal").asDouble(), m.arousal(), 0);
            assertEquals(r.get("marker").asText(), ratings.text(k, 0));
            assertEquals(Math.round(m.valence() * 10) / 10.0, m.valence(), 0, "one decimal");
            assertEquals(Math.round(m.arousal() * 10) / 10.0, m.arousal(), 0, "one decimal");
            sum[t.get("valence").asDouble() > 0.5 ? 1 : 0] += m.valence();
            sum[t.get("arousal").asDouble() > 0.5 ? 3 : 2] += m.arousal();
        }
        assertTrue(sum[1] > sum[0] && sum[3] > sum[2], "high tracks are rated higher: " + Arrays.toString(sum));
        double lastRating = ratings.stamps()[TRACKS - 1];
        assertTrue(lastRating < SessionFile.START + DURATION, "the session ends after the last rating");
    }

    @Test
    void eegSeparatesHighFromLowArousalAndValenceTracks() {
        XdfStream eeg = file.stream("EEG").orElseThrow();
        XdfStream player = file.stream("Player").orElseThrow();
        List<String> labels = eeg.channels().stream().map(Channel::label).toList();
        DifferentialEntropy de = DifferentialEntropy.builder(32, 128)
                .bands(List.of(new FrequencyBand("alpha", 8, 14))).channelNames(labels).build();
        int[] posterior = labels.stream().filter(l -> l.startsWith("P") || l.startsWith("O")).mapToInt(labels::indexOf).toArray();
        String[][] pairs = {{"Fp1", "Fp2"}, {"AF3", "AF4"}, {"F3", "F4"}, {"F7", "F8"}, {"FC5", "FC6"}, {"FC1", "FC2"}};
        List<Double> alphaHigh = new ArrayList<>();
        List<Double> alphaLow = new ArrayList<>();
        List<Double> asymHigh = new ArrayList<>();
        List<Double> asymLow = new ArrayList<>();
        float[] values = (float[]) eeg.values();
        for (int k = 0; k < TRACKS; k++) {
            // the track's EEG from the player's markers, after the second the rhythms take to follow the music
            int from = firstAtOrAfter(eeg.stamps(), player.stamps()[2 * k] + 1);
            int to = firstAtOrAfter(eeg.stamps(), player.stamps()[2 * k + 1]);
            FeatureFrames frames = new FeatureFrames(de.width(), de.maxFrames(to - from) + 1);
            de.reset();
            de.process(values, from * 32, to - from, frames);
            double alpha = 0;
            double asym = 0;
            for (int f = 0; f < frames.size(); f++) {
                for (int c : posterior) {
                    alpha += frames.value(f, c) / posterior.length;
                }
                for (String[] p : pairs) {
                    asym += (frames.value(f, labels.indexOf(p[1])) - frames.value(f, labels.indexOf(p[0]))) / pairs.length;
                }
            }
            alpha /= frames.size();
            asym /= frames.size();
            JsonNode t = truth.get("tracks").get(k);
            (t.get("arousal").asDouble() > 0.5 ? alphaHigh : alphaLow).add(alpha);
            (t.get("valence").asDouble() > 0.5 ? asymHigh : asymLow).add(asym);
        }
        assertEquals(TRACKS / 2, alphaHigh.size());
        assertTrue(max(alphaHigh) < min(alphaLow), "posterior alpha DE, high arousal " + alphaHigh + " vs low " + alphaLow);
        assertEquals(TRACKS / 2, asymHigh.size());
        assertTrue(min(asymHigh) > max(asymLow), "frontal alpha asymmetry (right - left DE), high valence " + asymHigh
                + " vs low " + asymLow);
    }

    private static int firstAtOrAfter(double[] stamps, double t) {
        int i = Arrays.binarySearch(stamps, t);
        return i >= 0 ? i : -i - 1;
    }

    private static double max(List<Double> x) {
        return x.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private static double min(List<Double> x) {
        return x.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static final String PYXDF = """
            import json, sys
            import numpy as np
            import pyxdf
            streams, _ = pyxdf.load_xdf(sys.argv[1])
            out = []
            for s in streams:
                i = s['info']
                ts = s['time_series']
                text = i['channel_format'][0] == 'string'
                out.append({'name': i['name'][0], 'type': i['type'][0], 'srate': float(i['nominal_srate'][0]),
                            'shape': [len(ts), len(ts[0])] if text else list(np.asarray(ts).shape),
                            'first': float(s['time_stamps'][0]), 'last': float(s['time_stamps'][-1]),
                            'labels': [c['label'][0] for c in i['desc'][0]['channels'][0]['channel']],
                            'markers': [row[0] for row in ts] if text else []})
            print(json.dumps(out))
            """;

    @Test
    void pyxdfReadsEveryStreamWithTheSameShapesStampsAndMarkers() throws Exception {
        Path script = dir.resolve("shapes.py");
        Files.writeString(script, PYXDF);
        String out = VenvPython.runOk(120, script.toString(), xdf.toString()).out();
        JsonNode streams = new ObjectMapper().readTree(out.substring(out.indexOf('[')));
        assertEquals(file.streams().size(), streams.size());
        for (JsonNode py : streams) {
            XdfStream s = file.stream(py.get("name").asText()).orElseThrow();
            String n = s.name();
            assertEquals(s.type(), py.get("type").asText(), n);
            assertEquals(s.nominalRate(), py.get("srate").asDouble(), n);
            assertEquals(s.sampleCount(), py.get("shape").get(0).asInt(), n);
            assertEquals(s.channelCount(), py.get("shape").get(1).asInt(), n);
            // pyxdf synchronises clocks and dejitters: zero offsets and regular stamps leave them where they were
            assertEquals(s.stamps()[0], py.get("first").asDouble(), 1e-6, n);
            assertEquals(s.stamps()[s.sampleCount() - 1], py.get("last").asDouble(), 1e-6, n);
            List<String> labels = new ArrayList<>();
            py.get("labels").forEach(l -> labels.add(l.asText()));
            assertEquals(s.channels().stream().map(Channel::label).toList(), labels, n);
            if (s.format() == ChannelFormat.STRING) {
                for (int k = 0; k < s.sampleCount(); k++) {
                    assertEquals(s.text(k, 0), py.get("markers").get(k).asText(), n + " marker " + k);
                }
            }
        }
    }

    @Test
    void theSameOptionsWriteTheSameSession() throws IOException {
        SessionOptions o = SessionOptions.calibration(2, 3, 9, null, "again");
        XdfFile a = XdfReader.read(SessionFile.write(o, dir.resolve("a.xdf"), false).file(), XdfReader.Options.raw());
        XdfFile b = XdfReader.read(SessionFile.write(o, dir.resolve("b.xdf"), false).file(), XdfReader.Options.raw());
        assertEquals(8, a.streams().size());
        for (int i = 0; i < a.streams().size(); i++) {
            XdfStream x = a.streams().get(i);
            XdfStream y = b.streams().get(i);
            assertEquals(x.headerXml(), y.headerXml());
            assertArrayEquals(x.stamps(), y.stamps(), x.name());
            if (x.format() == ChannelFormat.STRING) {
                assertArrayEquals((String[]) x.values(), (String[]) y.values(), x.name());
            } else {
                assertArrayEquals((float[]) x.values(), (float[]) y.values(), x.name());
            }
        }
    }
}
