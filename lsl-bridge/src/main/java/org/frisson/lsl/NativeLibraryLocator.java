package org.frisson.lsl;

import com.sun.jna.NativeLibrary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Finds and loads one native library through JNA, once per process.
 *
 * <p>Order: a system property or else an environment variable naming the library file; an explicit choice
 * that fails is final, never silently replaced by another library. Without one, the system library path
 * (unless the library must be loaded by path), then the project-local copy the set-up installs under
 * {@code <frisson home>/.frisson/lib/}. A candidate counts only if it exports a known symbol (proving it is
 * the right library, not another of the same name). The first that loads wins; if none does, the error
 * built from every attempt and its reason is thrown, and thrown again on every later use.
 */
public final class NativeLibraryLocator {

    private final String name;
    private final String property;
    private final String envVariable;
    private final String localSubdirectory;
    private final boolean pathOnly;
    private final String proofSymbol;
    private final Function<List<String>, ? extends RuntimeException> notFound;

    private volatile NativeLibrary loaded;
    private RuntimeException failure;

    /**
     * @param name              the library's name without prefix and suffix ({@code lsl} for {@code liblsl.so})
     * @param property          system property naming the library file
     * @param envVariable       environment variable naming the library file (used when the property is not set)
     * @param localSubdirectory folder of the project-local copy under {@code <frisson home>/.frisson/lib/} ("" for that folder)
     * @param pathOnly          load only by path, never from the system library path (for a library that opens
     *                          others from its own folder)
     * @param proofSymbol       a function the library exports
     * @param notFound          the error for the attempts made, each "where: why it failed"
     */
    public NativeLibraryLocator(String name, String property, String envVariable, String localSubdirectory,
            boolean pathOnly, String proofSymbol, Function<List<String>, ? extends RuntimeException> notFound) {
        this.name = name;
        this.property = property;
        this.envVariable = envVariable;
        this.localSubdirectory = localSubdirectory;
        this.pathOnly = pathOnly;
        this.proofSymbol = proofSymbol;
        this.notFound = notFound;
    }

    /** The loaded library, loading it on first use; a failure is remembered and thrown again. */
    public NativeLibrary nativeLibrary() {
        NativeLibrary lib = loaded;
        return lib != null ? lib : load();
    }

    private synchronized NativeLibrary load() {
        if (loaded == null) {
            if (failure != null) {
                throw failure;
            }
            try {
                loaded = locate();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return loaded;
    }

    /** The file the library was loaded from. */
    public Path path() {
        NativeLibrary lib = nativeLibrary();
        return lib.getFile() == null ? Path.of(lib.getName()) : lib.getFile().toPath();
    }

    /** The folder the set-up installs the project-local copy into. */
    public Path projectLocalDirectory() {
        return LslLibrary.frissonHome().resolve(".frisson").resolve("lib").resolve(localSubdirectory);
    }

    /** The project-local library file the set-up installs. */
    public Path projectLocalPath() {
        return projectLocalDirectory().resolve(System.mapLibraryName(name));
    }

    private NativeLibrary locate() {
        List<String> tried = new ArrayList<>();

        String explicit = System.getProperty(property);
        String source = "system property " + property;
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getenv(envVariable);
            source = envVariable;
        }
        if (explicit != null && !explicit.isBlank()) {
            NativeLibrary lib = pathOnly ? tryFile(Path.of(explicit), source + "=" + explicit, tried)
                    : tryLoad(explicit, source + "=" + explicit, tried);
            if (lib != null) {
                return lib;
            }
            throw notFound.apply(tried);
        }

        if (!pathOnly) {
            NativeLibrary lib = tryLoad(name, "system library path (" + System.mapLibraryName(name) + ")", tried);
            if (lib != null) {
                return lib;
            }
        }
        Path local = projectLocalPath();
        NativeLibrary lib = tryFile(local, "project-local copy " + local, tried);
        if (lib != null) {
            return lib;
        }
        throw notFound.apply(tried);
    }

    private NativeLibrary tryFile(Path file, String what, List<String> tried) {
        if (!Files.isRegularFile(file)) {
            tried.add(what + ": no such file");
            return null;
        }
        return tryLoad(file.toAbsolutePath().toString(), what, tried);
    }

    private NativeLibrary tryLoad(String nameOrPath, String what, List<String> tried) {
        try {
            NativeLibrary lib = NativeLibrary.getInstance(nameOrPath);
            lib.getFunction(proofSymbol);
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
}
