package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.diff.TextDiff;

public interface DiffPromptVersionsUseCase {
    /** The diff of two versions' texts; {@code TooLarge} past the comparison bounds. */
    TextDiff diffPromptVersions(DiffPromptVersionsQuery query);
}
