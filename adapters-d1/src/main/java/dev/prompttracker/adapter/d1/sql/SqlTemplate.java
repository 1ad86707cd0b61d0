package dev.prompttracker.adapter.d1.sql;

/**
 * A query rendered once, for the hot paths: jOOQ's rendering costs more CPU than SQLite spends
 * running a lookup by key, so the text is kept and only the values change from call to call.
 */
public record SqlTemplate(String sql, int parameterCount) {
    /** The statement with these values bound, in the order of the query's placeholders. */
    public SqlStatement bind(Object... values) {
        if (values.length != parameterCount) {
            throw new IllegalArgumentException("the query takes " + parameterCount + " values, got " + values.length);
        }
        return SqlStatement.of(sql, values);
    }
}
