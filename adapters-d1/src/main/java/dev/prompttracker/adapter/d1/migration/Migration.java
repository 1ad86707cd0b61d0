package dev.prompttracker.adapter.d1.migration;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One migration file: its name as wrangler records it (e.g. {@code 0001_init.sql}) and its SQL. */
public record Migration(String name, String sql) {
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)");

    /** Wrangler's order of file names: by leading number, numbered before unnumbered, then by name. */
    public static final Comparator<String> WRANGLER_NAME_ORDER = Comparator
            .comparing((String name) -> number(name) == null)
            .thenComparing(name -> number(name) == null ? 0L : number(name))
            .thenComparing(Comparator.naturalOrder());

    /** Wrangler's order: by leading number, numbered before unnumbered, then by name. */
    public static final Comparator<Migration> WRANGLER_ORDER = Comparator.comparing(Migration::name, WRANGLER_NAME_ORDER);

    public Migration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        if (!name.endsWith(".sql") || name.contains("'") || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("not a migration file name: " + name);
        }
    }

    private static Long number(String name) {
        Matcher matcher = LEADING_NUMBER.matcher(name);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : null;
    }
}
