package dev.prompttracker.domain.prompt;

import java.util.List;
import java.util.Objects;

/** A prompt and all its responses, read together as one unit. */
public record PromptWithResponses(Prompt prompt, List<Response> responses) {
    public PromptWithResponses {
        Objects.requireNonNull(prompt, "prompt");
        responses = List.copyOf(responses);
        for (Response response : responses) {
            if (!response.promptId().equals(prompt.id())) {
                throw new IllegalArgumentException("response of another prompt");
            }
        }
    }
}
