package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Response metadata (the bodies are in the {@link BlobStore}). Every write also updates the search
 * document of the response's prompt in the same unit (see {@link PromptRepository}).
 */
public interface ResponseRepository {

    /** Stores a new response with {@code text}, its body's searchable text; {@code NotFound} when its prompt no longer exists. */
    void create(Response response, SearchText text);

    /**
     * Adds {@code draft} (with {@code text}, its body's searchable text) in one atomic unit, one call to
     * the store, only if at that moment its prompt exists, is owned by {@code owner}, holds fewer than
     * {@code limit} responses and, when the draft names the version it answers, has that version (1 to
     * its text version). Returns what the decision was taken on, so the caller can tell why nothing was
     * added; {@code Conflict} when a response with the draft's id exists.
     */
    Addition addIfAllowed(Draft draft, UserId owner, int limit, SearchText text);

    Optional<Response> findById(ResponseId id);

    /** The prompt's responses, oldest first, optionally only those of one model. */
    List<Response> listByPrompt(PromptId prompt, Optional<ModelName> model);

    int countByPrompt(PromptId prompt);

    /**
     * Changes the prompt's response as {@code revision} says, in one unit, one call to the store, only if
     * the prompt is {@code owner}'s: what the revision leaves empty is kept, the version goes up by one
     * and the change time is the later of the stored one and the revision's (as {@link Response#revise}).
     * Returns the prompt and the changed response as that unit left them, so the caller can tell why it
     * changed nothing, and the body key the response had before a new body.
     */
    Change update(PromptId prompt, ResponseId id, UserId owner, Revision revision);

    /**
     * Deletes the prompt's response in one unit, one call to the store, only if the prompt is
     * {@code owner}'s, and returns the prompt as that unit left it (empty when there is none) with the
     * deleted response's blob key (empty when it deleted none), so the caller can tell why not.
     */
    Removal delete(PromptId prompt, ResponseId id, UserId owner);

    /** A new response; it answers {@code promptVersion}, or the prompt's text version when that is empty. */
    record Draft(ResponseId id, PromptId promptId, ModelName modelName, ContentPreview contentPreview,
                 BlobKey contentKey, boolean isMarkdown, Instant createdAt, Optional<Integer> promptVersion) {
        public Draft {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(promptId, "promptId");
            Objects.requireNonNull(modelName, "modelName");
            Objects.requireNonNull(contentPreview, "contentPreview");
            Objects.requireNonNull(contentKey, "contentKey");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(promptVersion, "promptVersion");
        }

        /** The response as stored when the prompt's text version is {@code textVersion}. */
        public Response answering(int textVersion) {
            return new Response(id, promptId, modelName, contentPreview, contentKey, isMarkdown, createdAt, createdAt,
                    1, promptVersion.orElse(textVersion));
        }
    }

    /** A change of a response's fields; empty ones are kept. */
    record Revision(Optional<ModelName> modelName, Optional<NewBody> body, Optional<Boolean> isMarkdown, Instant at) {
        public Revision {
            Objects.requireNonNull(modelName, "modelName");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(isMarkdown, "isMarkdown");
            Objects.requireNonNull(at, "at");
        }

        /** {@code response} as this revision leaves it. */
        public Response applyTo(Response response) {
            return response.revise(modelName.orElse(response.modelName()),
                    body.map(NewBody::preview).orElse(response.contentPreview()),
                    body.map(NewBody::key).orElse(response.contentKey()),
                    isMarkdown.orElse(response.isMarkdown()), at);
        }
    }

    /** A response's new body: its preview and its searchable text (under the body's key). */
    record NewBody(ContentPreview preview, SearchText text) {
        public NewBody {
            Objects.requireNonNull(preview, "preview");
            Objects.requireNonNull(text, "text");
        }

        public BlobKey key() {
            return text.key();
        }
    }

    /**
     * What {@link #update} found, read in its unit after the change: the prompt (empty when there is
     * none), the response as changed (empty when it changed none), and the key of the body the change
     * replaced (empty without a new body, or when the store lost that part of its answer: the old body
     * then stays, unreferenced and harmless).
     */
    record Change(Optional<Prompt> prompt, Optional<Response> changed, Optional<BlobKey> replacedKey) {
        public Change {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(changed, "changed");
            Objects.requireNonNull(replacedKey, "replacedKey");
        }
    }

    /** What {@link #delete} found: the prompt after it, and the blob key of the response it deleted. */
    record Removal(Optional<Prompt> prompt, Optional<BlobKey> deletedKey) {
        public Removal {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(deletedKey, "deletedKey");
        }
    }

    /**
     * What {@link #addIfAllowed} found, in the same unit as its write: the prompt (empty when there was
     * none), how many responses it held before, and the response it added, if it did.
     */
    record Addition(Optional<Prompt> prompt, int responsesBefore, Optional<Response> added) {
        public Addition {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(added, "added");
        }
    }
}
