package dev.prompttracker.domain.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A text cut into parts that matched the search and parts that did not, so a client renders the
 * matches (for example as {@code <mark>}) without ever interpreting the text as markup.
 */
public record Highlighted(List<Part> parts) {
    /** Marks the start of a match in the index's output; never part of indexed text (see {@link SearchText}). */
    public static final char MATCH_START = '\u0002';
    public static final char MATCH_END = '\u0003';
    public static final Highlighted EMPTY = new Highlighted(List.of());

    public Highlighted {
        parts = List.copyOf(parts);
    }

    public record Part(String text, boolean match) {
        public Part {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Parses text whose matches sit between {@link #MATCH_START} and {@link #MATCH_END}; stray markers are dropped. */
    public static Highlighted fromMarked(String marked) {
        List<Part> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inMatch = false;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == MATCH_START || c == MATCH_END) {
                boolean opens = c == MATCH_START;
                if (opens != inMatch) {
                    add(parts, current, inMatch);
                    inMatch = opens;
                }
                continue;
            }
            current.append(c);
        }
        add(parts, current, inMatch);
        return new Highlighted(parts);
    }

    private static void add(List<Part> parts, StringBuilder text, boolean match) {
        if (!text.isEmpty()) {
            parts.add(new Part(text.toString(), match));
            text.setLength(0);
        }
    }

    public boolean hasMatch() {
        return parts.stream().anyMatch(Part::match);
    }

    public String plain() {
        StringBuilder text = new StringBuilder();
        parts.forEach(part -> text.append(part.text()));
        return text.toString();
    }
}
