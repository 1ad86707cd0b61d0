package dev.prompttracker.adapter.d1.sql;

import dev.prompttracker.domain.error.Unavailable;

import java.util.List;
import java.util.Optional;

/**
 * What one statement produced: its rows (for queries and {@code RETURNING}) and how many rows it
 * changed. A {@code RETURNING} write that committed on an attempt whose answer was lost
 * ({@link #rowsLost(long)}) has no rows to give: reading them is {@link Unavailable}.
 */
public record SqlResult(List<SqlRow> rows, long changes, boolean answered) {
    public static final String LOST = "the change was saved, but the database's answer was lost on the way; "
            + "reload to see it";

    public SqlResult {
        rows = List.copyOf(rows);
    }

    public SqlResult(List<SqlRow> rows, long changes) {
        this(rows, changes, true);
    }

    /** A write statement known to have committed, whose {@code RETURNING} rows were lost with the answer. */
    public static SqlResult rowsLost(long changes) {
        return new SqlResult(List.of(), changes, false);
    }

    @Override
    public List<SqlRow> rows() {
        if (!answered) {
            throw new Unavailable(LOST, null);
        }
        return rows;
    }

    public Optional<SqlRow> firstRow() {
        return rows().isEmpty() ? Optional.empty() : Optional.of(rows().getFirst());
    }
}
