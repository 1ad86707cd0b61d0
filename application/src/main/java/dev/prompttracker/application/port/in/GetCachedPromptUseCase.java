package dev.prompttracker.application.port.in;

import java.util.Optional;

/**
 * A prompt as {@link GetPromptUseCase} would answer it, but only when it is already assembled in
 * memory and the caller may read it; empty otherwise (the caller then asks the ordinary way). It
 * never touches a store, so it can run where blocking is not allowed.
 */
public interface GetCachedPromptUseCase {
    Optional<Cached<PromptView>> getCachedPrompt(GetPromptQuery query);
}
