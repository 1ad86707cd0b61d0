package dev.prompttracker.application.port.in;

public interface RestorePromptVersionUseCase {
    /** The prompt after the restore; only its owner may restore. */
    PromptView restorePromptVersion(RestorePromptVersionCommand command);
}
