package org.frisson.devices;

import com.sun.jna.NativeLibrary;
import org.frisson.lsl.LslLibrary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and loads BrainFlow's board controller, once per process.
 *
 * <p>Order: the {@code BRAINFLOW_LIBRARY} environment variable (or {@code brainflow.library} system
 * property), a path to the library file; else the project-local copy that the set-up unpacks into
 * {@code <frisson home>/.frisson/lib/brainflow/}. The board controller opens the board libraries (Muse,
 * Ganglion, BrainBit...) from its own folder, so it is always loaded by path, never from the system path.
 */
public final class BrainFlowLibrary {

    /** Environment variable naming the library file to use. */
    public static final String ENV_VARIABLE = "BRAINFLOW_LIBRARY";
    /** The library's name without prefix and suffix. */
    public static final String NAME = "BoardController";

    private static volatile NativeLibrary loaded;
    private static BrainFlowLibraryNotFoundException failure;

    private BrainFlowLibrary() {
    }

    /** The loaded library, loading it on first use; a failure is remembered and thrown again. */
    public static NativeLibrary nativeLibrary() {
        NativeLibrary lib = loaded;
        return lib != null ? lib : load();
    }

    private static synchronized NativeLibrary load() {
        if (loaded == null) {
            if (failure != null) {
                throw failure;
            }
            try {
                loaded = locate();
            } catch (BrainFlowLibraryNotFoundException e) {
                failure = e;
                throw e;
            }
        }
        return loaded;
    }

    /** The folder the set-up unpacks BrainFlow's libraries into. */
    public static Path projectLocalDirectory() {
        return LslLibrary.frissonHome().resolve(".frisson").resolve("lib").resolve("brainflow");
    }

    /** The project-local board controller the set-up installs. */
    public static Path projectLocalPath() {
        return projectLocalDirectory().resolve(System.mapLibraryName(NAME));
    }

    /** The file the library was loaded from. */
    public static Path path() {
        NativeLibrary lib = nativeLibrary();
        return lib.getFile() == null ? Path.of(lib.getName()) : lib.getFile().toPath();
    }

    private static NativeLibrary locate() {
        List<String> tried = new ArrayList<>();
        String explicit = System.getProperty("brainflow.library");
        String source = "system property brainflow.library";
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getenv(ENV_VARIABLE);
            source = ENV_VARIABLE;
        }
        if (explicit != null && !explicit.isBlank()) {
            NativeLibrary lib = tryLoad(Path.of(explicit), source + "=" + explicit, tried);
            if (lib != null) {
                return lib;
            }
            throw new BrainFlowLibraryNotFoundException(tried);
        }
        Path local = projectLocalPath();
        NativeLibrary lib = tryLoad(local, "project-local copy " + local, tried);
        if (lib != null) {
            return lib;
        }
        throw new BrainFlowLibraryNotFoundException(tried);
    }

    private static NativeLibrary tryLoad(Path file, String what, List<String> tried) {
        if (!Files.isRegularFile(file)) {
            tried.add(what + ": no such file");
            return null;
        }
        try {
            NativeLibrary lib = NativeLibrary.getInstance(file.toAbsolutePath().toString());
            lib.getFunction("get_board_descr"); // proves this is BrainFlow's board controller
            return lib;
        } catch (UnsatisfiedLinkError e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).distinct().reduce((a, b) -> a + "; " + b).orElse(e.toString());
            tried.add(what + ": " + reason);
            return null;
        }
    }
}
