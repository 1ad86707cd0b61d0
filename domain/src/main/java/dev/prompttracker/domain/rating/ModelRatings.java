package dev.prompttracker.domain.rating;

import java.util.Objects;

/** The ratings of one model's responses: how many, and the sum of their stars. */
public record ModelRatings(String model, long count, long starsSum) {
    public ModelRatings {
        Objects.requireNonNull(model, "model");
        if (count < 0 || starsSum < count * Stars.MIN || starsSum > count * Stars.MAX) {
            throw new IllegalArgumentException("not the sum of " + count + " ratings: " + starsSum);
        }
    }
}
