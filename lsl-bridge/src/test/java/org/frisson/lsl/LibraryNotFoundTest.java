package org.frisson.lsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A missing or unloadable liblsl gives one error that says what was tried and how to fix it (child JVMs). */
class LibraryNotFoundTest {

    /** Entry point of the child JVM: try to load, print the error message. */
    public static void main(String[] args) {
        try {
            Lsl.load();
            System.out.println("LOADED " + Lsl.libraryPath());
        } catch (LslLibraryNotFoundException e) {
            System.out.println(e.getMessage());
            try {
                Lsl.localClock(); // later calls fail the same way, not with a class-initialisation error
            } catch (LslLibraryNotFoundException again) {
                System.out.println("SAME ERROR AGAIN");
            }
        }
    }

    private static String runChild(Path home, String lslLibrary) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dfrisson.home=" + home,
                "-Djna.library.path=" + home));
        cmd.add(LibraryNotFoundTest.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("LSL_LIBRARY");
        pb.environment().remove("LD_LIBRARY_PATH");
        if (lslLibrary != null) {
            pb.environment().put("LSL_LIBRARY", lslLibrary);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void explicitPathThatDoesNotLoadIsNotSilentlyReplaced(@TempDir Path home) throws Exception {
        Path bogus = home.resolve("liblsl.so");
        Files.writeString(bogus, "not a shared object");
        String out = runChild(home, bogus.toString());
        assertTrue(out.contains("liblsl could not be loaded. Tried, in order:"), out);
        assertTrue(out.contains("LSL_LIBRARY=" + bogus), out);
        assertTrue(out.contains("Fix:"), out);
        assertTrue(out.contains("SAME ERROR AGAIN"), out);
        assertTrue(!out.contains("system library path"), "must not fall back past an explicit choice: " + out);
    }

    @Test
    void nothingFoundListsSystemPathAndProjectCopy(@TempDir Path home) throws Exception {
        String out = runChild(home, null);
        if (out.startsWith("LOADED")) {
            // a system-wide liblsl exists on this machine: the search order is then proven by its being chosen
            assertTrue(!out.contains(home.toString()), out);
            return;
        }
        assertTrue(out.contains("system library path"), out);
        assertTrue(out.contains("project-local copy " + home.resolve(".frisson/lib")), out);
        assertTrue(out.contains("no such file"), out);
        assertTrue(out.contains("Fix:"), out);
    }

    @Test
    void projectLocalCopyIsFoundLast(@TempDir Path home) throws Exception {
        Path lib = home.resolve(".frisson/lib");
        Files.createDirectories(lib);
        Files.copy(Lsl.libraryPath(), lib.resolve(System.mapLibraryName("lsl")));
        String out = runChild(home, null);
        assertTrue(out.startsWith("LOADED "), out);
    }
}
