package dev.prompttracker.adapter.d1.migration;

import dev.prompttracker.adapter.d1.sql.SqlExecutor;
import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.adapter.d1.sql.SqlStatement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    /** Each migration with whether it is applied, in the order they run. */
    public List<Status> status(List<Migration> migrations) {
        Set<String> applied = applied();
        return migrations.stream().sorted(Migration.WRANGLER_ORDER)
                .map(m -> new Status(m.name(), applied.contains(m.name())))
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
        Set<String> names = new LinkedHashSet<>();
        for (SqlRow row : sql.read(SqlStatement.of("SELECT name FROM \"d1_migrations\" ORDER BY id")).rows()) {
            row.optionalText("name").ifPresent(names::add);
        }
        return names;
    }

    public record Status(String name, boolean applied) {
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
