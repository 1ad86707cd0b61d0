package dev.prompttracker.adapter.d1.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One result row by column name, with typed readers that accept what either executor returns. */
public record SqlRow(Map<String, Object> values) {
    public SqlRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String text(String column) {
        Object value = require(column);
        if (value instanceof String text) {
            return text;
        }
        throw typeError(column, "text", value);
    }

    public Optional<String> optionalText(String column) {
        Object value = values.get(column);
        return value == null ? Optional.empty() : Optional.of(text(column));
    }

    public long integer(String column) {
        Object value = require(column);
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof Integer number) {
            return number;
        }
        if (value instanceof Double number && number == Math.rint(number)) {
            return number.longValue();
        }
        throw typeError(column, "integer", value);
    }

    public Optional<Long> optionalInteger(String column) {
        Object value = values.get(column);
        return value == null ? Optional.empty() : Optional.of(integer(column));
    }

    public boolean bool(String column) {
        Object value = require(column);
        if (value instanceof Boolean flag) {
            return flag;
        }
        return integer(column) != 0;
    }

    private Object require(String column) {
        Object value = values.get(column);
        if (value == null) {
            throw new IllegalStateException("column " + column + " is missing or NULL");
        }
        return value;
    }

    private static IllegalStateException typeError(String column, String expected, Object value) {
        return new IllegalStateException("column " + column + " is not " + expected + " but "
                + value.getClass().getSimpleName());
    }
}
