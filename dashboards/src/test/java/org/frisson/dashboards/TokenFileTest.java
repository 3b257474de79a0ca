package org.frisson.dashboards;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenFileTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsCreatedOwnerOnlyAndReadBackTheNextTime() throws Exception {
        Path file = dir.resolve("token");
        AccessToken first = TokenFile.readOrCreate(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first.value(), Files.readString(file).strip());
        assertEquals(first.value(), TokenFile.readOrCreate(file).value());
        assertNotEquals(first.value(), TokenFile.readOrCreate(dir.resolve("other")).value());
    }

    @Test
    void aFileOpenToGroupOrOthersIsRefusedNamingTheFix() throws Exception {
        Path file = dir.resolve("token");
        TokenFile.readOrCreate(file);
        for (String perms : new String[]{"rw-r-----", "rw----r--", "rw--w----"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenFile.readOrCreate(file));
            assertTrue(e.getMessage().contains("chmod 600 " + file) && e.getMessage().contains(perms), e.getMessage());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        TokenFile.readOrCreate(file);
    }

    @Test
    void aFileWithoutAUsableTokenIsRefused() throws Exception {
        Path file = Files.createFile(dir.resolve("token"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "short\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenFile.readOrCreate(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        Files.writeString(file, "a token with spaces in it\n");
        assertThrows(IllegalArgumentException.class, () -> TokenFile.readOrCreate(file));
        Files.writeString(file, "  my-own-token_0123456789  \n");
        assertEquals("my-own-token_0123456789", TokenFile.readOrCreate(file).value());
    }

    @Test
    void aFileInAMissingFolderIsNamed() {
        Path file = dir.resolve("nowhere").resolve("token");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenFile.readOrCreate(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
