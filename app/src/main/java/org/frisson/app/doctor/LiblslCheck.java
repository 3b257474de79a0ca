package org.frisson.app.doctor;

import org.frisson.lsl.Lsl;
import org.frisson.lsl.LslException;
import org.frisson.lsl.LslLibraryNotFoundException;

/** liblsl loads: its version, protocol version and the file it was loaded from (as {@code frisson version}). */
public final class LiblslCheck {

    static final String NAME = "liblsl";

    private LiblslCheck() {
    }

    public static Check run() {
        try {
            Lsl.load();
            return Check.ok(NAME, Lsl.formatVersion(Lsl.libraryVersion()) + ", protocol "
                    + Lsl.formatVersion(Lsl.protocolVersion()) + ", loaded from " + Lsl.libraryPath());
        } catch (LslLibraryNotFoundException e) {
            return Check.fail(NAME, "cannot be loaded; tried: " + String.join("; ", e.attempts()),
                    "run ./frisson once from the repository (its set-up installs liblsl into .frisson/lib/), "
                            + "install liblsl system-wide, or set LSL_LIBRARY=/path/to/"
                            + System.mapLibraryName("lsl"));
        } catch (LslException | UnsatisfiedLinkError e) {
            return Check.fail(NAME, "cannot be used: " + e.getMessage(),
                    "install a liblsl of version 1.14 or later, or point LSL_LIBRARY at one");
        }
    }

    /** Whether liblsl is loaded and usable (after {@link #run()}). */
    static boolean usable(Check liblsl) {
        return liblsl.status() == Check.Status.OK;
    }
}
