package org.frisson.models;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddersTest {

    @TempDir
    Path home;

    @Test
    void withoutExportAndVenvMusicnnFallsBackAndSaysSo() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Embedder e = Embedders.open("musicnn", home, List.of(), 1, true,
                new PrintStream(log, true, StandardCharsets.UTF_8))) {
            assertInstanceOf(AcousticEmbedder.class, e);
        }
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("musicnn unavailable") && said.contains("acoustic embedder")
                && said.contains("scripts/setup --test"), said);
    }

    @Test
    void withoutFallbackTheReasonIsThrown() {
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> Embedders.open("msd-musicnn", home, List.of(), 1, false, System.err));
        assertTrue(e.getMessage().contains("MSD_musicnn.onnx"), e.getMessage());
    }

    @Test
    void exportedFileIsUsedAsIs() throws Exception {
        Path exported = MusicnnExport.file(home, "MTT_musicnn");
        Files.createDirectories(exported.getParent());
        Files.copy(TestModels.musicnn("MTT_musicnn"), exported);
        try (Embedder e = Embedders.open("musicnn", home, List.of("taggram"), 1, false, System.err)) {
            assertInstanceOf(OnnxEmbedder.class, e);
            assertEquals(List.of("taggram"), e.outputs());
        }
    }

    @Test
    void firstUseExportsWithTheProjectsTool() throws Exception {
        // a home whose venv and tool are the project's own, with no exported model yet
        Files.createDirectories(home.resolve(".frisson"));
        Files.createSymbolicLink(home.resolve(".frisson/venv"), Venv.home().resolve(".frisson/venv"));
        Files.createDirectories(home.resolve("models"));
        Files.createSymbolicLink(home.resolve("models/python"), Venv.home().resolve("models/python"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Embedder e = Embedders.open("musicnn", home, List.of(), 1, false,
                new PrintStream(log, true, StandardCharsets.UTF_8))) {
            assertInstanceOf(OnnxEmbedder.class, e);
        }
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("exporting MTT_musicnn") && said.contains("export_musicnn.py")
                && said.contains("wrote"), said);
    }

    @Test
    void unknownNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Embedders.open("vggish", home, List.of(), 1, true, System.err));
    }
}
