package dev.prompttracker.domain.prompt;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable version of a prompt's title and text: v1 when it was created, one more for each later
 * change of either. The body stays in blob storage under {@link #contentKey()}; versions with the same
 * text (a title-only change, a restore) share the key, so a body is removed only with its prompt.
 */
public record PromptVersion(PromptId promptId, int number, Optional<Title> title, ContentPreview contentPreview,
                            BlobKey contentKey, UserId authorId, Optional<VersionMessage> message,
                            Instant createdAt) {
    public PromptVersion {
        Objects.requireNonNull(promptId, "promptId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(contentPreview, "contentPreview");
        Objects.requireNonNull(contentKey, "contentKey");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
        if (number < 1) {
            throw new IllegalArgumentException("version numbers start at 1");
        }
    }

    /** The version {@code prompt} is at now, written by {@code author}. */
    public static PromptVersion of(Prompt prompt, UserId author, Optional<VersionMessage> message) {
        return new PromptVersion(prompt.id(), prompt.textVersion(), prompt.title(), prompt.contentPreview(),
                prompt.contentKey(), author, message, prompt.updatedAt());
    }
}
