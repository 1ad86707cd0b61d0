package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.UserId;

import java.util.List;
import java.util.Optional;

/** Responses in memory, stored with the prompts of the {@link InMemoryPromptRepository} given. */
public final class InMemoryResponseRepository implements ResponseRepository {
    private final InMemoryPromptRepository store;

    public InMemoryResponseRepository(InMemoryPromptRepository store) {
        this.store = store;
    }

    @Override
    public void create(Response response, SearchText text) {
        synchronized (store) {
            if (!store.prompts.containsKey(response.promptId())) {
                throw new NotFound("prompt not found");
            }
            if (store.responses.putIfAbsent(response.id(), response) != null) {
                throw new Conflict("this response already exists");
            }
            store.index(text);
        }
    }

    @Override
    public Addition addIfAllowed(Draft draft, UserId owner, int limit, SearchText text) {
        synchronized (store) {
            Prompt prompt = store.prompts.get(draft.promptId());
            if (prompt == null) {
                return new Addition(Optional.empty(), 0, Optional.empty());
            }
            int before = countByPrompt(prompt.id());
            boolean versionOk = draft.promptVersion().map(v -> v >= 1 && v <= prompt.textVersion()).orElse(true);
            if (!prompt.isOwnedBy(owner) || before >= limit || !versionOk) {
                return new Addition(Optional.of(prompt), before, Optional.empty());
            }
            Response response = draft.answering(prompt.textVersion());
            create(response, text);
            return new Addition(Optional.of(prompt), before, Optional.of(response));
        }
    }

    @Override
    public Optional<Response> findById(ResponseId id) {
        synchronized (store) {
            return Optional.ofNullable(store.responses.get(id));
        }
    }

    @Override
    public List<Response> listByPrompt(PromptId prompt, Optional<ModelName> model) {
        synchronized (store) {
            return store.responses.values().stream()
                    .filter(r -> r.promptId().equals(prompt))
                    .filter(r -> model.map(m -> m.equals(r.modelName())).orElse(true))
                    .sorted(InMemoryPromptRepository.OLDEST_FIRST)
                    .toList();
        }
    }

    @Override
    public int countByPrompt(PromptId prompt) {
        synchronized (store) {
            return (int) store.responses.values().stream().filter(r -> r.promptId().equals(prompt)).count();
        }
    }

    @Override
    public Change update(PromptId prompt, ResponseId id, UserId owner, Revision revision) {
        synchronized (store) {
            Optional<Prompt> found = Optional.ofNullable(store.prompts.get(prompt));
            Response stored = store.responses.get(id);
            if (found.filter(p -> p.isOwnedBy(owner)).isEmpty() || stored == null || !stored.promptId().equals(prompt)) {
                return new Change(found, Optional.empty(), Optional.empty());
            }
            Response revised = revision.applyTo(stored);
            store.responses.put(id, revised);
            revision.body().ifPresent(body -> store.index(body.text()));
            store.prune();
            return new Change(found, Optional.of(revised), revision.body().map(body -> stored.contentKey()));
        }
    }

    @Override
    public Removal delete(PromptId prompt, ResponseId id, UserId owner) {
        synchronized (store) {
            Optional<Prompt> found = Optional.ofNullable(store.prompts.get(prompt));
            Response stored = store.responses.get(id);
            if (found.filter(p -> p.isOwnedBy(owner)).isEmpty() || stored == null || !stored.promptId().equals(prompt)) {
                return new Removal(found, Optional.empty());
            }
            store.responses.remove(id);
            store.responseDeleted.forEach(listener -> listener.accept(id));
            store.prune();
            return new Removal(found, Optional.of(stored.contentKey()));
        }
    }
}
