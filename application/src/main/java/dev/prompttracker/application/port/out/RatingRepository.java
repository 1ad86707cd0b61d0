package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.rating.ModelComparison;
import dev.prompttracker.domain.rating.ModelRatings;
import dev.prompttracker.domain.rating.Preference;
import dev.prompttracker.domain.rating.Rating;
import dev.prompttracker.domain.rating.RatingScope;
import dev.prompttracker.domain.rating.ResponseRatings;
import dev.prompttracker.domain.user.UserId;

import java.util.List;
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

    /** The rater's ratings of the prompt's responses. */
    List<Rating> ratingsBy(PromptId prompt, UserId rater);

    /** The rater's preferences between the prompt's responses. */
    List<Preference> preferencesBy(PromptId prompt, UserId rater);

    /** Everyone's ratings of each rated response of the prompt, summed. */
    List<ResponseRatings> ratingTotals(PromptId prompt);

    /** Wins of one model over another in the scope, summed per ordered pair of model names. */
    List<ModelComparison> comparisons(RatingScope scope);

    /** Ratings per model name in the scope, summed. */
    List<ModelRatings> modelRatings(RatingScope scope);

    /** At most {@code limit} preferences of the scope in a stable order, after {@code cursor} (from the start when empty). */
    List<PreferenceRecord> preferencesAfter(RatingScope scope, Optional<String> cursor, int limit);
}
