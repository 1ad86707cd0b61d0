package dev.prompttracker.application.port.in;

public interface ListPromptVersionsUseCase {
    /** The versions of a prompt the caller may read (like the prompt itself: else "not found"). */
    VersionPage listPromptVersions(ListPromptVersionsQuery query);
}
