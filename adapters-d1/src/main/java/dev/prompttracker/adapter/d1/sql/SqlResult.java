package dev.prompttracker.adapter.d1.sql;

import java.util.List;
import java.util.Optional;

/** What one statement produced: its rows (for queries and {@code RETURNING}) and how many rows it changed. */
public record SqlResult(List<SqlRow> rows, long changes) {
    public SqlResult {
        rows = List.copyOf(rows);
    }

    public Optional<SqlRow> firstRow() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }
}
