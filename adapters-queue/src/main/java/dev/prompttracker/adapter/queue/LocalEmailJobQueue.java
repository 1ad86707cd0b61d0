package dev.prompttracker.adapter.queue;

import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.id.Uuids;
import dev.prompttracker.domain.mail.EmailJob;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded email queue: a SQLite file of its own, so jobs survive a restart. Receiving leases a
 * job (hides it for the visibility timeout and counts the attempt) in one transaction; a job whose
 * lease runs out without an ack is delivered again; a job received {@code maxAttempts} times
 * without success, or one that cannot be read, moves to the dead letters.
 */
public final class LocalEmailJobQueue implements EmailJobQueue, AutoCloseable {
    private final Connection db;
    private final Clock clock;
    private final int maxAttempts;

    private LocalEmailJobQueue(Connection db, Clock clock, int maxAttempts) {
        this.db = db;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    public static LocalEmailJobQueue open(Path file, Clock clock, int maxAttempts) {
        try {
            OwnerOnlyFiles.createDatabaseFile(file);
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(5_000);
            Connection db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement ddl = db.createStatement()) {
                ddl.executeUpdate("""
                        CREATE TABLE IF NOT EXISTS messages (
                            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
                            id          TEXT    NOT NULL UNIQUE,
                            body        TEXT    NOT NULL,
                            attempts    INTEGER NOT NULL DEFAULT 0,
                            visible_at  INTEGER NOT NULL,
                            receipt     TEXT,
                            enqueued_at INTEGER NOT NULL
                        );
                        CREATE INDEX IF NOT EXISTS messages_visible ON messages (visible_at, seq);
                        CREATE TABLE IF NOT EXISTS dead_letters (
                            seq      INTEGER PRIMARY KEY AUTOINCREMENT,
                            id       TEXT    NOT NULL,
                            body     TEXT    NOT NULL,
                            reason   TEXT    NOT NULL,
                            attempts INTEGER NOT NULL,
                            at       INTEGER NOT NULL
                        );""");
            }
            db.setAutoCommit(false);
            db.commit();
            return new LocalEmailJobQueue(db, clock, maxAttempts);
        } catch (SQLException | IOException e) {
            throw new Unavailable("cannot open the email queue at " + file, e);
        }
    }

    @Override
    public synchronized void enqueue(EmailJob job) {
        inTransaction(() -> {
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO messages (id, body, visible_at, enqueued_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                long now = clock.millis();
                insert.setString(1, job.id());
                insert.setString(2, EmailJobCodec.encode(job));
                insert.setLong(3, now);
                insert.setLong(4, now);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public synchronized List<Delivery> receive(int max, Duration visibilityTimeout) {
        return inTransaction(() -> {
            long now = clock.millis();
            List<Delivery> deliveries = new ArrayList<>();
            List<Object[]> candidates = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement(
                    "SELECT id, body, attempts FROM messages WHERE visible_at <= ? ORDER BY seq LIMIT ?")) {
                select.setLong(1, now);
                select.setInt(2, Math.max(1, max) * 2);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        candidates.add(new Object[] {rows.getString(1), rows.getString(2), rows.getInt(3)});
                    }
                }
            }
            for (Object[] candidate : candidates) {
                if (deliveries.size() >= max) {
                    break;
                }
                String id = (String) candidate[0];
                String body = (String) candidate[1];
                int attempts = (Integer) candidate[2];
                if (attempts >= maxAttempts) {
                    moveToDeadLetters(id, "received " + attempts + " times without success", now);
                    continue;
                }
                Optional<EmailJob> job = EmailJobCodec.decode(body);
                if (job.isEmpty()) {
                    moveToDeadLetters(id, "unreadable message body", now);
                    continue;
                }
                String receipt = Uuids.random();
                try (PreparedStatement lease = db.prepareStatement(
                        "UPDATE messages SET attempts = attempts + 1, visible_at = ?, receipt = ? WHERE id = ?")) {
                    lease.setLong(1, now + visibilityTimeout.toMillis());
                    lease.setString(2, receipt);
                    lease.setString(3, id);
                    lease.executeUpdate();
                }
                deliveries.add(new Delivery(receipt, job.get(), attempts + 1));
            }
            return deliveries;
        });
    }

    @Override
    public synchronized void ack(Delivery delivery) {
        inTransaction(() -> {
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM messages WHERE id = ?")) {
                delete.setString(1, delivery.job().id());
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public synchronized void retry(Delivery delivery, Duration delay) {
        inTransaction(() -> {
            try (PreparedStatement update = db.prepareStatement(
                    "UPDATE messages SET visible_at = ? WHERE id = ? AND receipt = ?")) {
                update.setLong(1, clock.millis() + delay.toMillis());
                update.setString(2, delivery.job().id());
                update.setString(3, delivery.receiptId());
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public synchronized void deadLetter(Delivery delivery, String reason) {
        inTransaction(() -> {
            moveToDeadLetters(delivery.job().id(), reason, clock.millis());
            return null;
        });
    }

    @Override
    public synchronized List<DeadLetter> deadLetters(int max) {
        return inTransaction(() -> {
            List<DeadLetter> dead = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement(
                    "SELECT id, reason, attempts, at, body FROM dead_letters ORDER BY seq DESC LIMIT ?")) {
                select.setInt(1, max);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        dead.add(new DeadLetter(rows.getString(1), rows.getString(2), rows.getInt(3),
                                Instant.ofEpochMilli(rows.getLong(4)), EmailJobCodec.decode(rows.getString(5))));
                    }
                }
            }
            return dead;
        });
    }

    /** Jobs waiting or in flight. */
    public synchronized int size() {
        return inTransaction(() -> {
            try (Statement count = db.createStatement(); ResultSet rows = count.executeQuery("SELECT count(*) FROM messages")) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        });
    }

    /** The dead letter keeps the job without its secrets (a body that is not a job: only its size). */
    private void moveToDeadLetters(String id, String reason, long now) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT body, attempts FROM messages WHERE id = ?");
             PreparedStatement copy = db.prepareStatement(
                     "INSERT INTO dead_letters (id, body, reason, attempts, at) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement delete = db.prepareStatement("DELETE FROM messages WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return;
                }
                String body = rows.getString(1);
                copy.setString(1, id);
                copy.setString(2, EmailJobCodec.decode(body).map(job -> EmailJobCodec.encode(job.withoutSecrets()))
                        .orElse(EmailJobCodec.UNREADABLE));
                copy.setString(3, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
                copy.setInt(4, rows.getInt(2));
                copy.setLong(5, now);
            }
            copy.executeUpdate();
            delete.setString(1, id);
            delete.executeUpdate();
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // The failure below is what matters.
            }
            throw new Unavailable("the email queue failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // Shutting down.
        }
    }
}
