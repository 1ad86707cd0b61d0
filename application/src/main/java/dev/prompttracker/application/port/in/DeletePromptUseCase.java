package dev.prompttracker.application.port.in;

public interface DeletePromptUseCase {
    /** Deletes the prompt, its responses and all their bodies. */
    void deletePrompt(DeletePromptCommand command);
}
