package org.frisson.app.devices;

import org.frisson.devices.Board;
import org.frisson.devices.BoardParams;
import org.frisson.devices.Boards;
import org.frisson.devices.DeviceHealth;
import org.frisson.devices.DeviceOptions;
import org.frisson.devices.DevicePublisher;
import org.frisson.devices.DeviceStream;
import org.frisson.devices.SignalKind;
import org.frisson.pipeline.PipelineConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The devices a config's inputs name ({@code eeg: {board: muse_s, mac: ...}}), opened for a live run: each
 * board once, however many inputs read it, published on LSL like {@code ./frisson device} does (so recorders
 * and other tools see the streams too), and each input's query set to its signal's stream. Closing stops and
 * releases every board. A board that goes silent or fails mid-session is opened again (its inputs are marked
 * missing meanwhile, the rest goes on); each board's health goes onto the pipeline's health output
 * ({@link #taps()}) and the dashboard ({@link #health()}).
 */
public final class DeviceInputs implements AutoCloseable {

    /** Board seconds between the clock and package lines a board logs. */
    private static final double REPORT_SECONDS = 30;

    private final List<DevicePublisher> publishers;
    private final PipelineConfig config;

    private DeviceInputs(List<DevicePublisher> publishers, PipelineConfig config) {
        this.publishers = publishers;
        this.config = config;
    }

    /** Opens every board {@code cfg}'s inputs name; with none, opens nothing and changes nothing. */
    public static DeviceInputs open(PipelineConfig cfg, Consumer<String> log) {
        Map<PipelineConfig.Device, DevicePublisher> opened = new LinkedHashMap<>();
        PipelineConfig bound = cfg;
        try {
            for (PipelineConfig.Input in : cfg.inputs()) {
                PipelineConfig.Device d = in.device();
                if (d == null) {
                    continue;
                }
                PipelineConfig.Device key = new PipelineConfig.Device(d.board(), "", d.connection());
                DevicePublisher p = opened.get(key);
                if (p == null) {
                    Board board = board(cfg, in);
                    p = DevicePublisher.start(board, params(cfg, in, board), options(cfg, in),
                            r -> log.accept(r.line()), line -> log.accept("device " + line));
                    log.accept(String.format(Locale.ROOT, "device %s opened (%s, %d Hz); its streams: %s", board.name(),
                            p.description().name(), p.description().samplingRate(), p.sourceIds()));
                    opened.put(key, p);
                }
                bound = bound.withQuery(in.role(), query(cfg, in, p.streams()));
            }
            return new DeviceInputs(List.copyOf(opened.values()), bound);
        } catch (RuntimeException e) {
            opened.values().forEach(DevicePublisher::close);
            throw e;
        }
    }

    /**
     * The config with each device input's query set to the stream the device was published as, for a run
     * over a recording of it (nothing is opened).
     */
    public static PipelineConfig recorded(PipelineConfig cfg) {
        PipelineConfig bound = cfg;
        for (PipelineConfig.Input in : cfg.inputs()) {
            if (in.device() != null) {
                Board board = board(cfg, in);
                bound = bound.withQuery(in.role(), "source_id='" + DeviceStream.sourceId(board,
                        params(cfg, in, board), kind(cfg, in).suffix()) + "'");
            }
        }
        return bound;
    }

    /** Each board's health as the pipeline publishes it on its health output. */
    public org.frisson.pipeline.Pipeline.Taps taps() {
        return org.frisson.pipeline.Pipeline.Taps.health(publishers.stream()
                .map(p -> new DeviceHealthProbe(p.health())).toList());
    }

    /** Each board's health, live. */
    public List<DeviceHealth> health() {
        return publishers.stream().map(DevicePublisher::health).toList();
    }

    /** The config the pipeline runs: every device input bound to its stream. */
    public PipelineConfig config() {
        return config;
    }

    @Override
    public void close() {
        for (DevicePublisher p : publishers) {
            p.close();
        }
    }

    private static Board board(PipelineConfig cfg, PipelineConfig.Input in) {
        String name = in.device().board();
        return Boards.find(name).orElseThrow(() -> new PipelineConfig.ConfigException(cfg.file() + ": inputs."
                + in.role() + ".board: unknown board '" + name + "' (known: " + String.join(", ",
                Boards.all().stream().map(Board::name).toList()) + ")"));
    }

    /** The signal an input takes, by its stream's short name ({@code eeg}, {@code eda}, ...); {@code gsr} is EDA. */
    private static SignalKind kind(PipelineConfig cfg, PipelineConfig.Input in) {
        String signal = in.device().signal().toLowerCase(Locale.ROOT);
        String wanted = signal.equals("gsr") ? SignalKind.EDA.suffix() : signal;
        for (SignalKind k : SignalKind.values()) {
            if (k.suffix().equals(wanted)) {
                return k;
            }
        }
        throw new PipelineConfig.ConfigException(cfg.file() + ": inputs." + in.role() + ".signal: unknown signal '"
                + in.device().signal() + "' (signals: " + String.join(", ", java.util.Arrays.stream(SignalKind.values())
                .map(SignalKind::suffix).toList()) + ")");
    }

    private static String query(PipelineConfig cfg, PipelineConfig.Input in, List<DeviceStream> streams) {
        SignalKind kind = kind(cfg, in);
        List<String> has = new ArrayList<>();
        for (DeviceStream s : streams) {
            if (s.suffix().equals(kind.suffix())) {
                return "source_id='" + s.info().sourceId() + "'";
            }
            has.add(s.suffix());
        }
        throw new PipelineConfig.ConfigException(cfg.file() + ": inputs." + in.role() + ": board '"
                + in.device().board() + "' has no " + kind.suffix() + " signal (it publishes " + has + ")");
    }

    private static DeviceOptions options(PipelineConfig cfg, PipelineConfig.Input in) {
        String given = in.device().connection().get("reconnect_after");
        try {
            return DeviceOptions.reportingEvery(REPORT_SECONDS).withReconnectAfter(given == null
                    ? DeviceOptions.DEFAULT_RECONNECT_AFTER : Double.parseDouble(given));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new PipelineConfig.ConfigException(cfg.file() + ": inputs." + in.role() + ".reconnect_after must be"
                    + " 0 (never) or a positive number of seconds, got '" + given + "'");
        }
    }

    private static BoardParams params(PipelineConfig cfg, PipelineConfig.Input in, Board board) {
        Map<String, String> c = in.device().connection();
        int port;
        try {
            port = Integer.parseInt(c.getOrDefault("ip_port", "0"));
        } catch (NumberFormatException e) {
            throw new PipelineConfig.ConfigException(cfg.file() + ": inputs." + in.role() + ".ip_port must be a port"
                    + " number, got '" + c.get("ip_port") + "'");
        }
        BoardParams p;
        try {
            p = BoardParams.NONE.withSerialPort(c.get("serial_port")).withMacAddress(c.get("mac"))
                    .withIp(c.get("ip"), port).withOtherInfo(c.get("other_info")).withFile(c.get("file"))
                    .withSerialNumber(c.get("serial_number"));
        } catch (IllegalArgumentException e) {
            throw new PipelineConfig.ConfigException(cfg.file() + ": inputs." + in.role() + ": " + e.getMessage());
        }
        String master = c.get("master_board");
        if (board.id() == Boards.PLAYBACK.id()) {
            Board recordedBy = Boards.find(master == null ? Boards.SYNTHETIC.name() : master).orElseThrow(() ->
                    new PipelineConfig.ConfigException(cfg.file() + ": inputs." + in.role() + ".master_board: unknown"
                            + " board '" + master + "'"));
            p = p.withMasterBoard(recordedBy.id());
        } else if (master != null) {
            throw new PipelineConfig.ConfigException(cfg.file() + ": inputs." + in.role() + ".master_board is for"
                    + " board playback only");
        }
        return p;
    }
}
