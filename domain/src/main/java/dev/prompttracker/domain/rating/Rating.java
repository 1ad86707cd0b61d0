package dev.prompttracker.domain.rating;

import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;

/** One rater's stars for one response (one per rater and response: rating again replaces it). */
public record Rating(PromptId promptId, ResponseId responseId, UserId raterId, Stars stars, Note note,
                     Instant updatedAt) {
    public Rating {
        Objects.requireNonNull(promptId, "promptId");
        Objects.requireNonNull(responseId, "responseId");
        Objects.requireNonNull(raterId, "raterId");
        Objects.requireNonNull(stars, "stars");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
