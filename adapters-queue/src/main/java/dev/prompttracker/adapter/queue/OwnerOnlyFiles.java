package dev.prompttracker.adapter.queue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A SQLite database file created owner-only (0600), in folders only the owner can enter (0700), before
 * SQLite opens it: SQLite gives the {@code -wal}, {@code -shm} and {@code -journal} files it creates the
 * database file's mode, so they are owner-only too. Without POSIX permissions, files are created plainly.
 */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /** Creates the empty database file and its missing folders; an existing file is left as it is. */
    static void createDatabaseFile(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent(), ownerOnly(absolute, "rwx------"));
        try {
            Files.createFile(absolute, ownerOnly(absolute, "rw-------"));
        } catch (FileAlreadyExistsException existing) {
            // An existing database is opened as it is (bootstrap tightens what older versions left looser).
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path path, String permissions) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
