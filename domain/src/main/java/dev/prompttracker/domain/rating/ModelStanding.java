package dev.prompttracker.domain.rating;

import java.util.Optional;

/**
 * One model's line of the leaderboard: wins and losses in pairwise preferences, the average of its
 * ratings (empty without any), and its Bradley–Terry score on an Elo-like scale (1000 = average).
 */
public record ModelStanding(String model, long wins, long losses, long ratingCount, Optional<Double> averageStars,
                            double score) {
    public long comparisons() {
        return wins + losses;
    }
}
