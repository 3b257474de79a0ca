package org.frisson.app.streams;

import org.frisson.app.CliException;
import org.frisson.xdf.StreamSummary;
import org.frisson.xdf.XdfFile;
import org.frisson.xdf.XdfFormatException;
import org.frisson.xdf.XdfProblem;
import org.frisson.xdf.XdfReader;
import org.frisson.xdf.XdfStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code frisson info}: what an XDF file holds. */
@Command(name = "info", description = {
        "Show what an XDF file holds: streams, sample counts, durations, effective rates, gaps and clock segments.",
        "Stamps are clock-synchronized as pyxdf does; damage (truncation, garbled chunks) is listed with its byte offset.",
        "Exit code 0: the file is intact; 1: it was read but damage was stepped over (listed); 2: it cannot be read."})
public final class InfoCommand implements Callable<Integer> {

    /** Exit code when the file was read but damage was stepped over. */
    public static final int DAMAGED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE.xdf")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        XdfFile f;
        try {
            f = XdfReader.read(file, XdfReader.Options.defaults().dejitter(false));
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        } catch (XdfFormatException e) {
            throw new CliException(printable(e.getMessage()));
        } catch (IOException e) {
            throw new CliException(file + ": cannot be read: " + printable(String.valueOf(e.getMessage())));
        }
        String version = f.header() == null ? "?" : printable(f.header().text("version"));
        String when = f.header() == null ? "" : printable(f.header().text("datetime"));
        out.printf("%s: %,d bytes, XDF %s%s, %d stream(s)%n", file, f.size(), version,
                when.isEmpty() ? "" : ", recorded " + when, f.streams().size());
        out.printf("%4s  %-24s %-10s %-9s %4s %9s %10s %11s %11s %5s %15s %15s%n", "id", "name", "type", "format", "ch",
                "nominal", "samples", "duration s", "effective", "gaps", "clock offsets", "clock segments");
        for (XdfStream s : f.streams()) {
            StreamSummary m = StreamSummary.of(s);
            out.printf("%4d  %-24s %-10s %-9s %4d %9s %10d %11.3f %11s %5d %15d %15s%n", m.id(), clip(m.name(), 24),
                    clip(m.type(), 10), m.format(), m.channels(), m.nominalRate() > 0 ? fmt(m.nominalRate()) : "irregular",
                    m.samples(), m.duration(), m.nominalRate() > 0 ? String.format("%.3f", m.effectiveRate()) : "-",
                    m.gaps(), m.clockOffsets(), m.clockSegments().isEmpty() ? "-" : String.valueOf(m.clockSegments().size()));
            if (m.samples() > 0) {
                out.printf("      stamps %.6f .. %.6f", m.first(), m.last());
                if (m.gaps() > 0) {
                    out.printf("; gaps: %d, %.3f s missing, longest %.3f s", m.gaps(), m.gapSeconds(), m.largestGap());
                }
                if (m.backwards() > 0) {
                    out.printf("; %d backward jump(s) of the stamps", m.backwards());
                }
                if (m.clockSegments().size() > 1) {
                    out.printf("; clock segments (samples) %s", m.clockSegments());
                }
                if (m.segments().size() > 1) {
                    out.printf("; breaks split it into %d segments %s", m.segments().size(), m.segments());
                }
                out.println();
            }
            if (!m.hasFooter()) {
                out.println("      no footer: the recording did not finish (killed or still running)");
            }
        }
        out.flush();
        for (XdfProblem p : f.problems()) {
            err.println("warning: " + printable(p.toString()));
        }
        err.flush();
        return f.problems().isEmpty() ? 0 : DAMAGED;
    }

    /** The text with control characters (a damaged or hostile file's names may hold any) shown as '?'. */
    static String printable(String s) {
        return org.frisson.lsl.Printable.of(s);
    }

    private static String fmt(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    private static String clip(String s, int n) {
        s = printable(s);
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
