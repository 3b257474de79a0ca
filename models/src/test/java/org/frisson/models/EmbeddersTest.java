package org.frisson.models;

import org.frisson.testsupport.VenvPython;
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
                && said.contains("scripts/setup --models"), said);
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
        Files.createSymbolicLink(home.resolve(".frisson/venv"), VenvPython.home().resolve(".frisson/venv"));
        Files.createDirectories(home.resolve("models"));
        Files.createSymbolicLink(home.resolve("models/python"), VenvPython.home().resolve("models/python"));
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
    void encodecWithoutThePretrainedPathUsesRandomInitAndSaysSo() throws Exception {
        Files.createDirectories(home.resolve(".frisson"));
        Files.createSymbolicLink(home.resolve(".frisson/venv"), VenvPython.home().resolve(".frisson/venv"));
        Files.createDirectories(home.resolve("models"));
        Files.createSymbolicLink(home.resolve("models/python"), VenvPython.home().resolve("models/python"));
        Path random = EncodecExport.file(home, false);
        Files.createDirectories(random.getParent());
        Files.copy(TestModels.encodecRandom(), random);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Embedder e = Embedders.open("encodec", home, List.of("latent"), 1, false,
                new PrintStream(log, true, StandardCharsets.UTF_8))) {
            assertInstanceOf(OnnxEmbedder.class, e);
            assertEquals("random-init", e.spec().weights());
            assertEquals(random, ((OnnxEmbedder) e).file());
        }
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("pretrained Encodec weights unavailable") && said.contains("pip install torch encodec")
                && said.contains("random-init"), said);
        assertTrue(!Files.exists(EncodecExport.file(home, true)), "no pretrained file appears");
    }

    @Test
    void encodecWithoutVenvIsUnavailableWithoutStandIn() {
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> Embedders.open("encodec", home, List.of(), 1, true, System.err));
        assertTrue(e.getMessage().contains("encodec_24khz-random.onnx") && e.getMessage().contains("scripts/setup"),
                e.getMessage());
    }

    @Test
    void unknownNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Embedders.open("vggish", home, List.of(), 1, true, System.err));
    }
}
