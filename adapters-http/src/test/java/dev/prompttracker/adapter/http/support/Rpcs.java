package dev.prompttracker.adapter.http.support;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import dev.prompttracker.proto.v1.AddPromptToCollectionRequest;
import dev.prompttracker.proto.v1.AddResponseRequest;
import dev.prompttracker.proto.v1.Collection;
import dev.prompttracker.proto.v1.CollectionsProto;
import dev.prompttracker.proto.v1.CreateCollectionRequest;
import dev.prompttracker.proto.v1.DeleteCollectionRequest;
import dev.prompttracker.proto.v1.DeleteCollectionResponse;
import dev.prompttracker.proto.v1.GetCollectionRequest;
import dev.prompttracker.proto.v1.GetCollectionResponse;
import dev.prompttracker.proto.v1.ListCollectionsRequest;
import dev.prompttracker.proto.v1.ListCollectionsResponse;
import dev.prompttracker.proto.v1.ListPromptCollectionsRequest;
import dev.prompttracker.proto.v1.ListPromptCollectionsResponse;
import dev.prompttracker.proto.v1.RemovePromptFromCollectionRequest;
import dev.prompttracker.proto.v1.ReorderCollectionRequest;
import dev.prompttracker.proto.v1.UpdateCollectionRequest;
import dev.prompttracker.proto.v1.ChapterProgress;
import dev.prompttracker.proto.v1.ContentAccessEntry;
import dev.prompttracker.proto.v1.ContentProto;
import dev.prompttracker.proto.v1.GetMySubscriptionRequest;
import dev.prompttracker.proto.v1.GetProgressAnalyticsRequest;
import dev.prompttracker.proto.v1.GetProgressAnalyticsResponse;
import dev.prompttracker.proto.v1.GetProgressRequest;
import dev.prompttracker.proto.v1.GetProgressResponse;
import dev.prompttracker.proto.v1.ListContentAccessRequest;
import dev.prompttracker.proto.v1.ListContentAccessResponse;
import dev.prompttracker.proto.v1.ListSubscribersRequest;
import dev.prompttracker.proto.v1.ListSubscribersResponse;
import dev.prompttracker.proto.v1.RecordChapterProgressRequest;
import dev.prompttracker.proto.v1.RecordContentAccessRequest;
import dev.prompttracker.proto.v1.RequestMagicLinkRequest;
import dev.prompttracker.proto.v1.RequestMagicLinkResponse;
import dev.prompttracker.proto.v1.SendVerificationEmailRequest;
import dev.prompttracker.proto.v1.SendVerificationEmailResponse;
import dev.prompttracker.proto.v1.SetPasswordRequest;
import dev.prompttracker.proto.v1.SetPasswordResponse;
import dev.prompttracker.proto.v1.SignUpRequest;
import dev.prompttracker.proto.v1.VerifyEmailRequest;
import dev.prompttracker.proto.v1.SignUpResponse;
import dev.prompttracker.proto.v1.Subscriber;
import dev.prompttracker.proto.v1.UpdateSubscriberRequest;
import dev.prompttracker.proto.v1.VerifyMagicLinkRequest;
import dev.prompttracker.proto.v1.AuthProto;
import dev.prompttracker.proto.v1.AuthResult;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.DeletePromptRequest;
import dev.prompttracker.proto.v1.DeletePromptResponse;
import dev.prompttracker.proto.v1.DeleteResponseRequest;
import dev.prompttracker.proto.v1.DeleteResponseResponse;
import dev.prompttracker.proto.v1.GetPromptRequest;
import dev.prompttracker.proto.v1.ListPromptsRequest;
import dev.prompttracker.proto.v1.ListPromptsResponse;
import dev.prompttracker.proto.v1.ListPublicPromptsRequest;
import dev.prompttracker.proto.v1.SearchPromptsRequest;
import dev.prompttracker.proto.v1.SearchPromptsResponse;
import dev.prompttracker.proto.v1.ListResponsesRequest;
import dev.prompttracker.proto.v1.ListResponsesResponse;
import dev.prompttracker.proto.v1.ListSessionsRequest;
import dev.prompttracker.proto.v1.ListSessionsResponse;
import dev.prompttracker.proto.v1.LoginRequest;
import dev.prompttracker.proto.v1.LogoutRequest;
import dev.prompttracker.proto.v1.LogoutResponse;
import dev.prompttracker.proto.v1.Prompt;
import dev.prompttracker.proto.v1.PromptsProto;
import dev.prompttracker.proto.v1.RefreshRequest;
import dev.prompttracker.proto.v1.RegisterRequest;
import dev.prompttracker.proto.v1.Response;
import dev.prompttracker.proto.v1.RevokeSessionRequest;
import dev.prompttracker.proto.v1.RevokeSessionResponse;
import dev.prompttracker.proto.v1.UpdatePromptRequest;
import dev.prompttracker.proto.v1.UpdateResponseRequest;
import dev.prompttracker.proto.v1.DiffPromptVersionsRequest;
import dev.prompttracker.proto.v1.DiffResponsesRequest;
import dev.prompttracker.proto.v1.GetPromptVersionRequest;
import dev.prompttracker.proto.v1.ListPromptVersionsRequest;
import dev.prompttracker.proto.v1.ListPromptVersionsResponse;
import dev.prompttracker.proto.v1.PromptVersion;
import dev.prompttracker.proto.v1.RestorePromptVersionRequest;
import dev.prompttracker.proto.v1.TextDiff;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** Every method of the API, for the scenario tests. */
public final class Rpcs {
    public static final Rpc<RegisterRequest, AuthResult> REGISTER =
            auth("Register", (s, q) -> s.auth().register(q), AuthResult::newBuilder);
    public static final Rpc<LoginRequest, AuthResult> LOGIN =
            auth("Login", (s, q) -> s.auth().login(q), AuthResult::newBuilder);
    public static final Rpc<RefreshRequest, AuthResult> REFRESH =
            auth("Refresh", (s, q) -> s.auth().refresh(q), AuthResult::newBuilder);
    public static final Rpc<LogoutRequest, LogoutResponse> LOGOUT =
            auth("Logout", (s, q) -> s.auth().logout(q), LogoutResponse::newBuilder);
    public static final Rpc<ListSessionsRequest, ListSessionsResponse> LIST_SESSIONS =
            auth("ListSessions", (s, q) -> s.auth().listSessions(q), ListSessionsResponse::newBuilder);
    public static final Rpc<RevokeSessionRequest, RevokeSessionResponse> REVOKE_SESSION =
            auth("RevokeSession", (s, q) -> s.auth().revokeSession(q), RevokeSessionResponse::newBuilder);

    public static final Rpc<CreatePromptRequest, Prompt> CREATE_PROMPT =
            prompts("CreatePrompt", (s, q) -> s.prompts().createPrompt(q), Prompt::newBuilder);
    public static final Rpc<ListPromptsRequest, ListPromptsResponse> LIST_PROMPTS =
            prompts("ListPrompts", (s, q) -> s.prompts().listPrompts(q), ListPromptsResponse::newBuilder);
    public static final Rpc<GetPromptRequest, Prompt> GET_PROMPT =
            prompts("GetPrompt", (s, q) -> s.prompts().getPrompt(q), Prompt::newBuilder);
    public static final Rpc<UpdatePromptRequest, Prompt> UPDATE_PROMPT =
            prompts("UpdatePrompt", (s, q) -> s.prompts().updatePrompt(q), Prompt::newBuilder);
    public static final Rpc<DeletePromptRequest, DeletePromptResponse> DELETE_PROMPT =
            prompts("DeletePrompt", (s, q) -> s.prompts().deletePrompt(q), DeletePromptResponse::newBuilder);
    public static final Rpc<ListPublicPromptsRequest, ListPromptsResponse> LIST_PUBLIC_PROMPTS =
            prompts("ListPublicPrompts", (s, q) -> s.prompts().listPublicPrompts(q), ListPromptsResponse::newBuilder);
    public static final Rpc<AddResponseRequest, Response> ADD_RESPONSE =
            prompts("AddResponse", (s, q) -> s.prompts().addResponse(q), Response::newBuilder);
    public static final Rpc<ListResponsesRequest, ListResponsesResponse> LIST_RESPONSES =
            prompts("ListResponses", (s, q) -> s.prompts().listResponses(q), ListResponsesResponse::newBuilder);
    public static final Rpc<UpdateResponseRequest, Response> UPDATE_RESPONSE =
            prompts("UpdateResponse", (s, q) -> s.prompts().updateResponse(q), Response::newBuilder);
    public static final Rpc<DeleteResponseRequest, DeleteResponseResponse> DELETE_RESPONSE =
            prompts("DeleteResponse", (s, q) -> s.prompts().deleteResponse(q), DeleteResponseResponse::newBuilder);

    public static final Rpc<ListPromptVersionsRequest, ListPromptVersionsResponse> LIST_PROMPT_VERSIONS =
            prompts("ListPromptVersions", (s, q) -> s.prompts().listPromptVersions(q),
                    ListPromptVersionsResponse::newBuilder);
    public static final Rpc<GetPromptVersionRequest, PromptVersion> GET_PROMPT_VERSION =
            prompts("GetPromptVersion", (s, q) -> s.prompts().getPromptVersion(q), PromptVersion::newBuilder);
    public static final Rpc<RestorePromptVersionRequest, Prompt> RESTORE_PROMPT_VERSION =
            prompts("RestorePromptVersion", (s, q) -> s.prompts().restorePromptVersion(q), Prompt::newBuilder);
    public static final Rpc<DiffPromptVersionsRequest, TextDiff> DIFF_PROMPT_VERSIONS =
            prompts("DiffPromptVersions", (s, q) -> s.prompts().diffPromptVersions(q), TextDiff::newBuilder);
    public static final Rpc<SearchPromptsRequest, SearchPromptsResponse> SEARCH_PROMPTS =
            prompts("SearchPrompts", (s, q) -> s.prompts().searchPrompts(q), SearchPromptsResponse::newBuilder);
    public static final Rpc<DiffResponsesRequest, TextDiff> DIFF_RESPONSES =
            prompts("DiffResponses", (s, q) -> s.prompts().diffResponses(q), TextDiff::newBuilder);

    public static final Rpc<RequestMagicLinkRequest, RequestMagicLinkResponse> REQUEST_MAGIC_LINK =
            auth("RequestMagicLink", (s, q) -> s.auth().requestMagicLink(q), RequestMagicLinkResponse::newBuilder);
    public static final Rpc<VerifyMagicLinkRequest, AuthResult> VERIFY_MAGIC_LINK =
            auth("VerifyMagicLink", (s, q) -> s.auth().verifyMagicLink(q), AuthResult::newBuilder);
    public static final Rpc<SendVerificationEmailRequest, SendVerificationEmailResponse> SEND_VERIFICATION_EMAIL =
            auth("SendVerificationEmail", (s, q) -> s.auth().sendVerificationEmail(q),
                    SendVerificationEmailResponse::newBuilder);
    public static final Rpc<VerifyEmailRequest, AuthResult> VERIFY_EMAIL =
            auth("VerifyEmail", (s, q) -> s.auth().verifyEmail(q), AuthResult::newBuilder);
    public static final Rpc<SetPasswordRequest, SetPasswordResponse> SET_PASSWORD =
            auth("SetPassword", (s, q) -> s.auth().setPassword(q), SetPasswordResponse::newBuilder);

    public static final Rpc<SignUpRequest, SignUpResponse> SIGN_UP =
            content("SubscriberService", "SignUp", (s, q) -> s.subscribers().signUp(q), SignUpResponse::newBuilder);
    public static final Rpc<GetMySubscriptionRequest, Subscriber> MY_SUBSCRIPTION =
            content("SubscriberService", "GetMySubscription", (s, q) -> s.subscribers().getMySubscription(q),
                    Subscriber::newBuilder);
    public static final Rpc<ListSubscribersRequest, ListSubscribersResponse> LIST_SUBSCRIBERS =
            content("SubscriberService", "ListSubscribers", (s, q) -> s.subscribers().listSubscribers(q),
                    ListSubscribersResponse::newBuilder);
    public static final Rpc<UpdateSubscriberRequest, Subscriber> UPDATE_SUBSCRIBER =
            content("SubscriberService", "UpdateSubscriber", (s, q) -> s.subscribers().updateSubscriber(q),
                    Subscriber::newBuilder);
    public static final Rpc<RecordChapterProgressRequest, ChapterProgress> RECORD_PROGRESS =
            content("ProgressService", "RecordChapterProgress", (s, q) -> s.progress().recordChapterProgress(q),
                    ChapterProgress::newBuilder);
    public static final Rpc<GetProgressRequest, GetProgressResponse> GET_PROGRESS =
            content("ProgressService", "GetProgress", (s, q) -> s.progress().getProgress(q),
                    GetProgressResponse::newBuilder);
    public static final Rpc<GetProgressAnalyticsRequest, GetProgressAnalyticsResponse> PROGRESS_ANALYTICS =
            content("ProgressService", "GetProgressAnalytics", (s, q) -> s.progress().getProgressAnalytics(q),
                    GetProgressAnalyticsResponse::newBuilder);
    public static final Rpc<RecordContentAccessRequest, ContentAccessEntry> RECORD_ACCESS =
            content("ContentService", "RecordContentAccess", (s, q) -> s.content().recordContentAccess(q),
                    ContentAccessEntry::newBuilder);
    public static final Rpc<ListContentAccessRequest, ListContentAccessResponse> LIST_ACCESS =
            content("ContentService", "ListContentAccess", (s, q) -> s.content().listContentAccess(q),
                    ListContentAccessResponse::newBuilder);

    public static final Rpc<dev.prompttracker.proto.v1.RateResponseRequest, dev.prompttracker.proto.v1.Rating>
            RATE_RESPONSE = ratings("RateResponse", (s, q) -> s.ratings().rateResponse(q),
            dev.prompttracker.proto.v1.Rating::newBuilder);
    public static final Rpc<dev.prompttracker.proto.v1.PreferResponseRequest, dev.prompttracker.proto.v1.Preference>
            PREFER_RESPONSE = ratings("PreferResponse", (s, q) -> s.ratings().preferResponse(q),
            dev.prompttracker.proto.v1.Preference::newBuilder);
    public static final Rpc<dev.prompttracker.proto.v1.RankResponsesRequest,
            dev.prompttracker.proto.v1.RankResponsesResponse> RANK_RESPONSES = ratings("RankResponses",
            (s, q) -> s.ratings().rankResponses(q), dev.prompttracker.proto.v1.RankResponsesResponse::newBuilder);
    public static final Rpc<dev.prompttracker.proto.v1.GetPromptRatingsRequest, dev.prompttracker.proto.v1.PromptRatings>
            PROMPT_RATINGS = ratings("GetPromptRatings", (s, q) -> s.ratings().getPromptRatings(q),
            dev.prompttracker.proto.v1.PromptRatings::newBuilder);
    public static final Rpc<dev.prompttracker.proto.v1.GetModelLeaderboardRequest,
            dev.prompttracker.proto.v1.ModelLeaderboard> MODEL_LEADERBOARD = ratings("GetModelLeaderboard",
            (s, q) -> s.ratings().getModelLeaderboard(q), dev.prompttracker.proto.v1.ModelLeaderboard::newBuilder);
    public static final Rpc<dev.prompttracker.proto.v1.ExportPreferencesRequest,
            dev.prompttracker.proto.v1.ExportPreferencesResponse> EXPORT_PREFERENCES = ratings("ExportPreferences",
            (s, q) -> s.ratings().exportPreferences(q), dev.prompttracker.proto.v1.ExportPreferencesResponse::newBuilder);
    public static final Rpc<CreateCollectionRequest, Collection> CREATE_COLLECTION =
            collections("CreateCollection", (s, q) -> s.collections().createCollection(q), Collection::newBuilder);
    public static final Rpc<ListCollectionsRequest, ListCollectionsResponse> LIST_COLLECTIONS =
            collections("ListCollections", (s, q) -> s.collections().listCollections(q),
                    ListCollectionsResponse::newBuilder);
    public static final Rpc<GetCollectionRequest, GetCollectionResponse> GET_COLLECTION =
            collections("GetCollection", (s, q) -> s.collections().getCollection(q), GetCollectionResponse::newBuilder);
    public static final Rpc<UpdateCollectionRequest, Collection> UPDATE_COLLECTION =
            collections("UpdateCollection", (s, q) -> s.collections().updateCollection(q), Collection::newBuilder);
    public static final Rpc<DeleteCollectionRequest, DeleteCollectionResponse> DELETE_COLLECTION =
            collections("DeleteCollection", (s, q) -> s.collections().deleteCollection(q),
                    DeleteCollectionResponse::newBuilder);
    public static final Rpc<AddPromptToCollectionRequest, Collection> ADD_TO_COLLECTION =
            collections("AddPromptToCollection", (s, q) -> s.collections().addPromptToCollection(q),
                    Collection::newBuilder);
    public static final Rpc<RemovePromptFromCollectionRequest, Collection> REMOVE_FROM_COLLECTION =
            collections("RemovePromptFromCollection", (s, q) -> s.collections().removePromptFromCollection(q),
                    Collection::newBuilder);
    public static final Rpc<ReorderCollectionRequest, Collection> REORDER_COLLECTION =
            collections("ReorderCollection", (s, q) -> s.collections().reorderCollection(q), Collection::newBuilder);
    public static final Rpc<ListPromptCollectionsRequest, ListPromptCollectionsResponse> LIST_PROMPT_COLLECTIONS =
            collections("ListPromptCollections", (s, q) -> s.collections().listPromptCollections(q),
                    ListPromptCollectionsResponse::newBuilder);

    /** Every method, so tests can check that none is left unclassified. */
    public static final List<Rpc<?, ?>> ALL = List.of(REGISTER, LOGIN, REFRESH, LOGOUT, LIST_SESSIONS, REVOKE_SESSION,
            CREATE_PROMPT, LIST_PROMPTS, GET_PROMPT, UPDATE_PROMPT, DELETE_PROMPT, LIST_PUBLIC_PROMPTS, ADD_RESPONSE,
            LIST_RESPONSES, UPDATE_RESPONSE, DELETE_RESPONSE, LIST_PROMPT_VERSIONS, GET_PROMPT_VERSION,
            RESTORE_PROMPT_VERSION, DIFF_PROMPT_VERSIONS, DIFF_RESPONSES, SEARCH_PROMPTS, REQUEST_MAGIC_LINK, VERIFY_MAGIC_LINK,
            SEND_VERIFICATION_EMAIL, VERIFY_EMAIL, SET_PASSWORD, SIGN_UP,
            MY_SUBSCRIPTION, LIST_SUBSCRIBERS, UPDATE_SUBSCRIBER, RECORD_PROGRESS, GET_PROGRESS, PROGRESS_ANALYTICS,
            RECORD_ACCESS, LIST_ACCESS, RATE_RESPONSE, PREFER_RESPONSE, RANK_RESPONSES, PROMPT_RATINGS,
            MODEL_LEADERBOARD, EXPORT_PREFERENCES, CREATE_COLLECTION, LIST_COLLECTIONS, GET_COLLECTION, UPDATE_COLLECTION,
            DELETE_COLLECTION, ADD_TO_COLLECTION, REMOVE_FROM_COLLECTION, REORDER_COLLECTION, LIST_PROMPT_COLLECTIONS);

    private Rpcs() {
    }

    private static <Q extends Message, R extends Message> Rpc<Q, R> auth(
            String name, BiFunction<Rpc.Stubs, Q, R> call, Supplier<Message.Builder> builder) {
        return rpc(AuthProto.getDescriptor().findServiceByName("AuthService"), name, call, builder);
    }

    private static <Q extends Message, R extends Message> Rpc<Q, R> prompts(
            String name, BiFunction<Rpc.Stubs, Q, R> call, Supplier<Message.Builder> builder) {
        return rpc(PromptsProto.getDescriptor().findServiceByName("PromptService"), name, call, builder);
    }

    private static <Q extends Message, R extends Message> Rpc<Q, R> ratings(
            String name, BiFunction<Rpc.Stubs, Q, R> call, Supplier<Message.Builder> builder) {
        return rpc(dev.prompttracker.proto.v1.RatingsProto.getDescriptor().findServiceByName("RatingService"), name,
                call, builder);
    }

    private static <Q extends Message, R extends Message> Rpc<Q, R> collections(
            String name, BiFunction<Rpc.Stubs, Q, R> call, Supplier<Message.Builder> builder) {
        return rpc(CollectionsProto.getDescriptor().findServiceByName("CollectionService"), name, call, builder);
    }

    private static <Q extends Message, R extends Message> Rpc<Q, R> content(
            String service, String name, BiFunction<Rpc.Stubs, Q, R> call, Supplier<Message.Builder> builder) {
        return rpc(ContentProto.getDescriptor().findServiceByName(service), name, call, builder);
    }

    private static <Q extends Message, R extends Message> Rpc<Q, R> rpc(
            Descriptors.ServiceDescriptor service, String name, BiFunction<Rpc.Stubs, Q, R> call,
            Supplier<Message.Builder> builder) {
        return new Rpc<>(service.findMethodByName(name), call, builder);
    }
}
