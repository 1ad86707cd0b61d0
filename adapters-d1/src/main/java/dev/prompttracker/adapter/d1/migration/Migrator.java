package dev.prompttracker.adapter.d1.migration;

import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.adapter.d1.sql.SqlStatement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Applies migrations the way {@code wrangler d1 migrations apply} does, into the same
 * {@code d1_migrations} table, so either tool can manage the same database: a file is pending when
 * its name is not recorded; each pending file runs together with its bookkeeping insert as one
 * atomic unit, in order, stopping at the first failure.
 */
public final class Migrator {
    private static final System.Logger LOG = System.getLogger(Migrator.class.getName());

    /** Wrangler's DDL, verbatim (packages/wrangler/src/d1/migrations/helpers.ts). */
    static final String CREATE_TABLE = """
            CREATE TABLE IF NOT EXISTS "d1_migrations"(
            		id         INTEGER PRIMARY KEY AUTOINCREMENT,
            		name       TEXT UNIQUE,
            		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
            );""";

    private final SqlExecutor sql;

    public Migrator(SqlExecutor sql) {
        this.sql = sql;
    }

    /**
     * Each migration of {@code known} with whether it is applied, and each one recorded as applied
     * that is not among them (by a newer build or by wrangler), in wrangler's order. Only reads: it
     * works on a read-only connection and beside a running server.
     */
    public List<Status> status(List<Migration> known) {
        return status(known, recorded());
    }

    /** The status of {@code known} against the names recorded as applied (none for a database not yet created). */
    public static List<Status> status(List<Migration> known, Collection<String> applied) {
        Set<String> knownNames = known.stream().map(Migration::name).collect(Collectors.toSet());
        Stream<Status> ofKnown = known.stream()
                .map(m -> new Status(m.name(), applied.contains(m.name()) ? State.APPLIED : State.PENDING));
        Stream<Status> unknown = applied.stream().filter(name -> !knownNames.contains(name)).distinct()
                .map(name -> new Status(name, State.APPLIED_UNKNOWN));
        return Stream.concat(ofKnown, unknown)
                .sorted(Comparator.comparing(Status::name, Migration.WRANGLER_NAME_ORDER))
                .toList();
    }

    /** Applies every pending migration in order; returns the names applied. */
    public List<String> apply(List<Migration> migrations) {
        Set<String> applied = applied();
        List<String> done = new ArrayList<>();
        for (Migration migration : migrations.stream().sorted(Migration.WRANGLER_ORDER).toList()) {
            if (applied.contains(migration.name())) {
                continue;
            }
            try {
                sql.executeScript(migration.sql() + "\nINSERT INTO \"d1_migrations\" (name) values ('"
                        + migration.name() + "');");
            } catch (RuntimeException e) {
                throw new MigrationFailed(migration.name(), done, e);
            }
            LOG.log(System.Logger.Level.INFO, "applied migration {0}", migration.name());
            done.add(migration.name());
        }
        return done;
    }

    private Set<String> applied() {
        sql.executeScript(CREATE_TABLE);
        return readNames();
    }

    /** Like {@link #applied()} without creating the table: status must not write. */
    private Set<String> recorded() {
        boolean tableExists = sql.read(SqlStatement.of(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'd1_migrations'")).firstRow().isPresent();
        return tableExists ? readNames() : Set.of();
    }

    private Set<String> readNames() {
        Set<String> names = new LinkedHashSet<>();
        for (SqlRow row : sql.read(SqlStatement.of("SELECT name FROM \"d1_migrations\" ORDER BY id")).rows()) {
            row.optionalText("name").ifPresent(names::add);
        }
        return names;
    }

    public enum State {
        APPLIED,
        PENDING,
        /** Recorded in {@code d1_migrations} but not among this build's files. */
        APPLIED_UNKNOWN
    }

    public record Status(String name, State state) {
        /** Applied, whether this build knows the file or not. */
        public boolean applied() {
            return state != State.PENDING;
        }
    }

    /** A migration failed and was rolled back; those before it stay applied. */
    public static final class MigrationFailed extends RuntimeException {
        private final List<String> appliedBefore;

        MigrationFailed(String name, List<String> appliedBefore, Throwable cause) {
            super("migration " + name + " failed and was rolled back: " + cause.getMessage(), cause);
            this.appliedBefore = List.copyOf(appliedBefore);
        }

        public List<String> appliedBefore() {
            return appliedBefore;
        }
    }
}
