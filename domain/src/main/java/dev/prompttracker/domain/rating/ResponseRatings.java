package dev.prompttracker.domain.rating;

import dev.prompttracker.domain.prompt.ResponseId;

import java.util.Objects;

/** Everyone's ratings of one response: how many and the sum of their stars. */
public record ResponseRatings(ResponseId responseId, long count, long starsSum) {
    public ResponseRatings {
        Objects.requireNonNull(responseId, "responseId");
    }

    public double average() {
        return count == 0 ? 0 : (double) starsSum / count;
    }
}
