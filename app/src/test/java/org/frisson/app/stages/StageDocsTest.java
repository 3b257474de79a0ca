package org.frisson.app.stages;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's stage parameters are what {@code frisson stages --markdown} prints. */
class StageDocsTest {

    @Test
    void readmeBlockIsWhatTheCommandGenerates() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int begin = readme.indexOf(StageDocs.BEGIN);
        int end = readme.indexOf(StageDocs.END);
        assertTrue(begin >= 0 && end > begin, "README.md has no block " + StageDocs.BEGIN + " .. " + StageDocs.END);
        String block = readme.substring(begin, end + StageDocs.END.length()) + "\n";
        StagesCommandTest.Run r = StagesCommandTest.run("stages", "--markdown");
        assertEquals(0, r.code(), r.err());
        assertEquals(r.out(), block, "README.md's stage parameters are stale: replace the block with the output of "
                + "./frisson stages --markdown");
    }
}
