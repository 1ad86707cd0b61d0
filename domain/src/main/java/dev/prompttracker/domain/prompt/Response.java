package dev.prompttracker.domain.prompt;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;

import java.time.Instant;
import java.util.Objects;

/**
 * One model's answer to a prompt; the body lives in blob storage under {@link #contentKey()}.
 * {@link #promptVersion()} is the text version of the prompt it answered.
 */
public record Response(ResponseId id, PromptId promptId, ModelName modelName, ContentPreview contentPreview,
                       BlobKey contentKey, boolean isMarkdown, Instant createdAt, Instant updatedAt, long version,
                       int promptVersion) {
    public Response {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(promptId, "promptId");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(contentPreview, "contentPreview");
        Objects.requireNonNull(contentKey, "contentKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt before createdAt");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1");
        }
        if (promptVersion < 1) {
            throw new IllegalArgumentException("prompt versions start at 1");
        }
    }

    public Response revise(ModelName newModelName, ContentPreview newPreview, BlobKey newContentKey,
                           boolean newIsMarkdown, Instant now) {
        Instant updated = now.isAfter(updatedAt) ? now : updatedAt;
        return new Response(id, promptId, newModelName, newPreview, newContentKey, newIsMarkdown, createdAt, updated,
                version + 1, promptVersion);
    }
}
