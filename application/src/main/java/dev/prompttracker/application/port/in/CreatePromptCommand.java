package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.List;

public record CreatePromptCommand(Actor actor, String title, String content, boolean isPublic, List<String> tags) {
    public CreatePromptCommand {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
