package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.Tag;
import dev.prompttracker.domain.user.UserId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Prompt metadata (the bodies are in the {@link BlobStore}). Lists are ordered newest update first. */
public interface PromptRepository {

    void create(Prompt prompt);

    Optional<Prompt> findById(PromptId id);

    /** The prompt and its responses (oldest first), read as one unit. */
    Optional<PromptWithResponses> findWithResponses(PromptId id);

    /**
     * Stores {@code revised} if the stored version is still {@code revised.version() - 1};
     * {@code Conflict} when someone else changed it first, {@code NotFound} when it is gone.
     */
    void update(Prompt revised);

    /**
     * Deletes the prompt with its tags and responses as one unit and returns the blob keys of every
     * deleted row, so the caller can delete the bodies; empty when there was no such prompt.
     */
    List<BlobKey> delete(PromptId id);

    Page<PromptSummary> listByOwner(UserId owner, PromptFilter filter, PageRequest page);

    Page<PromptSummary> listPublic(Optional<Tag> tag, PageRequest page);

    /** Narrows an owner's list: by tag, and by text found in the title or the preview (case-insensitive). */
    record PromptFilter(Optional<Tag> tag, Optional<String> text) {
        public PromptFilter {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(text, "text");
        }

        public static PromptFilter none() {
            return new PromptFilter(Optional.empty(), Optional.empty());
        }
    }
}
