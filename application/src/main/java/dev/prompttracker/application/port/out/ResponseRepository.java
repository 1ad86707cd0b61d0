package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.search.SearchText;

import java.util.List;
import java.util.Optional;

/**
 * Response metadata (the bodies are in the {@link BlobStore}). Every write also updates the search
 * document of the response's prompt in the same unit (see {@link PromptRepository}).
 */
public interface ResponseRepository {

    /** Stores a new response with {@code text}, its body's searchable text; {@code NotFound} when its prompt no longer exists. */
    void create(Response response, SearchText text);

    Optional<Response> findById(ResponseId id);

    /** The prompt's responses, oldest first, optionally only those of one model. */
    List<Response> listByPrompt(PromptId prompt, Optional<ModelName> model);

    int countByPrompt(PromptId prompt);

    /**
     * Stores {@code revised} (with {@code newText}, its new body's searchable text, when the body changed)
     * if the stored version is still {@code revised.version() - 1}, else {@code Conflict}.
     */
    void update(Response revised, Optional<SearchText> newText);

    /** Deletes the prompt's response and returns its blob key; empty when there was none. */
    Optional<BlobKey> delete(PromptId prompt, ResponseId id);
}
