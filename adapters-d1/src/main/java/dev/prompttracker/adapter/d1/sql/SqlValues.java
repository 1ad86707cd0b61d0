package dev.prompttracker.adapter.d1.sql;

/**
 * The value types that cross the seam: {@code null}, {@link Long}, {@link Double} and {@link String}.
 * They are what SQLite stores and what D1's JSON API can carry: booleans travel as 0/1, and binary
 * values are refused because D1's HTTP API has no binary parameter type.
 */
public final class SqlValues {
    private SqlValues() {
    }

    public static Object normalise(Object value) {
        return switch (value) {
            case null -> null;
            case String text -> text;
            case Long number -> number;
            case Integer number -> number.longValue();
            case Short number -> number.longValue();
            case Byte number -> number.longValue();
            case Boolean flag -> flag ? 1L : 0L;
            case Double number -> finite(number);
            case Float number -> finite(number.doubleValue());
            default -> throw new IllegalArgumentException("unsupported SQL parameter type " + value.getClass().getName());
        };
    }

    private static Double finite(double number) {
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw new IllegalArgumentException("NaN and infinity cannot be stored");
        }
        return number;
    }
}
