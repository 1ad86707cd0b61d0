package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.search.SearchHit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of hits, most relevant first, and the token of the next page unless this is the last. */
public record SearchResults(List<SearchHit> hits, Optional<String> nextPageToken) {
    public SearchResults {
        hits = List.copyOf(hits);
        Objects.requireNonNull(nextPageToken, "nextPageToken");
    }
}
