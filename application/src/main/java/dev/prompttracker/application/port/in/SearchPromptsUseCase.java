package dev.prompttracker.application.port.in;

/** Full-text search over the prompts the caller may read. */
public interface SearchPromptsUseCase {
    SearchResults searchPrompts(SearchPromptsQuery query);
}
