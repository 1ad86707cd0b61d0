package dev.prompttracker.domain.rating;

import dev.prompttracker.domain.error.Invalid;

/** A rating of one response, 1 (poor) to 5 (excellent). */
public record Stars(int value) {
    public static final int MIN = 1;
    public static final int MAX = 5;

    public Stars {
        if (value < MIN || value > MAX) {
            throw Invalid.field("stars", "must be " + MIN + " to " + MAX);
        }
    }
}
