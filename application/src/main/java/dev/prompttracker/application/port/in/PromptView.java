package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.prompt.Prompt;

import java.util.List;

/** A prompt with its body and its responses with theirs: what a single read returns. */
public record PromptView(Prompt prompt, Content content, List<ResponseView> responses) {
    public PromptView {
        responses = List.copyOf(responses);
    }
}
