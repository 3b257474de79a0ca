package org.frisson.dashboards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files holding a secret: refused when group or others have any permission on them (where POSIX applies). */
final class OwnerOnlyFile {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFile() {
    }

    /**
     * @param what what the file is, for the message ("token file")
     * @throws IllegalArgumentException naming the file, its permissions and the fix
     * @throws IOException              when the file cannot be looked at (missing included)
     */
    static void check(Path file, String what) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(perms)) {
            throw new IllegalArgumentException("dashboard: " + what + " " + file + " is open to group or others ("
                    + PosixFilePermissions.toString(perms) + "), so its secret may be known: chmod 600 " + file);
        }
    }
}
