package dev.prompttracker.adapter.d1.sql;

/**
 * A statement broke a constraint. Repositories turn it into the domain error that fits
 * (a taken username is a {@code Conflict}, a missing parent row a {@code NotFound}).
 */
public final class SqlConstraintViolation extends RuntimeException {
    private final Kind kind;

    public SqlConstraintViolation(Kind kind, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** True when the store's message names this table.column (SQLite's wording on both executors). */
    public boolean concerns(String tableDotColumn) {
        String message = getMessage();
        return message != null && message.contains(tableDotColumn);
    }

    public enum Kind {
        UNIQUE,
        FOREIGN_KEY,
        OTHER;

        /** Classifies SQLite's constraint message, e.g. {@code UNIQUE constraint failed: users.email}. */
        public static Kind fromMessage(String message) {
            if (message == null) {
                return OTHER;
            }
            if (message.contains("UNIQUE constraint failed") || message.contains("PRIMARY KEY")) {
                return UNIQUE;
            }
            if (message.contains("FOREIGN KEY constraint failed")) {
                return FOREIGN_KEY;
            }
            return OTHER;
        }
    }
}
