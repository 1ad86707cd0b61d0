package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.rating.ModelComparison;
import dev.prompttracker.domain.rating.ModelRatings;
import dev.prompttracker.domain.rating.Preference;
import dev.prompttracker.domain.rating.Rating;
import dev.prompttracker.domain.rating.RatingScope;
import dev.prompttracker.domain.rating.ResponseRatings;
import dev.prompttracker.domain.user.UserId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ratings and pairwise preferences of responses. Deleting a response or a prompt deletes its ratings
 * and preferences with it (the prompt and response repositories do so in the same atomic write);
 * reads never return one whose response is gone.
 */
public interface RatingRepository {

    /** Stores the rating, replacing the rater's earlier one of the same response; {@code NotFound} when the response is gone. */
    void saveRating(Rating rating);

    /**
     * Stores the preferences as one atomic unit, each replacing the rater's earlier one of the same
     * unordered pair; {@code NotFound} when a response is gone.
     */
    void savePreferences(List<Preference> preferences);

    /**
     * {@link #saveRating} in one unit with its checks, one call to the store: only if the rating's prompt
     * is readable by its rater (public, or theirs) and holds its response. Returns the prompt with its
     * responses as that unit left them (empty when there is no such prompt) and whether it saved, so the
     * caller can tell why not.
     */
    Optional<Judged> saveRatingIfAllowed(Rating rating);

    /**
     * {@link #savePreferences} for preferences (at least one) of one prompt by one rater, in one unit with
     * its checks: only if the prompt is readable by the rater and holds every response they name and, when
     * {@code wholeRanking}, no other. Returns as {@link #saveRatingIfAllowed}.
     */
    Optional<Judged> savePreferencesIfAllowed(List<Preference> preferences, boolean wholeRanking);

    /** The rater's ratings of the prompt's responses. */
    List<Rating> ratingsBy(PromptId prompt, UserId rater);

    /** The rater's preferences between the prompt's responses. */
    List<Preference> preferencesBy(PromptId prompt, UserId rater);

    /**
     * The prompt with what {@code viewer} may see of its judgements, read as one unit: the viewer's own
     * ratings and preferences and, only when the viewer owns the prompt, everyone's ratings of each rated
     * response summed (nothing for no viewer). Empty when there is no such prompt.
     */
    Optional<PromptJudgements> judgementsOf(PromptId prompt, Optional<UserId> viewer);

    /**
     * What a leaderboard of the scope is fitted to, read as one unit: wins of one model over another,
     * summed per ordered pair of model names, and ratings per model name, summed.
     */
    LeaderboardInputs leaderboardInputs(RatingScope scope);

    /** At most {@code limit} preferences of the scope in a stable order, after {@code cursor} (from the start when empty). */
    List<PreferenceRecord> preferencesAfter(RatingScope scope, Optional<String> cursor, int limit);

    /** A prompt with judgements of it; see {@link #judgementsOf}. */
    record PromptJudgements(Prompt prompt, List<Rating> ratings, List<Preference> preferences,
                            List<ResponseRatings> totals) {
        public PromptJudgements {
            Objects.requireNonNull(prompt, "prompt");
            ratings = List.copyOf(ratings);
            preferences = List.copyOf(preferences);
            totals = List.copyOf(totals);
        }
    }

    /** See {@link #leaderboardInputs}. */
    record LeaderboardInputs(List<ModelComparison> comparisons, List<ModelRatings> modelRatings) {
        public LeaderboardInputs {
            comparisons = List.copyOf(comparisons);
            modelRatings = List.copyOf(modelRatings);
        }
    }

    /** What a judgement's checks found, in the unit that saved it or not: the prompt with its responses. */
    record Judged(PromptWithResponses found, boolean saved) {
        public Judged {
            Objects.requireNonNull(found, "found");
        }
    }

    /** The one prompt and rater of {@code preferences}, which must share them. */
    static Preference sameJudge(List<Preference> preferences) {
        if (preferences.isEmpty()) {
            throw new IllegalArgumentException("no preferences to save");
        }
        Preference first = preferences.getFirst();
        if (preferences.stream().anyMatch(p -> !p.promptId().equals(first.promptId()) || !p.raterId().equals(first.raterId()))) {
            throw new IllegalArgumentException("preferences of one prompt by one rater");
        }
        return first;
    }
}
