package org.frisson.app.devices;

import org.frisson.app.CliException;
import org.frisson.app.StopSignal;
import org.frisson.devices.Board;
import org.frisson.devices.BoardDescription;
import org.frisson.devices.BoardException;
import org.frisson.devices.BoardInfo;
import org.frisson.devices.BoardParams;
import org.frisson.devices.Boards;
import org.frisson.devices.DeviceOptions;
import org.frisson.devices.DevicePublisher;
import org.frisson.devices.DeviceStream;
import org.frisson.devices.SignalKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code frisson device}: a BrainFlow board's signals onto LSL, stamped on the LSL clock. */
@Command(name = "device", description = {
        "Opens a BrainFlow board (OpenBCI, Muse, EmotiBit, Unicorn... or the synthetic board) and publishes one LSL",
        "stream per signal kind (EEG, EDA, PPG, Temperature, Accelerometer...), plus Device (package number, battery,",
        "board time) and Markers. Samples are stamped on the LSL clock through a fit of the board's timestamps."})
public final class DeviceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--board", paramLabel = "NAME", description = "The board (see --list).")
    String board;

    @Option(names = "--list", description = "List the boards Frisson knows, with what each provides, and exit.")
    boolean list;

    @Option(names = "--serial-port", paramLabel = "PORT", description = "Serial port (dongle), e.g. /dev/ttyUSB0.")
    String serialPort;

    @Option(names = "--mac", paramLabel = "ADDRESS", description = "Bluetooth MAC address.")
    String mac;

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "IP address (WiFi shields, Galea).")
    String ip;

    @Option(names = "--ip-port", defaultValue = "0", paramLabel = "N", description = "IP port.")
    int ipPort;

    @Option(names = "--serial-number", paramLabel = "S", description = "Device serial number or name.")
    String serialNumber;

    @Option(names = "--other-info", paramLabel = "S", description = "BrainFlow's other_info parameter.")
    String otherInfo;

    @Option(names = "--file", paramLabel = "CSV", description = "Recording to play back (board playback).")
    String file;

    @Option(names = "--master-board", paramLabel = "NAME",
            description = "The board that recorded the --file (board playback; default: synthetic).")
    String masterBoard;

    @Option(names = "--timeout", defaultValue = "0", paramLabel = "S", description = "Seconds to look for the device (0: BrainFlow's default).")
    int timeout;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S", description = "Seconds to publish; 0 until Ctrl-C (default).")
    double duration;

    @Option(names = "--report", defaultValue = "10", paramLabel = "S", description = "Seconds between report lines (default: ${DEFAULT-VALUE}).")
    double report;

    @Option(names = "--reconnect-after", defaultValue = "5", paramLabel = "S",
            description = "Seconds without data (out of range, switched off) before the board is opened again, and"
                    + " again until it answers; 0 never (default: ${DEFAULT-VALUE}).")
    double reconnectAfter;

    @Option(names = "--save", paramLabel = "CSV",
            description = "Also have BrainFlow write every row of the board into this file, in its own format"
                    + " (replay it with --board playback --file CSV --master-board NAME).")
    java.nio.file.Path save;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (list) {
                list(out);
                return;
            }
            if (board == null) {
                throw new CliException("--board NAME is required (or --list); Frisson knows: " + names());
            }
            publish(Boards.byName(board), params(), err);
        } catch (BoardException e) {
            throw new CliException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String names() {
        return String.join(", ", Boards.all().stream().map(Board::name).toList());
    }

    private BoardParams params() {
        BoardParams p = BoardParams.NONE.withSerialPort(serialPort).withMacAddress(mac).withIp(ip, ipPort)
                .withOtherInfo(otherInfo).withFile(file).withSerialNumber(serialNumber).withTimeout(timeout);
        if (Boards.PLAYBACK.name().equalsIgnoreCase(board == null ? "" : board.strip())) {
            p = p.withMasterBoard(Boards.byName(masterBoard == null ? "synthetic" : masterBoard).id());
        } else if (masterBoard != null) {
            throw new CliException("--master-board is for board playback only");
        }
        return p;
    }

    private void publish(Board b, BoardParams params, PrintWriter err) throws InterruptedException {
        if (!(report > 0) || duration < 0 || !(reconnectAfter >= 0)) {
            throw new IllegalArgumentException("--report must be positive, --duration and --reconnect-after not negative");
        }
        StopSignal.install();
        DeviceOptions options = DeviceOptions.reportingEvery(report).withReconnectAfter(reconnectAfter).withSaveTo(save);
        try (DevicePublisher p = DevicePublisher.start(b, params, options, r -> log(err, r.line()),
                line -> log(err, "device " + line))) {
            BoardDescription d = p.description();
            log(err, String.format("device %s: %s (BrainFlow board id %d), %d Hz, BrainFlow %s", b.name(), d.name(), b.id(),
                    d.samplingRate(), BoardInfo.version()));
            for (DeviceStream s : p.streams()) {
                log(err, String.format("  LSL stream '%s' (%s, %d ch%s) source_id=%s", s.info().name(), s.type(),
                        s.rows().length, s.unit().isEmpty() ? "" : ", " + s.unit(), s.info().sourceId()));
            }
            if (save != null) {
                log(err, "  BrainFlow writes every row into " + save.toAbsolutePath() + " (replay: --board playback --file "
                        + save + " --master-board " + b.name() + ")");
            }
            long end = duration > 0 ? System.nanoTime() + (long) (duration * 1e9) : Long.MAX_VALUE;
            while (!StopSignal.requested() && p.running() && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            if (!p.running() && p.failure() != null) {
                throw new CliException("device " + b.name() + ": " + p.failure().getMessage());
            }
        }
        log(err, "device stopped");
    }

    private void list(PrintWriter out) {
        out.println("Boards (BrainFlow " + BoardInfo.version() + "):");
        for (Board b : Boards.all()) {
            String provides;
            if (b.id() == Boards.PLAYBACK.id()) {
                provides = "what the recording's master board provides";
            } else {
                BoardDescription d = BoardInfo.describe(b, BoardParams.NONE);
                List<String> kinds = new ArrayList<>();
                SignalKind.layout(d).forEach((k, rows) -> kinds.add(k.type() + " " + rows.length));
                provides = d.samplingRate() + " Hz: " + (kinds.isEmpty() ? "no signal rows" : String.join(", ", kinds));
            }
            out.printf("  %-17s id %3d  %s%n  %-17s         connect: %s%n", b.name(), b.id(), provides, "", b.connection());
        }
        out.flush();
    }

    private static void log(PrintWriter err, String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
