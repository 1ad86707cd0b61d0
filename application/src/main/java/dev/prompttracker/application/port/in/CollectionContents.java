package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.collection.CollectionSummary;
import dev.prompttracker.domain.prompt.PromptSummary;

import java.util.List;
import java.util.Objects;

/** A collection as one reader sees it: one page of its prompts in order, and the next page's token (empty on the last). */
public record CollectionContents(CollectionSummary summary, List<PromptSummary> prompts, String nextPageToken) {
    public CollectionContents {
        Objects.requireNonNull(summary, "summary");
        prompts = List.copyOf(prompts);
        Objects.requireNonNull(nextPageToken, "nextPageToken");
    }
}
