package dev.prompttracker.application.service;

import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.OutboundPorts;
import dev.prompttracker.application.port.in.AddResponseUseCase;
import dev.prompttracker.application.port.in.AuthenticateUseCase;
import dev.prompttracker.application.port.in.CreatePromptUseCase;
import dev.prompttracker.application.port.in.DeletePromptUseCase;
import dev.prompttracker.application.port.in.DeleteResponseUseCase;
import dev.prompttracker.application.port.in.GetPromptUseCase;
import dev.prompttracker.application.port.in.ListPromptsUseCase;
import dev.prompttracker.application.port.in.ListPublicPromptsUseCase;
import dev.prompttracker.application.port.in.ListResponsesUseCase;
import dev.prompttracker.application.port.in.ListSessionsUseCase;
import dev.prompttracker.application.port.in.LogInUseCase;
import dev.prompttracker.application.port.in.LogOutUseCase;
import dev.prompttracker.application.port.in.RefreshSessionUseCase;
import dev.prompttracker.application.port.in.RegisterUserUseCase;
import dev.prompttracker.application.port.in.RevokeSessionUseCase;
import dev.prompttracker.application.port.in.SyncRevokedSessionsUseCase;
import dev.prompttracker.application.port.in.UpdatePromptUseCase;
import dev.prompttracker.application.port.in.UpdateResponseUseCase;

import java.time.Clock;
import java.time.Duration;

/**
 * The core, wired: every use case built from the outbound ports and a clock. Production wiring in
 * {@code bootstrap} and the tests both go through {@link #create}, so nothing is wired twice. The
 * services themselves stay package-private; callers only see the use-case interfaces.
 */
public final class ApplicationServices {
    private final AuthService auth;
    private final RevokedSessions revoked;
    private final PromptService prompts;
    private final ResponseService responses;

    private ApplicationServices(OutboundPorts ports, AuthSettings settings, Clock wallClock) {
        // Stores keep milliseconds: reading the clock at that precision makes a write's answer equal its later reads.
        Clock clock = Clock.tick(wallClock, Duration.ofMillis(1));
        this.revoked = new RevokedSessions(ports.sessions(), clock, settings.revocationMemory());
        this.auth = new AuthService(ports.users(), ports.sessions(), ports.passwordHasher(), ports.tokenIssuer(),
                revoked, settings, clock);
        Bodies bodies = new Bodies(ports.blobs());
        this.prompts = new PromptService(ports.prompts(), bodies, clock);
        this.responses = new ResponseService(ports.responses(), new PromptAccess(ports.prompts()), bodies, clock);
    }

    public static ApplicationServices create(OutboundPorts ports, AuthSettings settings, Clock clock) {
        return new ApplicationServices(ports, settings, clock);
    }

    public RegisterUserUseCase registerUser() {
        return auth;
    }

    public LogInUseCase logIn() {
        return auth;
    }

    public RefreshSessionUseCase refreshSession() {
        return auth;
    }

    public LogOutUseCase logOut() {
        return auth;
    }

    public ListSessionsUseCase listSessions() {
        return auth;
    }

    public RevokeSessionUseCase revokeSession() {
        return auth;
    }

    public AuthenticateUseCase authenticate() {
        return auth;
    }

    public SyncRevokedSessionsUseCase syncRevokedSessions() {
        return revoked;
    }

    public CreatePromptUseCase createPrompt() {
        return prompts;
    }

    public ListPromptsUseCase listPrompts() {
        return prompts;
    }

    public ListPublicPromptsUseCase listPublicPrompts() {
        return prompts;
    }

    public GetPromptUseCase getPrompt() {
        return prompts;
    }

    public UpdatePromptUseCase updatePrompt() {
        return prompts;
    }

    public DeletePromptUseCase deletePrompt() {
        return prompts;
    }

    public AddResponseUseCase addResponse() {
        return responses;
    }

    public ListResponsesUseCase listResponses() {
        return responses;
    }

    public UpdateResponseUseCase updateResponse() {
        return responses;
    }

    public DeleteResponseUseCase deleteResponse() {
        return responses;
    }
}
