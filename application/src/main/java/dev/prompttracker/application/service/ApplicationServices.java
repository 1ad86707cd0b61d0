package dev.prompttracker.application.service;

import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.ContentSettings;
import dev.prompttracker.application.OutboundPorts;
import dev.prompttracker.application.PromptCacheSettings;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.in.DeliverEmailsUseCase;
import dev.prompttracker.application.port.in.GetOwnSubscriptionUseCase;
import dev.prompttracker.application.port.in.GetProgressAnalyticsUseCase;
import dev.prompttracker.application.port.in.GetProgressUseCase;
import dev.prompttracker.application.port.in.ListContentAccessUseCase;
import dev.prompttracker.application.port.in.ListSubscribersUseCase;
import dev.prompttracker.application.port.in.PurgeExpiredMagicLinksUseCase;
import dev.prompttracker.application.port.in.RecordContentAccessUseCase;
import dev.prompttracker.application.port.in.RecordProgressUseCase;
import dev.prompttracker.application.port.in.RequestMagicLinkUseCase;
import dev.prompttracker.application.port.in.SignUpSubscriberUseCase;
import dev.prompttracker.application.port.in.UpdateSubscriberUseCase;
import dev.prompttracker.application.port.in.VerifyMagicLinkUseCase;
import dev.prompttracker.application.port.in.AddResponseUseCase;
import dev.prompttracker.application.port.in.AuthenticateUseCase;
import dev.prompttracker.application.port.in.CreatePromptUseCase;
import dev.prompttracker.application.port.in.DeletePromptUseCase;
import dev.prompttracker.application.port.in.DeleteResponseUseCase;
import dev.prompttracker.application.port.in.GetCachedPromptUseCase;
import dev.prompttracker.application.port.in.GetPromptUseCase;
import dev.prompttracker.application.port.in.ListCachedPromptsUseCase;
import dev.prompttracker.application.port.in.ListPromptsUseCase;
import dev.prompttracker.application.port.in.ListPublicPromptsUseCase;
import dev.prompttracker.application.port.in.ListResponsesUseCase;
import dev.prompttracker.application.port.in.ListSessionsUseCase;
import dev.prompttracker.application.port.in.LogInUseCase;
import dev.prompttracker.application.port.in.LogOutUseCase;
import dev.prompttracker.application.port.in.RefreshSessionUseCase;
import dev.prompttracker.application.port.in.RegisterUserUseCase;
import dev.prompttracker.application.port.in.RevokeSessionUseCase;
import dev.prompttracker.application.port.in.SendVerificationEmailUseCase;
import dev.prompttracker.application.port.in.SetPasswordUseCase;
import dev.prompttracker.application.port.in.SyncRevokedSessionsUseCase;
import dev.prompttracker.application.port.in.VerifyEmailUseCase;
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
    private final SubscriberService subscribers;
    private final MagicLinkService magicLinks;
    private final EmailDeliveryService emailDelivery;
    private final ProgressService progress;
    private final ContentService content;

    private ApplicationServices(OutboundPorts ports, AuthSettings authSettings, ContentSettings contentSettings,
                                RateLimits rateLimits, PromptCacheSettings cacheSettings, Clock wallClock) {
        // Stores keep milliseconds: reading the clock at that precision makes a write's answer equal its later reads.
        Clock clock = Clock.tick(wallClock, Duration.ofMillis(1));
        Quotas quotas = new Quotas(ports.rateLimiter(), rateLimits);
        this.revoked = new RevokedSessions(ports.sessions(), clock, authSettings.revocationMemory());
        this.auth = new AuthService(ports.users(), ports.sessions(), ports.magicLinks(), ports.emailJobs(),
                ports.passwordHasher(), ports.tokenIssuer(), revoked, authSettings, quotas, clock);
        Bodies bodies = new Bodies(ports.blobs());
        PromptReadModel readModel = new PromptReadModel(cacheSettings, clock);
        PromptAccess access = new PromptAccess(ports.prompts(), new MissingPrompts(clock), quotas);
        this.prompts = new PromptService(ports.prompts(), access, bodies, quotas, readModel, clock);
        this.responses = new ResponseService(ports.responses(), access, bodies, quotas, readModel, clock);
        this.subscribers = new SubscriberService(ports.subscribers(), quotas, clock);
        this.magicLinks = new MagicLinkService(ports.users(), ports.magicLinks(), ports.emailJobs(), auth, quotas,
                clock);
        LinkMail linkMail = new LinkMail(ports.subscribers(), ports.users(), ports.magicLinks(), auth.secretTokens(),
                contentSettings, clock);
        this.emailDelivery = new EmailDeliveryService(ports.emailJobs(), ports.mailSender(), ports.emailDeliveries(),
                linkMail, contentSettings, clock);
        Readers readers = new Readers(ports.subscribers());
        this.progress = new ProgressService(ports.progress(), readers, quotas, clock);
        this.content = new ContentService(ports.accessLog(), readers, quotas, clock);
    }

    public static ApplicationServices create(OutboundPorts ports, AuthSettings authSettings,
                                             ContentSettings contentSettings, RateLimits rateLimits, Clock clock) {
        return create(ports, authSettings, contentSettings, rateLimits, PromptCacheSettings.defaults(), clock);
    }

    public static ApplicationServices create(OutboundPorts ports, AuthSettings authSettings,
                                             ContentSettings contentSettings, RateLimits rateLimits,
                                             PromptCacheSettings promptCache, Clock clock) {
        return new ApplicationServices(ports, authSettings, contentSettings, rateLimits, promptCache, clock);
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

    public SendVerificationEmailUseCase sendVerificationEmail() {
        return auth;
    }

    public VerifyEmailUseCase verifyEmail() {
        return auth;
    }

    public SetPasswordUseCase setPassword() {
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

    public GetCachedPromptUseCase getCachedPrompt() {
        return prompts;
    }

    public ListCachedPromptsUseCase listCachedPrompts() {
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

    public SignUpSubscriberUseCase signUpSubscriber() {
        return subscribers;
    }

    public GetOwnSubscriptionUseCase ownSubscription() {
        return subscribers;
    }

    public ListSubscribersUseCase listSubscribers() {
        return subscribers;
    }

    public UpdateSubscriberUseCase updateSubscriber() {
        return subscribers;
    }

    public RequestMagicLinkUseCase requestMagicLink() {
        return magicLinks;
    }

    public VerifyMagicLinkUseCase verifyMagicLink() {
        return magicLinks;
    }

    public PurgeExpiredMagicLinksUseCase purgeExpiredMagicLinks() {
        return magicLinks;
    }

    public DeliverEmailsUseCase deliverEmails() {
        return emailDelivery;
    }

    public RecordProgressUseCase recordProgress() {
        return progress;
    }

    public GetProgressUseCase progress() {
        return progress;
    }

    public GetProgressAnalyticsUseCase progressAnalytics() {
        return progress;
    }

    public RecordContentAccessUseCase recordContentAccess() {
        return content;
    }

    public ListContentAccessUseCase listContentAccess() {
        return content;
    }
}
