package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.List;
import java.util.Optional;

/** A partial update: only the present fields change. An empty or blank title removes the title. */
public record UpdatePromptCommand(Actor actor, String promptId, Optional<String> title, Optional<String> content,
                                  Optional<Boolean> isPublic, Optional<List<String>> tags) {
}
