package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;

import java.util.Optional;
import java.util.function.Function;

/**
 * Who may touch a prompt. A prompt the caller may not read is "not found" (its existence is never
 * revealed); a public prompt of someone else can be read but not changed ("forbidden").
 */
final class PromptAccess {
    static final String PROMPT_NOT_FOUND = "prompt not found";
    static final String RESPONSE_NOT_FOUND = "response not found";

    private final PromptRepository prompts;
    private final MissingPrompts missing;
    private final Quotas quotas;

    PromptAccess(PromptRepository prompts, MissingPrompts missing, Quotas quotas) {
        this.prompts = prompts;
        this.missing = missing;
        this.quotas = quotas;
    }

    static PromptId parseId(String raw) {
        return PromptId.parse(raw).orElseThrow(() -> new NotFound(PROMPT_NOT_FOUND));
    }

    Prompt readable(Actor actor, String rawId, ClientInfo client) {
        PromptId id = parseId(rawId);
        beforeStoreRead(id, actor, client);
        Prompt prompt = prompts.findById(id).orElseThrow(() -> missing(id));
        checkReadable(actor, prompt);
        return prompt;
    }

    Prompt owned(Actor.SignedIn actor, String rawId) {
        Prompt prompt = readable(actor, rawId, ClientInfo.UNKNOWN);
        checkOwned(actor, prompt);
        return prompt;
    }

    /**
     * {@link #readable} with the prompt's responses, read in the same call to the store: on D1 each call
     * is a round trip, and a prompt holds at most {@link ResponseService#MAX_RESPONSES_PER_PROMPT}.
     */
    PromptWithResponses readableWithResponses(Actor actor, String rawId, ClientInfo client) {
        return readableWith(actor, rawId, client, prompts::findWithResponses, PromptWithResponses::prompt);
    }

    /** {@link #owned(Actor.SignedIn, String)} with the prompt's responses, read in the same call. */
    PromptWithResponses ownedWithResponses(Actor.SignedIn actor, String rawId) {
        return ownedWith(actor, rawId, prompts::findWithResponses, PromptWithResponses::prompt);
    }

    /**
     * {@link #readable} over {@code read}, which brings more with the prompt ({@code promptOf} tells it)
     * in the same call to the store.
     */
    <T> T readableWith(Actor actor, String rawId, ClientInfo client, Function<PromptId, Optional<T>> read,
                       Function<T, Prompt> promptOf) {
        PromptId id = parseId(rawId);
        beforeStoreRead(id, actor, client);
        T found = read.apply(id).orElseThrow(() -> missing(id));
        checkReadable(actor, promptOf.apply(found));
        return found;
    }

    /** {@link #owned(Actor.SignedIn, String)} over a read that brings more with the prompt in the same call. */
    <T> T ownedWith(Actor.SignedIn actor, String rawId, Function<PromptId, Optional<T>> read,
                    Function<T, Prompt> promptOf) {
        T found = readableWith(actor, rawId, ClientInfo.UNKNOWN, read, promptOf);
        checkOwned(actor, promptOf.apply(found));
        return found;
    }

    /** The prompt's response named {@code rawId}; not found when it has none by that id. */
    static Response response(PromptWithResponses found, String rawId) {
        return ResponseId.parse(rawId)
                .flatMap(id -> found.responses().stream().filter(response -> response.id().equals(id)).findFirst())
                .orElseThrow(() -> new NotFound(RESPONSE_NOT_FOUND));
    }

    /**
     * The rules of {@link #owned(Actor.SignedIn, String)} applied to what a write found under {@code id}
     * in the same unit (empty: no such prompt), for writes that check and change in one call to the store.
     */
    Prompt owned(Actor.SignedIn actor, PromptId id, Optional<Prompt> found) {
        Prompt prompt = found.orElseThrow(() -> missing(id));
        checkReadable(actor, prompt);
        checkOwned(actor, prompt);
        return prompt;
    }

    /**
     * Before a read of {@code id} reaches the store: an id known to be missing is answered at once, and
     * an anonymous caller's read counts against its address.
     */
    void beforeStoreRead(PromptId id, Actor actor, ClientInfo client) {
        if (missing.isKnownMissing(id)) {
            throw new NotFound(PROMPT_NOT_FOUND);
        }
        if (actor instanceof Actor.Anonymous) {
            quotas.anonymousRead(client);
        }
    }

    /** The store has no such prompt: remembered for a while, and reported as not found. */
    NotFound missing(PromptId id) {
        missing.remember(id);
        return new NotFound(PROMPT_NOT_FOUND);
    }

    /** The prompt exists now (an import restored its id): no longer answered as missing. */
    void exists(PromptId id) {
        missing.forget(id);
    }

    static void checkReadable(Actor actor, Prompt prompt) {
        if (!prompt.isReadableBy(actor.userId())) {
            throw new NotFound(PROMPT_NOT_FOUND);
        }
    }

    static void checkOwned(Actor.SignedIn actor, Prompt prompt) {
        if (!prompt.isOwnedBy(actor.id())) {
            throw new Forbidden("only the owner may change this prompt");
        }
    }
}
