package dev.prompttracker.domain.rating;

import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.user.UserId;

import java.util.Objects;
import java.util.Optional;

/** Whose judgements a leaderboard or an export counts: one rater's own, or everyone's on public prompts. */
public sealed interface RatingScope {
    record Mine(UserId rater) implements RatingScope {
        public Mine {
            Objects.requireNonNull(rater, "rater");
        }
    }

    record Public() implements RatingScope {
    }

    RatingScope PUBLIC = new Public();

    /** {@code mine} (the default, for a signed-in caller) or {@code public}. */
    static RatingScope parse(String raw, Optional<UserId> caller) {
        String name = raw == null || raw.isBlank() ? (caller.isPresent() ? "mine" : "public") : raw.strip();
        return switch (name) {
            case "public" -> PUBLIC;
            case "mine" -> new Mine(caller.orElseThrow(() -> Invalid.field("scope", "mine needs a signed-in caller")));
            default -> throw Invalid.field("scope", "must be mine or public");
        };
    }
}
