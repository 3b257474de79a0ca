package org.frisson.lsl;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and loads the native liblsl, once per process.
 *
 * <p>Order: the {@code LSL_LIBRARY} environment variable (or {@code lsl.library} system property), a
 * path to the library file; then the system library path; then the project-local copy that the set-up
 * unpacks into {@code <frisson home>/.frisson/lib/}. The first that loads wins; if none does, one
 * {@link LslLibraryNotFoundException} lists every attempt and how to fix it.
 */
public final class LslLibrary {

    /** Environment variable naming the library file to use. */
    public static final String ENV_VARIABLE = "LSL_LIBRARY";

    private static volatile NativeLibrary loaded;
    private static LslLibraryNotFoundException failure;

    private LslLibrary() {
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
            } catch (LslLibraryNotFoundException e) {
                failure = e;
                throw e;
            }
        }
        return loaded;
    }

    /** Loads liblsl if it is not loaded yet; throws {@link LslLibraryNotFoundException} when it cannot be. */
    static void ensureLoaded() {
        nativeLibrary();
    }

    /** The file the library was loaded from. */
    public static Path path() {
        return nativeLibrary().getFile() == null ? Path.of(nativeLibrary().getName())
                : nativeLibrary().getFile().toPath();
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
        return frissonHome().resolve(".frisson").resolve("lib").resolve(System.mapLibraryName("lsl"));
    }

    private static NativeLibrary locate() {
        List<String> tried = new ArrayList<>();

        String explicit = System.getProperty("lsl.library");
        String source = "system property lsl.library";
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getenv(ENV_VARIABLE);
            source = ENV_VARIABLE;
        }
        if (explicit != null && !explicit.isBlank()) {
            NativeLibrary lib = tryLoad(explicit, source + "=" + explicit, tried);
            if (lib != null) {
                return lib;
            }
            // An explicit choice that fails must not be silently replaced by another library.
            throw new LslLibraryNotFoundException(tried);
        }

        NativeLibrary lib = tryLoad("lsl", "system library path (" + System.mapLibraryName("lsl") + ")", tried);
        if (lib != null) {
            return lib;
        }
        Path local = projectLocalPath();
        if (Files.isRegularFile(local)) {
            lib = tryLoad(local.toString(), "project-local copy " + local, tried);
            if (lib != null) {
                return lib;
            }
        } else {
            tried.add("project-local copy " + local + ": no such file");
        }
        throw new LslLibraryNotFoundException(tried);
    }

    private static NativeLibrary tryLoad(String nameOrPath, String what, List<String> tried) {
        try {
            NativeLibrary lib = NativeLibrary.getInstance(nameOrPath);
            lib.getFunction("lsl_library_version"); // proves this is liblsl, not some other "lsl"
            return lib;
        } catch (UnsatisfiedLinkError e) {
            tried.add(what + ": " + reason(e));
            return null;
        }
    }

    /** JNA's message without its repetitions and its search of the class path for a bundled copy. */
    private static String reason(UnsatisfiedLinkError e) {
        if (e.getMessage() == null) {
            return e.toString();
        }
        return e.getMessage().lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("Unable to load library") && !l.contains("resource path"))
                .distinct().reduce((a, b) -> a + "; " + b).orElse(e.getMessage().strip());
    }

    /** True on platforms where C {@code unsigned long} is 32 bits wide (Windows). */
    static boolean longIs32Bit() {
        return Platform.isWindows() || com.sun.jna.Native.LONG_SIZE == 4;
    }
}
