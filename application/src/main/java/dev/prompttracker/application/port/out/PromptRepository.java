package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.Tag;
import dev.prompttracker.domain.user.UserId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Prompt metadata (the bodies are in the {@link BlobStore}). Lists are ordered newest update first. */
public interface PromptRepository {

    /** Stores a new prompt with version 1 of its text (written by its owner, no message), as one unit. */
    void create(Prompt prompt);

    Optional<Prompt> findById(PromptId id);

    /** The prompt and its responses (oldest first), read as one unit. */
    Optional<PromptWithResponses> findWithResponses(PromptId id);

    /**
     * Stores {@code revised} if the stored version is still {@code revised.version() - 1}, together
     * with {@code newVersion} (its text version, when the title or text changed) as one unit;
     * {@code Conflict} when someone else changed it first, {@code NotFound} when it is gone.
     */
    void update(Prompt revised, Optional<PromptVersion> newVersion);

    /**
     * Deletes the prompt with its tags, versions and responses as one unit and returns the blob keys
     * of every deleted row, each once, so the caller can delete the bodies; empty when there was no
     * such prompt.
     */
    List<BlobKey> delete(PromptId id);

    Optional<PromptVersion> findVersion(PromptId id, int number);

    /** Up to {@code limit} versions of the prompt, newest first, only those numbered below {@code before}. */
    List<PromptVersion> listVersions(PromptId id, int limit, Optional<Integer> before);

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
