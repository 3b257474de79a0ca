package org.frisson.lsl;

import com.sun.jna.Pointer;

import java.nio.file.Path;

/** Library-wide facts and the LSL clock. */
public final class Lsl {

    /** liblsl's "forever" timeout. */
    public static final double FOREVER = 32000000.0;

    private Lsl() {
    }

    /** Loads liblsl now (it otherwise loads on first use); throws {@link LslLibraryNotFoundException}. */
    public static void load() {
        LslLibrary.ensureLoaded();
    }

    /** The local LSL clock in seconds (monotonic; the clock every stamp is mapped onto). */
    public static double localClock() {
        LslLibrary.ensureLoaded();
        return LslNative.lsl_local_clock();
    }

    /** liblsl's version, e.g. 118 for 1.18. */
    public static int libraryVersion() {
        LslLibrary.ensureLoaded();
        return LslNative.lsl_library_version();
    }

    /** The LSL protocol version, e.g. 110 for 1.10. */
    public static int protocolVersion() {
        LslLibrary.ensureLoaded();
        return LslNative.lsl_protocol_version();
    }

    /** liblsl's build description (git revision, compiler, link type). */
    public static String libraryInfo() {
        LslLibrary.ensureLoaded();
        return LslNative.lsl_library_info();
    }

    /** The file liblsl was loaded from. */
    public static Path libraryPath() {
        load();
        return LslLibrary.path();
    }

    /** The last error liblsl recorded on any thread, or an empty string. */
    public static String lastError() {
        String e = LslNative.lsl_last_error();
        return e == null ? "" : e;
    }

    /** Formats a version number like 118 as "1.18". */
    public static String formatVersion(int v) {
        return (v / 100) + "." + (v % 100);
    }

    /** Turns an error code into its typed exception, or does nothing for 0. */
    static void check(int ec, String what) {
        if (ec >= 0) {
            return;
        }
        String detail = what + (lastError().isEmpty() ? "" : " (" + lastError() + ")");
        switch (ec) {
            case -1 -> throw new LslTimeoutException(detail + ": timed out");
            case -2 -> throw new LslLostException(detail + ": stream lost");
            case -3 -> throw new LslArgumentException(detail + ": invalid argument");
            case -4 -> throw new LslInternalException(detail + ": internal error");
            default -> throw new LslException(detail + ": error code " + ec);
        }
    }

    /** Reads a liblsl-allocated string and frees it. */
    static String takeString(Pointer p) {
        if (p == null) {
            return null;
        }
        try {
            return p.getString(0, "UTF-8");
        } finally {
            LslNative.lsl_destroy_string(p);
        }
    }
}
