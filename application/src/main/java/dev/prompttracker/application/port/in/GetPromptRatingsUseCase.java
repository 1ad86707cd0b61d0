package dev.prompttracker.application.port.in;

public interface GetPromptRatingsUseCase {
    PromptRatings promptRatings(GetPromptRatingsQuery query);
}
