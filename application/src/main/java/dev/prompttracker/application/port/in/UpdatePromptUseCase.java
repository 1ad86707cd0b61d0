package dev.prompttracker.application.port.in;

public interface UpdatePromptUseCase {
    PromptView updatePrompt(UpdatePromptCommand command);
}
