package dev.prompttracker.adapter.d1.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One statement as it crosses the execution seam: SQL text with {@code ?} placeholders and the
 * values to bind, already normalised to the types every executor supports (see {@link SqlValues}).
 */
public record SqlStatement(String sql, List<Object> params) {
    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(params, "params");
        List<Object> normalised = new ArrayList<>(params.size());
        for (Object param : params) {
            normalised.add(SqlValues.normalise(param));
        }
        // Not List.copyOf: SQL NULL is a legitimate parameter.
        params = Collections.unmodifiableList(normalised);
    }

    public static SqlStatement of(String sql, Object... params) {
        return new SqlStatement(sql, java.util.Arrays.asList(params));
    }
}
