package dev.prompttracker.domain.search;

import dev.prompttracker.domain.prompt.PromptSummary;

import java.util.Objects;

/**
 * One prompt found by a search: its summary, its title with the matches marked (empty when it has
 * no title) and a short snippet of the best-matching text around the matches.
 */
public record SearchHit(PromptSummary summary, Highlighted title, Highlighted snippet) {
    public SearchHit {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(snippet, "snippet");
    }
}
