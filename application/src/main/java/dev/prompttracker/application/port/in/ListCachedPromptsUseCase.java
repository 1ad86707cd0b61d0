package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.prompt.PromptSummary;

import java.util.Optional;

/**
 * A page of the caller's prompts as {@link ListPromptsUseCase} would answer it, but only when that
 * page is already in memory; empty otherwise, also for a caller not signed in or a query that is not
 * valid (the ordinary call then answers it, errors included). It never touches a store, so it can run
 * where blocking is not allowed. While the page stays cached, the same instance is returned, with what
 * the edge printed of it.
 */
public interface ListCachedPromptsUseCase {
    Optional<Cached<Page<PromptSummary>>> listCachedPrompts(ListPromptsQuery query);
}
