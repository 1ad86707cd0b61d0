package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.ExportDataUseCase;
import dev.prompttracker.application.port.in.ImportDataUseCase;
import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.ContentSettings;
import dev.prompttracker.application.OutboundPorts;
import dev.prompttracker.application.CacheSettings;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.in.AddPromptToCollectionUseCase;
import dev.prompttracker.application.port.in.CreateCollectionUseCase;
import dev.prompttracker.application.port.in.DeleteCollectionUseCase;
import dev.prompttracker.application.port.in.GetCollectionUseCase;
import dev.prompttracker.application.port.in.ListCollectionsUseCase;
import dev.prompttracker.application.port.in.ListPromptCollectionsUseCase;
import dev.prompttracker.application.port.in.RemovePromptFromCollectionUseCase;
import dev.prompttracker.application.port.in.ReorderCollectionUseCase;
import dev.prompttracker.application.port.in.UpdateCollectionUseCase;
import dev.prompttracker.application.port.in.DeliverEmailsUseCase;
import dev.prompttracker.application.port.in.DiffPromptVersionsUseCase;
import dev.prompttracker.application.port.in.DiffResponsesUseCase;
import dev.prompttracker.application.port.in.IndexSearchBodiesUseCase;
import dev.prompttracker.application.port.in.SearchPromptsUseCase;
import dev.prompttracker.application.port.in.GetPromptVersionUseCase;
import dev.prompttracker.application.port.in.ListPromptVersionsUseCase;
import dev.prompttracker.application.port.in.RestorePromptVersionUseCase;
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
import dev.prompttracker.application.port.in.ExportPreferencesUseCase;
import dev.prompttracker.application.port.in.GetLeaderboardUseCase;
import dev.prompttracker.application.port.in.GetPromptRatingsUseCase;
import dev.prompttracker.application.port.in.PreferResponseUseCase;
import dev.prompttracker.application.port.in.RankResponsesUseCase;
import dev.prompttracker.application.port.in.RateResponseUseCase;

import java.time.Clock;
import java.time.Duration;

/**
 * The core, wired: every use case built from the outbound ports and a clock. Production wiring in
 * {@code bootstrap} and the tests both go through {@link #create}, so nothing is wired twice. The
 * services themselves stay package-private; callers only see {@link ApplicationServices}.
 */
public final class CoreWiring implements ApplicationServices {
    private final AuthService auth;
    private final RevokedSessions revoked;
    private final PromptService prompts;
    private final ResponseService responses;
    private final PromptHistoryService history;
    private final SearchService search;
    private final SubscriberService subscribers;
    private final MagicLinkService magicLinks;
    private final EmailDeliveryService emailDelivery;
    private final ProgressService progress;
    private final ContentService content;
    private final RatingService ratings;
    private final CollectionService collections;
    private final ExportService export;
    private final ImportService imports;

    private CoreWiring(OutboundPorts ports, AuthSettings authSettings, ContentSettings contentSettings,
                       RateLimits rateLimits, CacheSettings promptCache, CacheSettings subscriberCache,
                       Clock wallClock) {
        // Stores keep milliseconds: reading the clock at that precision makes a write's answer equal its later reads.
        Clock clock = Clock.tick(wallClock, Duration.ofMillis(1));
        Quotas quotas = new Quotas(ports.rateLimiter(), rateLimits);
        this.revoked = new RevokedSessions(ports.sessions(), clock, authSettings.revocationMemory());
        this.auth = new AuthService(ports.users(), ports.sessions(), ports.emailJobs(),
                ports.passwordHasher(), ports.tokenIssuer(), revoked, authSettings, quotas, clock);
        Bodies bodies = new Bodies(ports.blobs());
        PromptReadModel readModel = new PromptReadModel(promptCache, clock);
        PromptAccess access = new PromptAccess(ports.prompts(), new MissingPrompts(clock), quotas);
        this.prompts = new PromptService(ports.prompts(), access, bodies, quotas, readModel, clock);
        TextDiffs diffs = new TextDiffs(ports.differ(), clock);
        this.responses = new ResponseService(ports.responses(), access, bodies, quotas, readModel, diffs, clock);
        this.search = new SearchService(ports.prompts(), ports.blobs(), quotas);
        this.history = new PromptHistoryService(ports.prompts(), access, bodies, quotas, readModel, diffs, prompts,
                clock);
        SubscriberReadModel subscriberReads = new SubscriberReadModel(ports.subscribers(), subscriberCache, clock);
        this.subscribers = new SubscriberService(ports.subscribers(), subscriberReads, quotas, clock);
        this.magicLinks = new MagicLinkService(ports.magicLinks(), ports.emailJobs(), auth, quotas, clock);
        LinkMail linkMail = new LinkMail(ports.subscribers(), ports.users(), ports.magicLinks(), auth.secretTokens(),
                contentSettings, clock);
        this.emailDelivery = new EmailDeliveryService(ports.emailJobs(), ports.mailSender(), ports.emailDeliveries(),
                subscriberReads, linkMail, contentSettings, clock);
        Readers readers = new Readers(subscriberReads);
        this.progress = new ProgressService(ports.progress(), readers, quotas, clock);
        this.content = new ContentService(ports.accessLog(), readers, quotas, clock);
        this.ratings = new RatingService(ports.ratings(), access, bodies, quotas, clock);
        this.collections = new CollectionService(ports.collections(), access, quotas, clock);
        this.export = new ExportService(ports.prompts(), ports.responses(), ports.ratings(), ports.collections(),
                bodies, clock);
        this.imports = new ImportService(ports.prompts(), ports.responses(), ports.ratings(), ports.collections(),
                access, bodies, readModel, quotas, clock);
    }

    public static ApplicationServices create(OutboundPorts ports, AuthSettings authSettings,
                                             ContentSettings contentSettings, RateLimits rateLimits, Clock clock) {
        return create(ports, authSettings, contentSettings, rateLimits, CacheSettings.promptDefaults(),
                CacheSettings.subscriberDefaults(), clock);
    }

    public static ApplicationServices create(OutboundPorts ports, AuthSettings authSettings,
                                             ContentSettings contentSettings, RateLimits rateLimits,
                                             CacheSettings promptCache, CacheSettings subscriberCache,
                                             Clock clock) {
        return new CoreWiring(ports, authSettings, contentSettings, rateLimits, promptCache, subscriberCache, clock);
    }

    @Override
    public RegisterUserUseCase registerUser() {
        return auth;
    }

    @Override
    public LogInUseCase logIn() {
        return auth;
    }

    @Override
    public RefreshSessionUseCase refreshSession() {
        return auth;
    }

    @Override
    public LogOutUseCase logOut() {
        return auth;
    }

    @Override
    public ListSessionsUseCase listSessions() {
        return auth;
    }

    @Override
    public RevokeSessionUseCase revokeSession() {
        return auth;
    }

    @Override
    public AuthenticateUseCase authenticate() {
        return auth;
    }

    @Override
    public SendVerificationEmailUseCase sendVerificationEmail() {
        return auth;
    }

    @Override
    public VerifyEmailUseCase verifyEmail() {
        return auth;
    }

    @Override
    public SetPasswordUseCase setPassword() {
        return auth;
    }

    @Override
    public SyncRevokedSessionsUseCase syncRevokedSessions() {
        return revoked;
    }

    @Override
    public CreatePromptUseCase createPrompt() {
        return prompts;
    }

    @Override
    public ListPromptsUseCase listPrompts() {
        return prompts;
    }

    @Override
    public ListPublicPromptsUseCase listPublicPrompts() {
        return prompts;
    }

    @Override
    public GetCachedPromptUseCase getCachedPrompt() {
        return prompts;
    }

    @Override
    public ListCachedPromptsUseCase listCachedPrompts() {
        return prompts;
    }

    @Override
    public GetPromptUseCase getPrompt() {
        return prompts;
    }

    @Override
    public UpdatePromptUseCase updatePrompt() {
        return prompts;
    }

    @Override
    public DeletePromptUseCase deletePrompt() {
        return prompts;
    }

    @Override
    public AddResponseUseCase addResponse() {
        return responses;
    }

    @Override
    public ListResponsesUseCase listResponses() {
        return responses;
    }

    @Override
    public UpdateResponseUseCase updateResponse() {
        return responses;
    }

    @Override
    public DeleteResponseUseCase deleteResponse() {
        return responses;
    }

    @Override
    public ListPromptVersionsUseCase listPromptVersions() {
        return history;
    }

    @Override
    public GetPromptVersionUseCase getPromptVersion() {
        return history;
    }

    @Override
    public RestorePromptVersionUseCase restorePromptVersion() {
        return history;
    }

    @Override
    public DiffPromptVersionsUseCase diffPromptVersions() {
        return history;
    }

    @Override
    public DiffResponsesUseCase diffResponses() {
        return responses;
    }

    @Override
    public SearchPromptsUseCase searchPrompts() {
        return search;
    }

    @Override
    public IndexSearchBodiesUseCase indexSearchBodies() {
        return search;
    }

    @Override
    public SignUpSubscriberUseCase signUpSubscriber() {
        return subscribers;
    }

    @Override
    public GetOwnSubscriptionUseCase ownSubscription() {
        return subscribers;
    }

    @Override
    public ListSubscribersUseCase listSubscribers() {
        return subscribers;
    }

    @Override
    public UpdateSubscriberUseCase updateSubscriber() {
        return subscribers;
    }

    @Override
    public RequestMagicLinkUseCase requestMagicLink() {
        return magicLinks;
    }

    @Override
    public VerifyMagicLinkUseCase verifyMagicLink() {
        return magicLinks;
    }

    @Override
    public PurgeExpiredMagicLinksUseCase purgeExpiredMagicLinks() {
        return magicLinks;
    }

    @Override
    public DeliverEmailsUseCase deliverEmails() {
        return emailDelivery;
    }

    @Override
    public RecordProgressUseCase recordProgress() {
        return progress;
    }

    @Override
    public GetProgressUseCase progress() {
        return progress;
    }

    @Override
    public GetProgressAnalyticsUseCase progressAnalytics() {
        return progress;
    }

    @Override
    public RecordContentAccessUseCase recordContentAccess() {
        return content;
    }

    @Override
    public ListContentAccessUseCase listContentAccess() {
        return content;
    }

    @Override
    public RateResponseUseCase rateResponse() {
        return ratings;
    }

    @Override
    public PreferResponseUseCase preferResponse() {
        return ratings;
    }

    @Override
    public RankResponsesUseCase rankResponses() {
        return ratings;
    }

    @Override
    public GetPromptRatingsUseCase promptRatings() {
        return ratings;
    }

    @Override
    public GetLeaderboardUseCase leaderboard() {
        return ratings;
    }

    @Override
    public ExportPreferencesUseCase exportPreferences() {
        return ratings;
    }

    @Override
    public CreateCollectionUseCase createCollection() {
        return collections;
    }

    @Override
    public ListCollectionsUseCase listCollections() {
        return collections;
    }

    @Override
    public GetCollectionUseCase getCollection() {
        return collections;
    }

    @Override
    public UpdateCollectionUseCase updateCollection() {
        return collections;
    }

    @Override
    public DeleteCollectionUseCase deleteCollection() {
        return collections;
    }

    @Override
    public AddPromptToCollectionUseCase addPromptToCollection() {
        return collections;
    }

    @Override
    public RemovePromptFromCollectionUseCase removePromptFromCollection() {
        return collections;
    }

    @Override
    public ReorderCollectionUseCase reorderCollection() {
        return collections;
    }

    @Override
    public ListPromptCollectionsUseCase listPromptCollections() {
        return collections;
    }

    @Override
    public ExportDataUseCase exportData() {
        return export;
    }

    @Override
    public ImportDataUseCase importData() {
        return imports;
    }
}
