package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.prompt.Response;

/** A response with its body. */
public record ResponseView(Response response, Content content) {
}
