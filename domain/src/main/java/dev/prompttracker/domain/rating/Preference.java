package dev.prompttracker.domain.rating;

import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;

/**
 * One rater's judgement that one response of a prompt is better than another. One per rater and
 * unordered pair ({@link #pairKey()}): preferring B over A later replaces "A over B".
 */
public record Preference(PromptId promptId, ResponseId chosen, ResponseId rejected, UserId raterId, Note reason,
                         Instant updatedAt) {
    public Preference {
        Objects.requireNonNull(promptId, "promptId");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(rejected, "rejected");
        Objects.requireNonNull(raterId, "raterId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (chosen.equals(rejected)) {
            throw Invalid.field("rejectedResponseId", "must be another response than the chosen one");
        }
    }

    /** The pair without its order (the smaller id first): what makes a preference unique per rater. */
    public String pairKey() {
        String a = chosen.value();
        String b = rejected.value();
        return a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
    }
}
