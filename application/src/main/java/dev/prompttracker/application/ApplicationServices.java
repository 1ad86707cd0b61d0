package dev.prompttracker.application;

import dev.prompttracker.application.port.in.ExportDataUseCase;
import dev.prompttracker.application.port.in.ImportDataUseCase;
import dev.prompttracker.application.port.in.AddPromptToCollectionUseCase;
import dev.prompttracker.application.port.in.AddResponseUseCase;
import dev.prompttracker.application.port.in.CreateCollectionUseCase;
import dev.prompttracker.application.port.in.DeleteCollectionUseCase;
import dev.prompttracker.application.port.in.GetCollectionUseCase;
import dev.prompttracker.application.port.in.ListCollectionsUseCase;
import dev.prompttracker.application.port.in.ListPromptCollectionsUseCase;
import dev.prompttracker.application.port.in.RemovePromptFromCollectionUseCase;
import dev.prompttracker.application.port.in.ReorderCollectionUseCase;
import dev.prompttracker.application.port.in.UpdateCollectionUseCase;
import dev.prompttracker.application.port.in.AuthenticateUseCase;
import dev.prompttracker.application.port.in.CreatePromptUseCase;
import dev.prompttracker.application.port.in.DeletePromptUseCase;
import dev.prompttracker.application.port.in.DeleteResponseUseCase;
import dev.prompttracker.application.port.in.DeliverEmailsUseCase;
import dev.prompttracker.application.port.in.DiffPromptVersionsUseCase;
import dev.prompttracker.application.port.in.IndexSearchBodiesUseCase;
import dev.prompttracker.application.port.in.SearchPromptsUseCase;
import dev.prompttracker.application.port.in.DiffResponsesUseCase;
import dev.prompttracker.application.port.in.GetPromptVersionUseCase;
import dev.prompttracker.application.port.in.ListPromptVersionsUseCase;
import dev.prompttracker.application.port.in.RestorePromptVersionUseCase;
import dev.prompttracker.application.port.in.GetCachedPromptUseCase;
import dev.prompttracker.application.port.in.GetOwnSubscriptionUseCase;
import dev.prompttracker.application.port.in.GetProgressAnalyticsUseCase;
import dev.prompttracker.application.port.in.GetProgressUseCase;
import dev.prompttracker.application.port.in.GetPromptUseCase;
import dev.prompttracker.application.port.in.ListCachedPromptsUseCase;
import dev.prompttracker.application.port.in.ListContentAccessUseCase;
import dev.prompttracker.application.port.in.ListPromptsUseCase;
import dev.prompttracker.application.port.in.ListPublicPromptsUseCase;
import dev.prompttracker.application.port.in.ListResponsesUseCase;
import dev.prompttracker.application.port.in.ListSessionsUseCase;
import dev.prompttracker.application.port.in.ListSubscribersUseCase;
import dev.prompttracker.application.port.in.LogInUseCase;
import dev.prompttracker.application.port.in.LogOutUseCase;
import dev.prompttracker.application.port.in.PurgeExpiredMagicLinksUseCase;
import dev.prompttracker.application.port.in.RecordContentAccessUseCase;
import dev.prompttracker.application.port.in.RecordProgressUseCase;
import dev.prompttracker.application.port.in.RefreshSessionUseCase;
import dev.prompttracker.application.port.in.RegisterUserUseCase;
import dev.prompttracker.application.port.in.RequestMagicLinkUseCase;
import dev.prompttracker.application.port.in.RevokeSessionUseCase;
import dev.prompttracker.application.port.in.SendVerificationEmailUseCase;
import dev.prompttracker.application.port.in.SetPasswordUseCase;
import dev.prompttracker.application.port.in.SignUpSubscriberUseCase;
import dev.prompttracker.application.port.in.SyncRevokedSessionsUseCase;
import dev.prompttracker.application.port.in.UpdatePromptUseCase;
import dev.prompttracker.application.port.in.UpdateResponseUseCase;
import dev.prompttracker.application.port.in.UpdateSubscriberUseCase;
import dev.prompttracker.application.port.in.VerifyEmailUseCase;
import dev.prompttracker.application.port.in.VerifyMagicLinkUseCase;
import dev.prompttracker.application.port.in.ExportPreferencesUseCase;
import dev.prompttracker.application.port.in.GetLeaderboardUseCase;
import dev.prompttracker.application.port.in.GetPromptRatingsUseCase;
import dev.prompttracker.application.port.in.PreferResponseUseCase;
import dev.prompttracker.application.port.in.RankResponsesUseCase;
import dev.prompttracker.application.port.in.RateResponseUseCase;

/**
 * The core as an inbound adapter sees it: one use-case interface per operation, nothing else. Wired
 * by {@code CoreWiring} in {@code application.service} (only {@code bootstrap} and the core's own tests
 * call that); the edge takes this and calls what it serves.
 */
public interface ApplicationServices {
    RegisterUserUseCase registerUser();

    LogInUseCase logIn();

    RefreshSessionUseCase refreshSession();

    LogOutUseCase logOut();

    ListSessionsUseCase listSessions();

    RevokeSessionUseCase revokeSession();

    AuthenticateUseCase authenticate();

    SendVerificationEmailUseCase sendVerificationEmail();

    VerifyEmailUseCase verifyEmail();

    SetPasswordUseCase setPassword();

    SyncRevokedSessionsUseCase syncRevokedSessions();

    CreatePromptUseCase createPrompt();

    ListPromptsUseCase listPrompts();

    ListPublicPromptsUseCase listPublicPrompts();

    GetCachedPromptUseCase getCachedPrompt();

    ListCachedPromptsUseCase listCachedPrompts();

    GetPromptUseCase getPrompt();

    UpdatePromptUseCase updatePrompt();

    DeletePromptUseCase deletePrompt();

    AddResponseUseCase addResponse();

    ListResponsesUseCase listResponses();

    UpdateResponseUseCase updateResponse();

    DeleteResponseUseCase deleteResponse();

    ListPromptVersionsUseCase listPromptVersions();

    GetPromptVersionUseCase getPromptVersion();

    RestorePromptVersionUseCase restorePromptVersion();

    DiffPromptVersionsUseCase diffPromptVersions();

    DiffResponsesUseCase diffResponses();

    SearchPromptsUseCase searchPrompts();

    IndexSearchBodiesUseCase indexSearchBodies();

    SignUpSubscriberUseCase signUpSubscriber();

    GetOwnSubscriptionUseCase ownSubscription();

    ListSubscribersUseCase listSubscribers();

    UpdateSubscriberUseCase updateSubscriber();

    RequestMagicLinkUseCase requestMagicLink();

    VerifyMagicLinkUseCase verifyMagicLink();

    PurgeExpiredMagicLinksUseCase purgeExpiredMagicLinks();

    DeliverEmailsUseCase deliverEmails();

    RecordProgressUseCase recordProgress();

    GetProgressUseCase progress();

    GetProgressAnalyticsUseCase progressAnalytics();

    RecordContentAccessUseCase recordContentAccess();

    ListContentAccessUseCase listContentAccess();

    RateResponseUseCase rateResponse();

    PreferResponseUseCase preferResponse();

    RankResponsesUseCase rankResponses();

    GetPromptRatingsUseCase promptRatings();

    GetLeaderboardUseCase leaderboard();

    ExportPreferencesUseCase exportPreferences();
    // Collections of prompts.
    CreateCollectionUseCase createCollection();

    ListCollectionsUseCase listCollections();

    GetCollectionUseCase getCollection();

    UpdateCollectionUseCase updateCollection();

    DeleteCollectionUseCase deleteCollection();

    AddPromptToCollectionUseCase addPromptToCollection();

    RemovePromptFromCollectionUseCase removePromptFromCollection();

    ReorderCollectionUseCase reorderCollection();

    ListPromptCollectionsUseCase listPromptCollections();

    // Everything of one's own, out and back in.
    ExportDataUseCase exportData();

    ImportDataUseCase importData();
}
