package dev.prompttracker.application;

import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.application.port.out.PasswordHasher;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.application.port.out.TokenIssuer;
import dev.prompttracker.application.port.out.UserRepository;

import java.util.Objects;

/** Every outbound port the core needs, chosen by the wiring (real adapters in production, fakes in tests). */
public record OutboundPorts(UserRepository users, SessionRepository sessions, PromptRepository prompts,
                            ResponseRepository responses, BlobStore blobs, PasswordHasher passwordHasher,
                            TokenIssuer tokenIssuer) {
    public OutboundPorts {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(passwordHasher, "passwordHasher");
        Objects.requireNonNull(tokenIssuer, "tokenIssuer");
    }
}
