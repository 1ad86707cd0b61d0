package dev.prompttracker.application.port.in;

public interface CreatePromptUseCase {
    PromptView createPrompt(CreatePromptCommand command);
}
