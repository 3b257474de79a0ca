package org.frisson.dashboards;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * An access token kept in a file, so that it stays the same from one start to the next (a Prometheus scrape
 * job keeps its credentials). An existing file is read, and refused when group or others have any permission
 * on it; a missing one is created with a new random token, readable and writable by its owner only from the
 * moment it exists.
 */
final class TokenFile {

    private TokenFile() {
    }

    /**
     * The token in {@code file}, or a new one written to it when it does not exist.
     *
     * @throws IllegalArgumentException naming the file and what to do, when it cannot be used
     */
    static AccessToken readOrCreate(Path file) {
        try {
            return read(file);
        } catch (NoSuchFileException missing) {
            // created below
        } catch (IOException e) {
            throw new IllegalArgumentException("dashboard: cannot read token file " + file + ": " + e, e);
        }
        AccessToken token = AccessToken.random();
        try {
            create(file, token);
            return token;
        } catch (FileAlreadyExistsException raced) {
            // made by another start meanwhile: its token it is
            try {
                return read(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("dashboard: cannot read token file " + file + ": " + e, e);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("dashboard: cannot create token file " + file + ": " + e, e);
        }
    }

    private static AccessToken read(Path file) throws IOException {
        OwnerOnlyFile.check(file, "token file");
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            return AccessToken.of(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dashboard: token file " + file + ": " + e.getMessage()
                    + " (delete it for a new one)", e);
        }
    }

    private static void create(Path file, AccessToken token) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean posix = Files.getFileStore(parentOf(file)).supportsFileAttributeView("posix");
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OwnerOnlyFile.OWNER_ONLY)} : new FileAttribute<?>[0];
        try (SeekableByteChannel out = Files.newByteChannel(file, options, attrs)) {
            out.write(ByteBuffer.wrap((token.value() + "\n").getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file.toAbsolutePath().getRoot() : parent;
    }
}
