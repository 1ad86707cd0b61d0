package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.Optional;

public record UpdateResponseCommand(Actor actor, String promptId, String responseId, Optional<String> modelName,
                                    Optional<String> content, Optional<Boolean> isMarkdown) {
}
