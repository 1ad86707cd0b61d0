package dev.prompttracker.adapter.r2;

import dev.prompttracker.application.contract.BlobStoreContract;
import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.domain.content.BlobKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileBlobStoreTest implements BlobStoreContract {
    @TempDir
    Path folder;
    private FileBlobStore store;

    @Override
    public BlobStore blobs() {
        if (store == null) {
            store = new FileBlobStore(folder.resolve("blobs"));
        }
        return store;
    }

    @Test
    void keepsEachBodyInOneFileDirectlyInsideItsFolderAndNoTemporaryFiles() throws Exception {
        BlobKey key = BlobKey.newPromptKey(Instant.parse("2026-11-22T10:00:00Z"));
        blobs().put(key, "body".getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(folder.resolve("blobs"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(key.value());
        }
    }

    @Test
    void theFoldersItCreatesAndTheBodiesItWritesAreOwnerOnly() throws Exception {
        Path blobs = folder.resolve("data").resolve("blobs");
        BlobKey key = BlobKey.newPromptKey(Instant.parse("2026-11-22T10:00:00Z"));
        new FileBlobStore(blobs).put(key, "private".getBytes(StandardCharsets.UTF_8));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(blobs.resolve(key.value()))))
                .isEqualTo("rw-------");
        for (Path made : new Path[] {blobs, blobs.getParent()}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).as(made.toString())
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void leftoverTemporaryFilesFromACrashAreRemovedAtStart() throws Exception {
        Path blobs = Files.createDirectories(folder.resolve("blobs"));
        Path leftover = Files.writeString(blobs.resolve(".tmp-123.part"), "half a body");
        new FileBlobStore(blobs);
        assertThat(leftover).doesNotExist();
    }

    @Test
    void aSymbolicLinkPlantedUnderAKeyIsNotFollowed() throws Exception {
        Path blobs = Files.createDirectories(folder.resolve("blobs"));
        Path secret = Files.writeString(folder.resolve("secret.txt"), "top secret");
        BlobKey key = BlobKey.newPromptKey(Instant.parse("2026-11-22T10:00:00Z"));
        Files.createSymbolicLink(blobs.resolve(key.value()), secret);
        assertThat(new FileBlobStore(blobs).get(key)).isEmpty();
    }

    @Test
    void aFolderUnderAKeyOrALinkToOneIsRefusedAndLeftAlone() throws Exception {
        Path blobs = Files.createDirectories(folder.resolve("blobs"));
        BlobKey planted = BlobKey.newPromptKey(Instant.parse("2026-11-22T10:00:00Z"));
        BlobKey linked = BlobKey.newPromptKey(Instant.parse("2026-11-22T10:00:01Z"));
        Path folderUnderKey = Files.createDirectories(blobs.resolve(planted.value()).resolve("inside"));
        Files.createSymbolicLink(blobs.resolve(linked.value()), folderUnderKey);
        FileBlobStore store = new FileBlobStore(blobs);
        for (BlobKey key : new BlobKey[] {planted, linked}) {
            assertThatThrownBy(() -> store.put(key, new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.get(key)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(folderUnderKey).isDirectory().isEmptyDirectory();
    }
}
