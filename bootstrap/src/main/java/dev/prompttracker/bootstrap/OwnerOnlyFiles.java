package dev.prompttracker.bootstrap;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * DATA_DIR and what the product keeps in it are owner-only: folders 0700, files 0600. New ones are
 * created so; what older versions left looser is tightened at start. Where the file system has no
 * POSIX permissions, files are created plainly and nothing is tightened.
 */
final class OwnerOnlyFiles {
    private static final System.Logger LOG = System.getLogger(OwnerOnlyFiles.class.getName());
    private static final Set<PosixFilePermission> OWNER = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private OwnerOnlyFiles() {
    }

    /** Creates the folder and its missing parents owner-only, or tightens it when it exists. */
    static void folder(Path folder) throws IOException {
        Files.createDirectories(folder, ownerOnly(folder, "rwx------"));
        tighten(folder);
    }

    /** What to create a file with so that only its owner can read and write it. */
    static FileAttribute<?>[] fileAttributes(Path file) {
        return ownerOnly(file, "rw-------");
    }

    static Path createTempFile(Path folder, String prefix, String suffix) throws IOException {
        return Files.createTempFile(folder, prefix, suffix, ownerOnly(folder, "rw-------"));
    }

    /**
     * Takes group's and others' rights away from a file or folder. When that is refused (a volume
     * owned by someone else, a mount without POSIX permissions) the start goes on, with a warning.
     */
    static void tighten(Path path) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            String before = PosixFilePermissions.toString(permissions);
            if (permissions.retainAll(OWNER)) {
                view.setPermissions(permissions);
                LOG.log(System.Logger.Level.INFO, () -> path + " was " + before + ", now owner-only");
            }
        } catch (NoSuchFileException absent) {
            // Nothing there to tighten.
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, () -> path + " could not be made owner-only (" + e.getMessage()
                    + "): run `chmod go-rwx " + path + "`");
        }
    }

    /**
     * Whether the folder's file system keeps the modes files are created with. Some mounts without
     * POSIX permissions (FAT, Windows drives under WSL) report every file as open to everyone.
     */
    static boolean keepsModes(Path folder) throws IOException {
        Path probe = createTempFile(folder, ".mode-probe-", ".tmp");
        try {
            return OWNER.containsAll(Files.getPosixFilePermissions(probe));
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path path, String permissions) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
