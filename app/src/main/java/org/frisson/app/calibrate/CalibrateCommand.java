package org.frisson.app.calibrate;

import org.frisson.app.CliException;
import org.frisson.app.StopSignal;
import org.frisson.app.VersionCommand;
import org.frisson.app.run.DashboardOptions;
import org.frisson.app.run.LiveRun;
import org.frisson.app.audio.AudioClip;
import org.frisson.app.audio.AudioStreams;
import org.frisson.sim.PlaybackMarkers;
import org.frisson.app.calibrate.CalibrationFit;
import org.frisson.pipeline.PipelineConfig;
import org.frisson.calibration.ProfileFiles;
import org.frisson.calibration.SubjectProfile;
import org.frisson.lsl.LslLibrary;
import org.frisson.lsl.Outlet;
import org.frisson.lsl.StreamInfo;
import org.frisson.models.Embedders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code frisson calibrate}: a listener's calibration block, live (play a playlist or follow an external
 * player, record everything, collect a rating per track) or from a recording, then their profile: readouts of
 * valence and arousal on the emotion model's latent (and on DE, as a baseline) and the layer-wise encoding
 * profile of every response.
 */
@Command(name = "calibrate", description = "Run a calibration block (or read one) and fit a listener's profile.")
public final class CalibrateCommand implements Runnable {

    /** The recording a live block writes into the profile directory. */
    static final String RECORDING = "calibration.xdf";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Pipeline config with the inputs 'tracks' (player markers) and 'ratings', and an emotion stage "
                    + "with 'latent: true' (configs/calibration.yaml).")
    Path config;

    @Option(names = "--subject", required = true, paramLabel = "ID", description = "Who is calibrated.")
    String subject;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The profile directory, e.g. profiles/S01.")
    Path out;

    @Option(names = "--from", paramLabel = "REC.xdf", description = "Fit from this recording instead of running a block.")
    Path from;

    @Option(names = "--playlist", arity = "1..*", paramLabel = "FILE",
            description = "WAV/FLAC tracks to play (same rate and channels); without it, follow an external player's track markers.")
    List<Path> playlist = new ArrayList<>();

    @Option(names = "--tracks", defaultValue = "0", paramLabel = "N",
            description = "Following an external player: the block ends once N tracks are played and rated (0: at Ctrl-C or --duration).")
    int tracks;

    @Option(names = "--ratings", defaultValue = "terminal", paramLabel = "FROM",
            description = "Per-track ratings from: terminal, dashboard, or stream (a rating device's own LSL stream of type Ratings).")
    String ratings;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S", description = "Longest the block runs; 0: no limit.")
    double duration;

    @Option(names = "--model", defaultValue = "musicnn", paramLabel = "NAME",
            description = "Network whose layers the encoding profile compares (musicnn, msd-musicnn).")
    String model;

    @Option(names = "--hop", defaultValue = "0.4", paramLabel = "S", description = "Seconds between music patches (the encoding grid).")
    double hop;

    @Option(names = "--permutations", defaultValue = "200", paramLabel = "N", description = "Permutations per layer and response.")
    int permutations;

    @CommandLine.Mixin
    DashboardOptions dashboard = new DashboardOptions();

    @Override
    public void run() {
        PrintWriter w = spec.commandLine().getOut();
        if (!Embedders.NAMES.contains(model) || model.startsWith("encodec") || model.equals("acoustic")) {
            throw new CliException("--model must be musicnn or msd-musicnn, got '" + model + "'");
        }
        PipelineConfig cfg = PipelineConfig.load(config);
        Path recording = from;
        if (recording == null) {
            recording = out.resolve(RECORDING);
            if (Files.exists(recording)) {
                throw new CliException(recording + " exists: a profile directory holds one block (choose another --out)");
            }
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
            }
            runBlock(cfg, recording, w);
        }
        SubjectProfile profile = CalibrationFit.fit(recording, cfg, new CalibrationFit.Options(subject,
                VersionCommand.frissonVersion(), model, hop, permutations, LslLibrary.frissonHome()), line -> {
                    synchronized (w) {
                        w.println(line);
                        w.flush();
                    }
                });
        ProfileFiles.write(profile, out);
        w.println(summary(profile, out));
        w.flush();
    }

    private void runBlock(PipelineConfig cfg, Path recording, PrintWriter w) {
        CalibrationSession.Ratings mode = switch (ratings) {
            case "terminal" -> CalibrationSession.Ratings.TERMINAL;
            case "dashboard" -> CalibrationSession.Ratings.DASHBOARD;
            case "stream" -> CalibrationSession.Ratings.STREAM;
            default -> throw new CliException("--ratings must be terminal, dashboard or stream, got '" + ratings + "'");
        };
        for (String role : List.of("tracks", "ratings", "audio")) {
            if (cfg.input(role) == null) {
                throw new PipelineConfig.ConfigException(cfg.file() + ": inputs." + role + " is needed for calibration"
                        + " (see configs/calibration.yaml)");
            }
        }
        String id = "frisson-calibrate-" + subject;
        List<AudioClip> clips = new ArrayList<>();
        for (Path p : playlist) {
            try {
                AudioClip c = AudioClip.read(p);
                if (!clips.isEmpty() && (c.sampleRate() != clips.get(0).sampleRate() || c.channels() != clips.get(0).channels())) {
                    throw new CliException(p + ": " + c.sampleRate() + " Hz, " + c.channels() + " channel(s); the"
                            + " playlist's first track has " + clips.get(0).sampleRate() + " Hz, " + clips.get(0).channels()
                            + " (one audio stream carries the whole playlist)");
                }
                clips.add(c);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        StopSignal.install();
        StreamInfo audioInfo = clips.isEmpty() ? null : AudioStreams.audio("frisson.calibration.music", id + "-music",
                clips.get(0).channels(), clips.get(0).sampleRate(), Map.of());
        try (StreamInfo ratingInfo = mode == CalibrationSession.Ratings.STREAM ? null
                     : CalibrationSession.ratingStream(id + "-ratings");
             Outlet ratingOutlet = ratingInfo == null ? null : Outlet.open(ratingInfo);
             audioInfo;
             Outlet audio = audioInfo == null ? null : Outlet.open(audioInfo);
             PlaybackMarkers markers = clips.isEmpty() ? null : new PlaybackMarkers(PlaybackMarkers.DEFAULT_NAME,
                     PlaybackMarkers.DEFAULT_TYPE, id + "-markers", "calibration playlist")) {
            PipelineConfig live = cfg;
            if (ratingOutlet != null) {
                live = live.withQuery("ratings", "source_id='" + id + "-ratings'");
            }
            if (!clips.isEmpty()) {
                live = live.withQuery("audio", "source_id='" + id + "-music'")
                        .withQuery("tracks", "source_id='" + id + "-markers'");
            }
            BufferedReader terminal = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            CalibrationSession session = new CalibrationSession(mode, ratingOutlet, clips, audio, markers, tracks,
                    terminal, w);
            w.println("calibration block for " + subject + ": " + (clips.isEmpty() ? "following the player on input 'tracks'"
                    + (tracks > 0 ? " for " + tracks + " tracks" : " until Ctrl-C") : clips.size() + " tracks")
                    + "; ratings from the " + ratings + "; recording to " + recording);
            w.flush();
            new LiveRun(w, dashboard, duration, recording).run(live, session);
            if (StopSignal.requested()) {
                w.println("stopped: fitting on what was recorded (" + session.rated().size() + " tracks rated)");
            }
        }
    }

    static String summary(SubjectProfile p, Path dir) {
        StringBuilder b = new StringBuilder("profile of " + p.subject() + " written to " + dir + "\n");
        for (String name : List.of("valence", "arousal", "valence_de", "arousal_de")) {
            SubjectProfile.Readout r = p.readouts().get(name);
            if (r != null) {
                b.append(String.format("  %-10s from %-14s track accuracy %.2f [%.2f, %.2f], window accuracy %.2f [%.2f, %.2f]%n",
                        r.target(), r.features(), r.score().track().value(), r.score().track().low(),
                        r.score().track().high(), r.score().window().value(), r.score().window().low(),
                        r.score().window().high()));
            }
        }
        var e = p.encoding();
        for (int k = 0; k < e.responses().size(); k++) {
            int best = e.bestLayer()[k];
            b.append(String.format("  %-28s best layer %-12s r = %.3f (p = %.3f), centroid layer %.2f%n", e.responses().get(k),
                    e.layers().get(best), e.r()[best][k], e.p()[best][k], e.centroid()[k]));
        }
        return b.toString().stripTrailing();
    }
}
