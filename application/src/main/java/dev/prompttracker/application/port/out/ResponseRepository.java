package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;

import java.util.List;
import java.util.Optional;

/** Response metadata (the bodies are in the {@link BlobStore}). */
public interface ResponseRepository {

    /** Stores a new response; {@code NotFound} when its prompt no longer exists. */
    void create(Response response);

    Optional<Response> findById(ResponseId id);

    /** The prompt's responses, oldest first, optionally only those of one model. */
    List<Response> listByPrompt(PromptId prompt, Optional<ModelName> model);

    int countByPrompt(PromptId prompt);

    /** Stores {@code revised} if the stored version is still {@code revised.version() - 1}, else {@code Conflict}. */
    void update(Response revised);

    /** Deletes the response and returns its blob key; empty when there was none. */
    Optional<BlobKey> delete(ResponseId id);
}
