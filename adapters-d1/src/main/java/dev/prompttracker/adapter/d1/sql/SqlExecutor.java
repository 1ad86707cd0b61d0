package dev.prompttracker.adapter.d1.sql;

import java.util.List;

/**
 * The seam between the repositories and a SQLite-compatible store. A repository renders each unit of
 * work to statements and hands them over in one call, so a store reached over HTTP (D1) costs one
 * request per unit of work. Failures arrive as {@link SqlConstraintViolation} (the statement broke a
 * constraint) or as the domain's {@code Unavailable} (the store could not be reached or was busy).
 */
public interface SqlExecutor extends AutoCloseable {

    /** Runs read-only statements, all seeing the same snapshot, and returns one result per statement. */
    List<SqlResult> read(List<SqlStatement> statements);

    /** Runs the statements as one atomic unit: all take effect or none does. */
    List<SqlResult> write(List<SqlStatement> statements);

    /** Runs a script of several parameterless statements (a migration) as one atomic unit. */
    void executeScript(String script);

    default SqlResult read(SqlStatement statement) {
        return read(List.of(statement)).getFirst();
    }

    default SqlResult write(SqlStatement statement) {
        return write(List.of(statement)).getFirst();
    }

    @Override
    void close();
}
