package dev.prompttracker.domain.progress;

import dev.prompttracker.domain.error.Invalid;

/** A chapter of the handbook, numbered from 1 (at most {@value #MAX}). */
public record ChapterNumber(int value) {
    public static final int MAX = 10_000;

    public ChapterNumber {
        if (value < 1 || value > MAX) {
            throw Invalid.field("chapterNumber", "must be from 1 to " + MAX);
        }
    }

    public static ChapterNumber of(int value) {
        return new ChapterNumber(value);
    }
}
