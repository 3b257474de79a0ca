package org.frisson.app.streams;

import org.frisson.app.CliException;
import org.frisson.app.StopSignal;
import org.frisson.lsl.ContinuousResolver;
import org.frisson.lsl.Lsl;
import org.frisson.lsl.StreamInfo;
import org.frisson.xdf.XdfRecorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code frisson record}: record LSL streams into an XDF file, as LabRecorder does but crash-safe. */
@Command(name = "record", description = {
        "Record LSL streams into an XDF file that pyxdf, MNE and EEGLAB read.",
        "Every stream matching a query is recorded, including streams that appear later, each on its own",
        "inlet thread, with raw stamps and clock offsets every 5 s. Chunks reach the file as they arrive and",
        "it is forced to disk every second: a killed recording keeps all but its last second."})
public final class RecordCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.xdf", description = "The file to write (refused if it exists).")
    Path out;

    @Option(names = "--query", paramLabel = "PREDICATE", description = {
            "Record the streams matching this LSL predicate, e.g. \"type='EEG'\"; repeatable; default: every stream."})
    List<String> queries = new ArrayList<>();

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S", description = "Seconds to record; 0 until Ctrl-C.")
    double duration;

    @Option(names = "--overwrite", description = "Replace an existing file.")
    boolean overwrite;

    @Option(names = "--lost-after", defaultValue = "5", paramLabel = "S", description = "Report a stream lost after this much silence (default: ${DEFAULT-VALUE}).")
    double lostAfter;

    @Override
    public void run() {
        PrintWriter err = spec.commandLine().getErr();
        StopSignal.install();
        List<ContinuousResolver> resolvers = new ArrayList<>();
        List<RecordingInlet> inlets = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        XdfRecorder recorder;
        try {
            recorder = XdfRecorder.create(out, XdfRecorder.options().overwrite(overwrite).onError(m -> say(err, "! " + m)));
        } catch (FileAlreadyExistsException e) {
            throw new CliException(out + " exists; choose another file or pass --overwrite");
        } catch (IOException e) {
            throw new CliException("cannot create " + out + ": " + e.getMessage());
        }
        try {
            if (queries.isEmpty()) {
                resolvers.add(ContinuousResolver.all(5));
            } else {
                for (String q : queries) {
                    resolvers.add(ContinuousResolver.byPredicate(q, 5));
                }
            }
            say(err, "recording " + (queries.isEmpty() ? "every stream" : "streams matching " + queries) + " into "
                    + out + (duration > 0 ? " for " + duration + " s" : "; Ctrl-C to stop"));
            Set<String> uids = new HashSet<>();
            Set<String> sourceIds = new HashSet<>();
            double start = Lsl.localClock();
            while (!StopSignal.requested() && (duration <= 0 || Lsl.localClock() - start < duration)) {
                for (ContinuousResolver r : resolvers) {
                    for (StreamInfo info : r.results()) {
                        String uid = info.uid();
                        String sid = info.sourceId();
                        // a stream restarted under a known source_id resumes in its existing inlet
                        if (uids.contains(uid) || (!sid.isEmpty() && sourceIds.contains(sid))) {
                            info.close();
                            continue;
                        }
                        uids.add(uid);
                        if (!sid.isEmpty()) {
                            sourceIds.add(sid);
                        }
                        RecordingInlet inlet = new RecordingInlet(info, recorder, lostAfter, m -> say(err, m));
                        inlets.add(inlet);
                        Thread t = new Thread(inlet, "record-" + info.name());
                        t.setDaemon(true);
                        t.start();
                        threads.add(t);
                    }
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inlets.forEach(RecordingInlet::stop);
            for (Thread t : threads) {
                try {
                    t.join(15_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            resolvers.forEach(ContinuousResolver::close);
            try {
                recorder.close();
            } catch (IOException e) {
                say(err, "! " + e.getMessage());
            }
        }
        long total = 0;
        for (RecordingInlet i : inlets) {
            say(err, String.format("  %-24s %10d samples", i.name(), i.samples()));
            total += i.samples();
        }
        say(err, "recorded " + inlets.size() + " stream(s), " + total + " samples into " + out
                + (recorder.droppedSamples() > 0 ? "; " + recorder.droppedSamples() + " samples DROPPED" : ""));
        if (recorder.droppedSamples() > 0) {
            throw new CliException(recorder.droppedSamples() + " samples could not be written to " + out);
        }
    }

    private static void say(PrintWriter err, String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
