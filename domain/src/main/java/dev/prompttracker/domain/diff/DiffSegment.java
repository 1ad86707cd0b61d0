package dev.prompttracker.domain.diff;

import java.util.Objects;

/** A run of text with one {@link DiffOp}: whole lines in an unchanged hunk, words and spaces in a changed one. */
public record DiffSegment(DiffOp op, String text) {
    public DiffSegment {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty segment");
        }
    }
}
