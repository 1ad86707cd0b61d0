package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.prompt.PromptSummary;

public interface ListPublicPromptsUseCase {
    Page<PromptSummary> listPublicPrompts(ListPublicPromptsQuery query);
}
