package org.frisson.devices;

import com.sun.jna.NativeLibrary;
import org.frisson.lsl.NativeLibraryLocator;

import java.nio.file.Path;

/**
 * Finds and loads BrainFlow's board controller, once per process.
 *
 * <p>Order: the {@code BRAINFLOW_LIBRARY} environment variable (or {@code brainflow.library} system
 * property), a path to the library file; else the project-local copy that the set-up unpacks into
 * {@code <frisson home>/.frisson/lib/brainflow/}. The board controller opens the board libraries (Muse,
 * Ganglion, BrainBit...) from its own folder, so it is always loaded by path, never from the system path.
 * If none loads, one {@link BrainFlowLibraryNotFoundException} lists every attempt and how to fix it
 * ({@link NativeLibraryLocator}).
 */
public final class BrainFlowLibrary {

    /** Environment variable naming the library file to use. */
    public static final String ENV_VARIABLE = "BRAINFLOW_LIBRARY";
    /** The library's name without prefix and suffix. */
    public static final String NAME = "BoardController";

    private static final NativeLibraryLocator LOCATOR = new NativeLibraryLocator(NAME, "brainflow.library",
            ENV_VARIABLE, "brainflow", true, "get_board_descr", BrainFlowLibraryNotFoundException::new);

    private BrainFlowLibrary() {
    }

    /** The loaded library, loading it on first use; a failure is remembered and thrown again. */
    public static NativeLibrary nativeLibrary() {
        return LOCATOR.nativeLibrary();
    }

    /** The folder the set-up unpacks BrainFlow's libraries into. */
    public static Path projectLocalDirectory() {
        return LOCATOR.projectLocalDirectory();
    }

    /** The project-local board controller the set-up installs. */
    public static Path projectLocalPath() {
        return LOCATOR.projectLocalPath();
    }

    /** The file the library was loaded from. */
    public static Path path() {
        return LOCATOR.path();
    }
}
