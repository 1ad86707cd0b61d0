package dev.prompttracker.adapter.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Folders only the owner can enter (0700) and files only the owner can read (0600), which keep that
 * mode when renamed into place. Without POSIX permissions, they are created plainly.
 */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /** Creates the folder and its missing parents; an existing folder is left as it is. */
    static Path createFolder(Path folder) throws IOException {
        return Files.createDirectories(folder, ownerOnly(folder, "rwx------"));
    }

    static Path createTempFile(Path folder, String prefix, String suffix) throws IOException {
        return Files.createTempFile(folder, prefix, suffix, ownerOnly(folder, "rw-------"));
    }

    private static FileAttribute<?>[] ownerOnly(Path path, String permissions) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
