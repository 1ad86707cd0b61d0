package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.Optional;

/**
 * Attach one model's answer to a prompt; markdown unless said otherwise, answering the prompt's current
 * text version unless {@code promptVersion} names an earlier one.
 */
public record AddResponseCommand(Actor actor, String promptId, String modelName, String content,
                                 Optional<Boolean> isMarkdown, Optional<Integer> promptVersion) {
    public AddResponseCommand(Actor actor, String promptId, String modelName, String content,
                              Optional<Boolean> isMarkdown) {
        this(actor, promptId, modelName, content, isMarkdown, Optional.empty());
    }
}
