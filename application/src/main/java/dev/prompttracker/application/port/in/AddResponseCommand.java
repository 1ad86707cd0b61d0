package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.Optional;

/** Attach one model's answer to a prompt; markdown unless said otherwise. */
public record AddResponseCommand(Actor actor, String promptId, String modelName, String content,
                                 Optional<Boolean> isMarkdown) {
}
