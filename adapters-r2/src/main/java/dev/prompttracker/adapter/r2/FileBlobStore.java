package dev.prompttracker.adapter.r2;

import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.Unavailable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The embedded blob store: one file per key in a folder. A write goes to a temporary file that is
 * flushed and then renamed over the target, so a reader sees the old body or the new one, never
 * half of one. Keys are confined to the folder: only {@link BlobKey}'s strict pattern reaches here,
 * and the resolved path is checked to sit directly inside the folder. A folder it creates and every
 * body it writes are owner-only.
 */
public final class FileBlobStore implements BlobStore {
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    public FileBlobStore(Path folder) {
        try {
            OwnerOnlyFiles.createFolder(folder);
            this.root = folder.toRealPath();
            removeAbandonedTemporaryFiles();
        } catch (IOException e) {
            throw new Unavailable("cannot use blob folder " + folder, e);
        }
    }

    @Override
    public void put(BlobKey key, byte[] content) {
        Path target = pathOf(key);
        Path temporary = null;
        try {
            temporary = OwnerOnlyFiles.createTempFile(root, TEMP_PREFIX, ".part");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new Unavailable("cannot write blob " + key, e);
        }
    }

    @Override
    public Optional<byte[]> get(BlobKey key) {
        Path path = pathOf(key);
        try {
            if (Files.isSymbolicLink(path)) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new Unavailable("cannot read blob " + key, e);
        }
    }

    @Override
    public void delete(BlobKey key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw new Unavailable("cannot delete blob " + key, e);
        }
    }

    private Path pathOf(BlobKey key) {
        Path path = root.resolve(key.value()).normalize();
        // Following links here is stricter and costs no exception for an absent file (the NOFOLLOW form
        // builds a NoSuchFileException, stack trace and all, for every new blob).
        if (!root.equals(path.getParent()) || Files.isDirectory(path)) {
            throw new IllegalArgumentException("blob key escapes the blob folder");
        }
        return path;
    }

    /** A crash between write and rename leaves a temporary file; nothing refers to it. */
    private void removeAbandonedTemporaryFiles() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(root, TEMP_PREFIX + "*")) {
            for (Path leftover : leftovers) {
                deleteQuietly(leftover);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover temporary file is removed at the next start.
        }
    }
}
