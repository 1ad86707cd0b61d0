package dev.prompttracker.domain.rating;

import java.util.Objects;

/** How often a response of {@code winner} was preferred over one of {@code loser}. */
public record ModelComparison(String winner, String loser, long count) {
    public ModelComparison {
        Objects.requireNonNull(winner, "winner");
        Objects.requireNonNull(loser, "loser");
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive");
        }
    }
}
