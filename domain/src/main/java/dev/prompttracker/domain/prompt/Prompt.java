package dev.prompttracker.domain.prompt;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A saved prompt's metadata. The body lives in blob storage under {@link #contentKey()}; the row
 * keeps its preview. {@link #version()} increases on every change so concurrent edits are detected;
 * {@link #textVersion()} is the number of the current {@link PromptVersion}: it increases only when the
 * title or the text changes (tags and visibility are not versioned).
 */
public record Prompt(PromptId id, UserId ownerId, Optional<Title> title, ContentPreview contentPreview,
                     BlobKey contentKey, boolean isPublic, Tags tags, Instant createdAt, Instant updatedAt,
                     long version, int textVersion) {
    public Prompt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(contentPreview, "contentPreview");
        Objects.requireNonNull(contentKey, "contentKey");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt before createdAt");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
        if (textVersion < 1) {
            throw new IllegalArgumentException("text versions start at 1");
        }
    }

    public boolean isOwnedBy(UserId user) {
        return ownerId.equals(user);
    }

    /** Readable by its owner, and by anyone once it is public. */
    public boolean isReadableBy(Optional<UserId> reader) {
        return isPublic || reader.filter(this::isOwnedBy).isPresent();
    }

    /**
     * The next version with the given changes applied. A new title or a new body (a body is never
     * rewritten under its key) makes a new text version; tags and visibility alone do not.
     */
    public Prompt revise(Optional<Title> newTitle, ContentPreview newPreview, BlobKey newContentKey,
                         boolean newIsPublic, Tags newTags, Instant now) {
        Instant updated = now.isAfter(updatedAt) ? now : updatedAt;
        boolean newText = !newTitle.equals(title) || !newContentKey.equals(contentKey);
        return new Prompt(id, ownerId, newTitle, newPreview, newContentKey, newIsPublic, newTags, createdAt,
                updated, version + 1, newText ? textVersion + 1 : textVersion);
    }

    /** Whether {@code revised} (the result of {@link #revise}) has a new text version. */
    public boolean textChangedIn(Prompt revised) {
        return revised.textVersion != textVersion;
    }
}
