package dev.prompttracker.application.port.in;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What an import did: per kind of record the created and already present ones, and what it skipped or changed. */
public record ImportReport(String format, Map<Kind, Count> counts, int skippedCount, List<Issue> skipped,
                           List<Issue> notes) {
    /** How many skipped records and notes a report lists (all are counted). */
    public static final int MAX_LISTED = 100;

    public enum Kind {
        PROMPT, VERSION, RESPONSE, RATING, PREFERENCE, COLLECTION;

        /** The name in the report: "prompt", "version", ... */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record Count(int created, int alreadyPresent) {
    }

    /** Where in the upload, and why. */
    public record Issue(String location, String reason) {
        public Issue {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public ImportReport {
        Objects.requireNonNull(format, "format");
        counts = Map.copyOf(counts);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    public Count count(Kind kind) {
        return counts.getOrDefault(kind, new Count(0, 0));
    }
}
