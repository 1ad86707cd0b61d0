package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.List;
import java.util.Optional;

/**
 * A partial update: only the present fields change. An empty or blank title removes the title. A new
 * title or text makes a new version, described by {@code versionMessage} when given.
 */
public record UpdatePromptCommand(Actor actor, String promptId, Optional<String> title, Optional<String> content,
                                  Optional<Boolean> isPublic, Optional<List<String>> tags,
                                  Optional<String> versionMessage) {
    public UpdatePromptCommand(Actor actor, String promptId, Optional<String> title, Optional<String> content,
                               Optional<Boolean> isPublic, Optional<List<String>> tags) {
        this(actor, promptId, title, content, isPublic, tags, Optional.empty());
    }
}
