package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.diff.TextDiff;

public interface DiffResponsesUseCase {
    /** The diff of two responses of one prompt; {@code TooLarge} past the comparison bounds. */
    TextDiff diffResponses(DiffResponsesQuery query);
}
