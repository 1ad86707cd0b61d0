package dev.prompttracker.application.service;

import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;

/**
 * Who may touch a prompt. A prompt the caller may not read is "not found" (its existence is never
 * revealed); a public prompt of someone else can be read but not changed ("forbidden").
 */
final class PromptAccess {
    static final String PROMPT_NOT_FOUND = "prompt not found";

    private final PromptRepository prompts;

    PromptAccess(PromptRepository prompts) {
        this.prompts = prompts;
    }

    static PromptId parseId(String raw) {
        return PromptId.parse(raw).orElseThrow(() -> new NotFound(PROMPT_NOT_FOUND));
    }

    Prompt readable(Actor actor, String rawId) {
        Prompt prompt = prompts.findById(parseId(rawId)).orElseThrow(() -> new NotFound(PROMPT_NOT_FOUND));
        checkReadable(actor, prompt);
        return prompt;
    }

    Prompt owned(Actor.SignedIn actor, String rawId) {
        Prompt prompt = readable(actor, rawId);
        checkOwned(actor, prompt);
        return prompt;
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
