package dev.prompttracker.application.port.in;

public interface GetPromptVersionUseCase {
    PromptVersionView getPromptVersion(GetPromptVersionQuery query);
}
