package dev.prompttracker.application.port.in;

public interface GetPromptUseCase {
    /** The prompt if the caller may read it; someone else's private prompt is "not found". */
    PromptView getPrompt(GetPromptQuery query);
}
