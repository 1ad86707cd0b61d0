package dev.prompttracker.adapter.d1.sql;

import dev.prompttracker.domain.error.Unavailable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: a SQLite file through sqlite-jdbc, in WAL mode so readers never wait for the
 * writer. Writes go through one connection behind a lock (SQLite has one writer anyway, and queueing
 * in process beats spinning on SQLITE_BUSY); reads use a small pool of their own connections.
 * Writes are committed in groups: units of work that queue up while a transaction runs are committed
 * together by the first of them (the leader), each in its own savepoint, so a failing unit fails
 * alone, and every caller is answered only after the one COMMIT that made its unit durable.
 * SQLite's write lock is held only while a transaction runs, so other processes (operator
 * commands, the sqlite3 shell) can read and write between them. Calls block: run them off event loops.
 */
public final class SqliteSqlExecutor implements SqlExecutor {
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;
    private static final long MMAP_BYTES = 1L << 30;
    private static final long BORROW_TIMEOUT_SECONDS = 10;
    /** Bounds one transaction: the leader's own wait, and how much one failed COMMIT can take down. */
    static final int MAX_GROUP = 64;

    private enum Role { WRITER, READER, READ_ONLY_FILE }

    /** Absent when the file was opened read-only. */
    private final Writer writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** Guards {@link #queued}: units waiting for a commit, the one at the head leading the next group. */
    private final ReentrantLock queueLock = new ReentrantLock();
    private final Deque<QueuedUnit> queued = new ArrayDeque<>();
    private final AtomicInteger largestGroup = new AtomicInteger();
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders = new ArrayList<>();

    private SqliteSqlExecutor(String url, int readerCount, boolean readOnly) throws SQLException {
        this.writer = readOnly ? null : new Writer(open(url, Role.WRITER));
        this.readers = new ArrayBlockingQueue<>(readerCount);
        for (int i = 0; i < readerCount; i++) {
            Connection reader = open(url, readOnly ? Role.READ_ONLY_FILE : Role.READER);
            allReaders.add(reader);
            readers.add(reader);
        }
    }

    /** Opens (creating it owner-only if needed) the database file, with {@code readers} pooled read connections. */
    public static SqliteSqlExecutor open(Path file, int readers) {
        try {
            OwnerOnlyFiles.createDatabaseFile(file);
            return new SqliteSqlExecutor("jdbc:sqlite:" + file.toAbsolutePath(), Math.max(1, readers), false);
        } catch (SQLException | java.io.IOException e) {
            throw new Unavailable("cannot open the SQLite database " + file, e);
        }
    }

    /**
     * Opens an existing database file for reading only (SQLite's read-only open: never created,
     * never written, no write lock taken), for looking at a database another process serves from.
     */
    public static SqliteSqlExecutor openReadOnly(Path file) {
        try {
            return new SqliteSqlExecutor("jdbc:sqlite:" + file.toAbsolutePath(), 1, true);
        } catch (SQLException e) {
            throw new Unavailable("cannot open the SQLite database " + file + " for reading: " + e.getMessage(), e);
        }
    }

    private static Connection open(String url, Role role) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // Pages are read through a memory map of the file (address space, not heap: the OS's file cache,
        // reclaimable): no read call per page, and a full-text search touches thousands of pages.
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(MMAP_BYTES));
        if (role == Role.READ_ONLY_FILE) {
            // The journal mode is the file's own (WAL, set by the writer); setting it would be a write.
            config.setReadOnly(true);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.enforceForeignKeys(true);
        }
        Connection connection = config.createConnection(url);
        // sqlite-jdbc begins the next transaction as soon as one commits: a reader's BEGIN is deferred
        // and holds nothing until it reads, but the writer's would hold the write lock while idle,
        // so the writer stays in autocommit and runs BEGIN IMMEDIATE ... COMMIT around each unit itself.
        connection.setAutoCommit(role == Role.WRITER);
        return connection;
    }

    @Override
    public List<SqlResult> read(List<SqlStatement> statements) {
        Connection connection = borrowReader();
        try {
            List<SqlResult> results = run(connection, statements);
            connection.commit();
            return results;
        } catch (SQLException e) {
            rollbackQuietly(connection);
            throw translate(e);
        } finally {
            readers.add(connection);
        }
    }

    @Override
    public List<SqlResult> write(List<SqlStatement> statements) {
        Writer unitWriter = writer();
        QueuedUnit unit = new QueuedUnit(statements, queueLock.newCondition());
        List<QueuedUnit> group;
        queueLock.lock();
        try {
            queued.addLast(unit);
            while (!unit.done && queued.peekFirst() != unit) {
                unit.turn.awaitUninterruptibly();
            }
            if (unit.done) {
                return unit.outcome();
            }
            group = queued.stream().limit(MAX_GROUP).toList();
        } finally {
            queueLock.unlock();
        }
        try {
            writeLock.lock();
            try {
                commitGroup(unitWriter, group);
            } catch (Error e) {
                // An open transaction would make every later BEGIN fail.
                unitWriter.rollbackQuietly();
                throw e;
            } finally {
                writeLock.unlock();
            }
        } finally {
            handOver(group);
        }
        return unit.outcome();
    }

    /**
     * One transaction for the group, each unit in a savepoint. A unit that fails is undone alone and
     * its caller gets its error; the others are answered only once COMMIT has returned, and all of
     * them fail when it does not.
     */
    private static void commitGroup(Writer writer, List<QueuedUnit> group) {
        try {
            writer.begin();
        } catch (SQLException e) {
            group.forEach(unit -> unit.fail(translate(e)));
            return;
        }
        List<QueuedUnit> applied = new ArrayList<>(group.size());
        for (QueuedUnit unit : group) {
            try {
                writer.savepoint();
                unit.pendingResults = run(writer.connection, unit.statements);
                writer.release();
                applied.add(unit);
            } catch (SQLException | RuntimeException e) {
                unit.fail(e instanceof SQLException sql ? translate(sql) : (RuntimeException) e);
                if (!writer.undoSavepoint()) {
                    // SQLite rolled back the whole transaction (I/O error, full disk): nothing is kept.
                    writer.rollbackQuietly();
                    RuntimeException lost = new Unavailable("the database rolled back the transaction", e);
                    group.stream().filter(other -> other != unit).forEach(other -> other.fail(lost));
                    return;
                }
            }
        }
        try {
            writer.commit();
        } catch (SQLException e) {
            writer.rollbackQuietly();
            applied.forEach(unit -> unit.fail(translate(e)));
            return;
        }
        applied.forEach(QueuedUnit::succeed);
    }

    /** Takes the group off the queue, wakes its callers and the head of the next group. */
    private void handOver(List<QueuedUnit> group) {
        queueLock.lock();
        try {
            for (QueuedUnit unit : group) {
                queued.removeFirst();
                // Reached only when the commit was cut short by an Error; never leave a caller waiting.
                unit.failIfUndecided();
                unit.done = true;
                unit.turn.signal();
            }
            QueuedUnit next = queued.peekFirst();
            if (next != null) {
                next.turn.signal();
            }
            largestGroup.accumulateAndGet(group.size(), Math::max);
        } finally {
            queueLock.unlock();
        }
    }

    /** The most units one transaction has committed or tried to (for tests). */
    int largestGroup() {
        return largestGroup.get();
    }

    /** How many units wait for a commit, the running group included (for tests). */
    int queuedUnits() {
        queueLock.lock();
        try {
            return queued.size();
        } finally {
            queueLock.unlock();
        }
    }

    /** A caller's unit of work waiting for its group's commit; fields are guarded by the queue lock once done. */
    private static final class QueuedUnit {
        final List<SqlStatement> statements;
        final Condition turn;
        boolean done;
        List<SqlResult> pendingResults;
        List<SqlResult> results;
        RuntimeException failure;

        QueuedUnit(List<SqlStatement> statements, Condition turn) {
            this.statements = statements;
            this.turn = turn;
        }

        void succeed() {
            results = pendingResults;
        }

        void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }

        void failIfUndecided() {
            if (results == null && failure == null) {
                failure = new IllegalStateException("the write was interrupted before its commit");
            }
        }

        List<SqlResult> outcome() {
            if (failure != null) {
                throw failure;
            }
            return results;
        }
    }

    @Override
    public void executeScript(String script) {
        Writer unit = writer();
        writeLock.lock();
        try (Statement statement = unit.connection.createStatement()) {
            unit.begin();
            // executeUpdate hands the whole text to sqlite3_exec, which runs every statement in it.
            statement.executeUpdate(script);
            unit.commit();
        } catch (SQLException e) {
            unit.rollbackQuietly();
            throw translate(e);
        } finally {
            writeLock.unlock();
        }
    }

    private Writer writer() {
        if (writer == null) {
            throw new IllegalStateException("this SQLite database was opened read-only");
        }
        return writer;
    }

    /** The one write connection with its transaction statements, prepared once. */
    private static final class Writer {
        final Connection connection;
        private final PreparedStatement begin;
        private final PreparedStatement commit;
        private final PreparedStatement savepoint;
        private final PreparedStatement release;

        Writer(Connection connection) throws SQLException {
            this.connection = connection;
            // IMMEDIATE takes the write lock at BEGIN: a deferred transaction upgrading later can fail with BUSY.
            this.begin = connection.prepareStatement("BEGIN IMMEDIATE");
            this.commit = connection.prepareStatement("COMMIT");
            this.savepoint = connection.prepareStatement("SAVEPOINT unit");
            this.release = connection.prepareStatement("RELEASE unit");
        }

        void savepoint() throws SQLException {
            savepoint.execute();
        }

        void release() throws SQLException {
            release.execute();
        }

        /** Undoes the unit's savepoint; false when there is none left (SQLite ended the transaction). */
        boolean undoSavepoint() {
            try (Statement undo = connection.createStatement()) {
                undo.execute("ROLLBACK TO unit");
                undo.execute("RELEASE unit");
                return true;
            } catch (SQLException e) {
                return false;
            }
        }

        void begin() throws SQLException {
            begin.execute();
        }

        void commit() throws SQLException {
            commit.execute();
        }

        void rollbackQuietly() {
            try (Statement rollback = connection.createStatement()) {
                rollback.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // No transaction left to undo (BEGIN failed), or SQLite undoes it on close.
            }
        }

        void close() {
            closeQuietly(connection);
        }
    }

    private static List<SqlResult> run(Connection connection, List<SqlStatement> statements) throws SQLException {
        List<SqlResult> results = new ArrayList<>(statements.size());
        for (SqlStatement statement : statements) {
            try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
                List<Object> params = statement.params();
                for (int i = 0; i < params.size(); i++) {
                    prepared.setObject(i + 1, params.get(i));
                }
                if (prepared.execute()) {
                    try (ResultSet rows = prepared.getResultSet()) {
                        List<SqlRow> read = readRows(rows);
                        results.add(new SqlResult(read, read.size()));
                    }
                } else {
                    results.add(new SqlResult(List.of(), Math.max(0, prepared.getUpdateCount())));
                }
            }
        }
        return results;
    }

    private static List<SqlRow> readRows(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        // Each label is a native call: asked once per result, not once per row.
        String[] labels = new String[columns + 1];
        for (int i = 1; i <= columns; i++) {
            labels[i] = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
        }
        List<SqlRow> read = new ArrayList<>();
        while (rows.next()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 1; i <= columns; i++) {
                Object value = rows.getObject(i);
                values.put(labels[i], value instanceof Integer number ? Long.valueOf(number) : value);
            }
            read.add(new SqlRow(values));
        }
        return read;
    }

    private Connection borrowReader() {
        try {
            Connection connection = readers.poll(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (connection == null) {
                throw new Unavailable("the database is busy; try again");
            }
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for the database", e);
        }
    }

    private static RuntimeException translate(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            if (code.name().startsWith("SQLITE_CONSTRAINT")) {
                return new SqlConstraintViolation(SqlConstraintViolation.Kind.fromMessage(e.getMessage()),
                        e.getMessage(), e);
            }
            if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED
                    || code.name().startsWith("SQLITE_BUSY") || code.name().startsWith("SQLITE_IOERR")
                    || code == SQLiteErrorCode.SQLITE_FULL) {
                return new Unavailable("the database is unavailable: " + code.name(), e);
            }
        }
        // Anything else is a programming error (bad SQL, wrong types): not the caller's fault.
        return new IllegalStateException("SQL failed: " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what matters; a failed rollback leaves SQLite to undo on close.
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (writer != null) {
                writer.close();
            }
            allReaders.forEach(SqliteSqlExecutor::closeQuietly);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing at shutdown: nothing left to do with the error.
        }
    }
}
