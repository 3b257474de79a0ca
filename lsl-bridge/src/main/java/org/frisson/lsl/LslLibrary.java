package org.frisson.lsl;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds and loads the native liblsl, once per process.
 *
 * <p>Order: the {@code LSL_LIBRARY} environment variable (or {@code lsl.library} system property), a
 * path to the library file; then the system library path; then the project-local copy that the set-up
 * unpacks into {@code <frisson home>/.frisson/lib/}. The first that loads wins; if none does, one
 * {@link LslLibraryNotFoundException} lists every attempt and how to fix it ({@link NativeLibraryLocator}).
 */
public final class LslLibrary {

    /** Environment variable naming the library file to use. */
    public static final String ENV_VARIABLE = "LSL_LIBRARY";

    private static final NativeLibraryLocator LOCATOR = new NativeLibraryLocator("lsl", "lsl.library",
            ENV_VARIABLE, "", false, "lsl_library_version", LslLibraryNotFoundException::new);

    private LslLibrary() {
    }

    /** The loaded library, loading it on first use; a failure is remembered and thrown again. */
    public static NativeLibrary nativeLibrary() {
        return LOCATOR.nativeLibrary();
    }

    /** Loads liblsl if it is not loaded yet; throws {@link LslLibraryNotFoundException} when it cannot be. */
    static void ensureLoaded() {
        nativeLibrary();
    }

    /** The file the library was loaded from. */
    public static Path path() {
        return LOCATOR.path();
    }

    /** The directory Frisson keeps its local files under: {@code frisson.home}, {@code FRISSON_HOME}, else found upwards from the working directory. */
    public static Path frissonHome() {
        String prop = System.getProperty("frisson.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("FRISSON_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve(".frisson"))) {
                return d;
            }
        }
        return dir;
    }

    /** The project-local library file the set-up installs. */
    public static Path projectLocalPath() {
        return LOCATOR.projectLocalPath();
    }

    /** True on platforms where C {@code unsigned long} is 32 bits wide (Windows). */
    static boolean longIs32Bit() {
        return Platform.isWindows() || com.sun.jna.Native.LONG_SIZE == 4;
    }
}
