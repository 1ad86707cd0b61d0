package dev.prompttracker.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration variables: the process environment, over an optional {@code .dev.vars} file of
 * {@code KEY=value} lines (wrangler's format) in the working directory. Real environment variables win.
 */
public final class Environment {
    private final Map<String, String> values;

    private Environment(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Environment of(Map<String, String> values) {
        return new Environment(values);
    }

    /** The process environment over {@code devVars} when that file exists. */
    public static Environment load(Map<String, String> processEnvironment, Path devVars) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (Files.isRegularFile(devVars)) {
            merged.putAll(parseDevVars(readString(devVars)));
        }
        merged.putAll(processEnvironment);
        return new Environment(merged);
    }

    static Map<String, String> parseDevVars(String text) {
        Map<String, String> parsed = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.split("\r?\n")) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new ConfigurationError(".dev.vars line " + lineNumber + " is not KEY=value");
            }
            String key = trimmed.substring(0, equals).strip();
            String value = trimmed.substring(equals + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            parsed.put(key, value);
        }
        return parsed;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
