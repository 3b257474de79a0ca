package org.frisson.app.doctor;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Free disk where recordings go: the working directory (where {@code --record FILE.xdf} and {@code --out DIR}
 * land) and Frisson's home (models, music), when that is another file system.
 */
public final class DiskCheck {

    static final String NAME = "disk";

    /** Below this a session is blocked: a recording would stop within minutes. */
    public static final long FAIL_BELOW = 500_000_000L;
    /** Below this a long session may not fit. */
    public static final long WARN_BELOW = 5_000_000_000L;
    /** XDF bytes per hour of 64-channel float32 EEG at 1 kHz: 4 bytes per value plus a 9-byte stamp per sample. */
    public static final long EEG_64CH_1KHZ_BYTES_PER_HOUR = (64 * 4 + 9) * 1000L * 3600L;

    private DiskCheck() {
    }

    public static Check run(Path workDir, Path home) {
        Map<FileStore, Path> stores = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (Path p : List.of(workDir, home)) {
            try {
                stores.putIfAbsent(Files.getFileStore(p), p);
            } catch (IOException e) {
                unreadable.add(p + " (" + e.getMessage() + ")");
            }
        }
        // the thresholds are the same everywhere, so the fullest file system decides
        Path fullest = null;
        long least = Long.MAX_VALUE;
        for (Map.Entry<FileStore, Path> e : stores.entrySet()) {
            try {
                long free = e.getKey().getUsableSpace();
                if (free < least) {
                    least = free;
                    fullest = e.getValue();
                }
            } catch (IOException ex) {
                unreadable.add(e.getValue() + " (" + ex.getMessage() + ")");
            }
        }
        if (fullest == null) {
            return Check.warn(NAME, "free space unknown: " + String.join(", ", unreadable),
                    "check the disk where recordings go by hand (df -h .)");
        }
        return evaluate(fullest, least);
    }

    /** The verdict on {@code usableBytes} free at {@code where}. */
    public static Check evaluate(Path where, long usableBytes) {
        String msg = String.format(Locale.ROOT, "%s free at %s (about %s of 64-ch EEG at 1 kHz in XDF)",
                bytes(usableBytes), where, hours(usableBytes));
        if (usableBytes < FAIL_BELOW) {
            return Check.fail(NAME, msg + ", below " + bytes(FAIL_BELOW),
                    "free space there or record onto another disk (--record /other/disk/FILE.xdf)");
        }
        if (usableBytes < WARN_BELOW) {
            return Check.warn(NAME, msg + ", below " + bytes(WARN_BELOW),
                    "free space there or record onto a larger disk before a long session");
        }
        return Check.ok(NAME, msg);
    }

    /** Hours of 64-channel 1 kHz EEG that fit in {@code bytes}, as text. */
    static String hours(long bytes) {
        double h = (double) bytes / EEG_64CH_1KHZ_BYTES_PER_HOUR;
        if (h < 1) {
            return String.format(Locale.ROOT, "%.0f minutes", h * 60);
        }
        return String.format(Locale.ROOT, h < 10 ? "%.1f hours" : "%.0f hours", h);
    }

    static String bytes(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", n / 1e9);
        }
        return String.format(Locale.ROOT, "%.0f MB", n / 1e6);
    }
}
