package dev.prompttracker.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which process writes the embedded database: an advisory lock on a file beside it, held by the server
 * for its whole life and by {@code migrate apply} while it runs; the file names the holder. The
 * operating system drops the lock when its process ends, however it ends, so it never goes stale.
 * SQLite's own locks cannot tell this: an idle server holds none of them. The lock is on a file of its
 * own because SQLite's POSIX locks on the database would be dropped when this process closed any
 * other descriptor of it.
 */
final class DatabaseLock implements AutoCloseable {
    /**
     * Lock files locked by this process, with their holders. A second channel on such a file is never
     * opened: closing it would drop the process's POSIX lock on the file, whichever channel took it.
     */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DatabaseLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the embedded database when the configuration uses one (a remote D1 database
     * has no lock here), naming {@code holder} (e.g. "a running prompt-tracker server") in it.
     *
     * @throws InUse when another process, or another part of this one, holds it
     */
    static Optional<DatabaseLock> acquireFor(AppConfig config, String holder, Instant now) {
        if (config.stores().metadata() != CloudConfig.Metadata.SQLITE) {
            return Optional.empty();
        }
        String description = holder + " (pid " + ProcessHandle.current().pid() + ", since "
                + now.truncatedTo(ChronoUnit.SECONDS) + ")";
        return Optional.of(acquire(config.databaseLockFile().toAbsolutePath().normalize(), config.databaseFile(),
                description));
    }

    private static DatabaseLock acquire(Path file, Path database, String description) {
        String heldHere = HELD_HERE.putIfAbsent(file, description);
        if (heldHere != null) {
            throw new InUse(database, heldHere);
        }
        boolean locked = false;
        try {
            OwnerOnlyFiles.folder(file.getParent());
            FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE), OwnerOnlyFiles.fileAttributes(file));
            OwnerOnlyFiles.tighten(file);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw new InUse(database, holderIn(channel));
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((description + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                locked = true;
                return new DatabaseLock(file, channel, lock);
            } finally {
                if (!locked) {
                    channel.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        } finally {
            if (!locked) {
                HELD_HERE.remove(file);
            }
        }
    }

    private static String holderIn(FileChannel channel) throws IOException {
        ByteBuffer text = ByteBuffer.allocate(512);
        channel.read(text, 0);
        String holder = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8).strip();
        // Empty while the holder is still writing its name.
        return holder.isEmpty() ? "another prompt-tracker process" : holder;
    }

    @Override
    public void close() {
        try (channel) {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel releases the lock anyway, and so does the end of the process.
        } finally {
            HELD_HERE.remove(file);
        }
    }

    /** The lock is held elsewhere; the message names the database and its holder. */
    static final class InUse extends RuntimeException {
        InUse(Path database, String holder) {
            super("the database " + database + " is in use by " + holder);
        }
    }
}
