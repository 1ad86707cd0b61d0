package dev.prompttracker.adapter.http.support;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import dev.prompttracker.proto.v1.AddResponseRequest;
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

    /** Every method, so tests can check that none is left unclassified. */
    public static final List<Rpc<?, ?>> ALL = List.of(REGISTER, LOGIN, REFRESH, LOGOUT, LIST_SESSIONS, REVOKE_SESSION,
            CREATE_PROMPT, LIST_PROMPTS, GET_PROMPT, UPDATE_PROMPT, DELETE_PROMPT, LIST_PUBLIC_PROMPTS, ADD_RESPONSE,
            LIST_RESPONSES, UPDATE_RESPONSE, DELETE_RESPONSE);

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

    private static <Q extends Message, R extends Message> Rpc<Q, R> rpc(
            Descriptors.ServiceDescriptor service, String name, BiFunction<Rpc.Stubs, Q, R> call,
            Supplier<Message.Builder> builder) {
        return new Rpc<>(service.findMethodByName(name), call, builder);
    }
}
