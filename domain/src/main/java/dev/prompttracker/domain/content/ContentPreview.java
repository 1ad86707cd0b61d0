package dev.prompttracker.domain.content;

import java.util.Objects;

/** The first {@value #LENGTH} characters of a body, with {@code ...} appended when it was longer. */
public record ContentPreview(String value) {
    public static final int LENGTH = 100;
    private static final String ELLIPSIS = "...";

    public ContentPreview {
        Objects.requireNonNull(value, "value");
        if (Text.length(value) > LENGTH + ELLIPSIS.length()) {
            throw new IllegalArgumentException("a preview is at most " + (LENGTH + ELLIPSIS.length()) + " characters");
        }
    }

    public static ContentPreview of(String content) {
        if (Text.length(content) <= LENGTH) {
            return new ContentPreview(content);
        }
        return new ContentPreview(Text.prefix(content, LENGTH) + ELLIPSIS);
    }
}
