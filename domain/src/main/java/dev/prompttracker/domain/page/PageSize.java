package dev.prompttracker.domain.page;

import dev.prompttracker.domain.error.Invalid;

/**
 * How many items a page holds: {@value #DEFAULT} when not given (0), at most {@value #MAX} (larger
 * requests are lowered to it, as AIP-158 recommends), and never negative.
 */
public record PageSize(int value) {
    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    public PageSize {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException("page size out of range");
        }
    }

    public static PageSize of(int requested) {
        if (requested < 0) {
            throw Invalid.field("pageSize", "must not be negative");
        }
        if (requested == 0) {
            return new PageSize(DEFAULT);
        }
        return new PageSize(Math.min(requested, MAX));
    }
}
