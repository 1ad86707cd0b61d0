package dev.prompttracker.domain.rating;

import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A rank order of all responses of a prompt, best first. It is stored as the pairwise preferences it
 * implies (each response over every one ranked below it), so preferences stay the one source.
 */
public final class Ranking {
    private Ranking() {
    }

    /**
     * The preferences {@code order} implies; {@code all} are the prompt's responses, each of which the
     * order must name exactly once.
     */
    public static List<Preference> preferences(PromptId prompt, List<ResponseId> order, Set<ResponseId> all,
                                               UserId rater, Note reason, Instant now) {
        if (all.size() < 2) {
            throw Invalid.field("responseIds", "a ranking needs a prompt with at least two responses");
        }
        Set<ResponseId> seen = new HashSet<>();
        for (ResponseId id : order) {
            if (!seen.add(id)) {
                throw Invalid.field("responseIds", "names response " + id + " twice");
            }
        }
        if (!seen.equals(all)) {
            throw Invalid.field("responseIds", "must name every response of the prompt exactly once ("
                    + all.size() + " responses)");
        }
        List<Preference> implied = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            for (int j = i + 1; j < order.size(); j++) {
                implied.add(new Preference(prompt, order.get(i), order.get(j), rater, reason, now));
            }
        }
        return List.copyOf(implied);
    }
}
