package dev.prompttracker.adapter.http;

import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.HttpHeaderNames;
import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.GrpcTransport;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.proto.v1.AddResponseRequest;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.GetPromptRequest;
import dev.prompttracker.proto.v1.ListPromptsRequest;
import dev.prompttracker.proto.v1.ListPromptsResponse;
import dev.prompttracker.proto.v1.Prompt;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gRPC reads of a prompt or a list page, first assembled and then held in memory: the same messages
 * both times, nothing a write changed or the caller may not see, and compressed calls answered too.
 */
class GrpcPromptReadEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();

    private static Prompt create(GrpcTransport grpc, String token, boolean isPublic) {
        Prompt prompt = grpc.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setTitle("Hot")
                .setContent("Write a haiku").setIsPublic(isPublic).addTags("poetry").build()).ok();
        for (String model : new String[] {"a", "b", "c"}) {
            grpc.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(prompt.getId())
                    .setModelName(model).setContent("answer " + model).build()).ok();
        }
        return prompt;
    }

    private static GetPromptRequest get(Prompt prompt) {
        return GetPromptRequest.newBuilder().setId(prompt.getId()).build();
    }

    @Test
    void aReadAnswersTheSameMessageAsTheFullCallAndSeesWritesAtOnce() {
        GrpcTransport grpc = server.grpc();
        String token = server.newUser(grpc).getAccessToken();
        Prompt prompt = create(grpc, token, false);
        Prompt assembled = grpc.call(Rpcs.GET_PROMPT, token, get(prompt)).ok();
        assertThat(assembled.getResponsesCount()).isEqualTo(3);
        assertThat(grpc.call(Rpcs.GET_PROMPT, token, get(prompt)).ok()).isEqualTo(assembled);
        assertThat(server.rest().call(Rpcs.GET_PROMPT, token, get(prompt)).ok()).isEqualTo(assembled);

        grpc.call(Rpcs.ADD_RESPONSE, token, AddResponseRequest.newBuilder().setPromptId(prompt.getId())
                .setModelName("d").setContent("a fourth answer").build()).ok();
        assertThat(grpc.call(Rpcs.GET_PROMPT, token, get(prompt)).ok().getResponsesCount()).isEqualTo(4);
    }

    @Test
    void aListPageIsTheSameMessageAsTheFullCall() {
        GrpcTransport grpc = server.grpc();
        String token = server.newUser(grpc).getAccessToken();
        create(grpc, token, false);
        ListPromptsRequest page = ListPromptsRequest.newBuilder().setPageSize(50).setTag("poetry").build();
        ListPromptsResponse read = grpc.call(Rpcs.LIST_PROMPTS, token, page).ok();
        assertThat(read.getPromptsCount()).isEqualTo(1);
        assertThat(grpc.call(Rpcs.LIST_PROMPTS, token, page).ok()).isEqualTo(read);
        create(grpc, token, false);
        assertThat(grpc.call(Rpcs.LIST_PROMPTS, token, page).ok().getPromptsCount()).isEqualTo(2);
        grpc.call(Rpcs.LIST_PROMPTS, token, ListPromptsRequest.newBuilder().setPageToken("forged").build())
                .failsWith(ErrorKind.INVALID);
    }

    @Test
    void aCachedPrivatePromptStaysPrivateAndBadTokensAreStillRefused() {
        GrpcTransport grpc = server.grpc();
        String owner = server.newUser(grpc).getAccessToken();
        String stranger = server.newUser(grpc).getAccessToken();
        Prompt prompt = create(grpc, owner, false);
        grpc.call(Rpcs.GET_PROMPT, owner, get(prompt)).ok();
        grpc.call(Rpcs.GET_PROMPT, owner, get(prompt)).ok();
        grpc.call(Rpcs.GET_PROMPT, stranger, get(prompt)).failsWith(ErrorKind.NOT_FOUND);
        grpc.call(Rpcs.GET_PROMPT, null, get(prompt)).failsWith(ErrorKind.NOT_FOUND);
        grpc.call(Rpcs.GET_PROMPT, owner + "x", get(prompt)).failsWith(ErrorKind.UNAUTHENTICATED);
        grpc.call(Rpcs.LIST_PROMPTS, null, ListPromptsRequest.getDefaultInstance())
                .failsWith(ErrorKind.UNAUTHENTICATED);
    }

    @Test
    void aCompressedCallStillGetsItsAnswerTheOrdinaryWay() {
        GrpcTransport grpc = server.grpc();
        String token = server.newUser(grpc).getAccessToken();
        Prompt prompt = create(grpc, token, true);
        Prompt assembled = grpc.call(Rpcs.GET_PROMPT, token, get(prompt)).ok();
        PromptServiceGrpc.PromptServiceBlockingStub gzip = GrpcClients.builder(server.httpUri())
                .addHeader(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
                .build(PromptServiceGrpc.PromptServiceBlockingStub.class)
                .withCompression("gzip");
        assertThat(gzip.getPrompt(get(prompt))).isEqualTo(assembled);
    }
}
