package dev.prompttracker.adapter.http.grpc;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.proto.v1.GetPromptRequest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which gRPC calls the hot path answers itself, and which it leaves to the gRPC service. */
class HotGrpcReadDecoratorTest {
    private static final HttpService FULL_CALL = (ctx, req) -> req.aggregate()
            .thenApply(ignored -> HttpResponse.of(HttpStatus.valueOf(299))).join();
    private static final String GET_PROMPT = "/prompttracker.v1.PromptService/GetPrompt";
    private final Prompt prompt = Fixtures.prompt(Fixtures.user("owner").id(), Fixtures.T0, "Write a haiku", true);
    private final PromptView view = new PromptView(prompt, Content.parse("Write a haiku"), List.<ResponseView>of());

    private AggregatedHttpResponse call(String path, String contentType, byte[] body, Optional<Actor> caller)
            throws Exception {
        HttpService hot = HotGrpcReadDecorator.newDecorator(query -> query.promptId().equals(prompt.id().value())
                        ? Optional.of(new dev.prompttracker.application.port.in.Cached<>(view, bytes -> true))
                        : Optional.empty(), query -> Optional.empty(), () -> caller)
                .apply(FULL_CALL);
        RequestHeaders headers = RequestHeaders.builder(HttpMethod.POST, path).scheme("http").authority("localhost")
                .contentType(MediaType.parse(contentType)).build();
        HttpRequest request = HttpRequest.of(headers, HttpData.wrap(body));
        ServiceRequestContext ctx = ServiceRequestContext.of(request);
        try (var ignored = ctx.push()) {
            return hot.serve(ctx, request).aggregate().join();
        }
    }

    private static byte[] frame(byte flags, byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put(flags).putInt(message.length).put(message).array();
    }

    private byte[] getPrompt(String id) {
        return frame((byte) 0, GetPromptRequest.newBuilder().setId(id).build().toByteArray());
    }

    @Test
    void aCachedPromptIsAnsweredAsOneFramedMessageAndAnOkStatus() throws Exception {
        AggregatedHttpResponse response = call(GET_PROMPT, "application/grpc", getPrompt(prompt.id().value()),
                Optional.of(Actor.ANONYMOUS));
        assertThat(response.status()).isEqualTo(HttpStatus.OK);
        assertThat(response.trailers().get("grpc-status")).isEqualTo("0");
        byte[] body = response.content().array();
        assertThat(body[0]).isZero();
        assertThat(ByteBuffer.wrap(body).getInt(1)).isEqualTo(body.length - 5);
        dev.prompttracker.proto.v1.Prompt message = dev.prompttracker.proto.v1.Prompt.parseFrom(
                ByteBuffer.wrap(body, 5, body.length - 5));
        assertThat(message).isEqualTo(ProtoMapper.prompt(view));
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).startsWith("application/grpc");
    }

    @Test
    void everythingElseGoesToTheGrpcService() throws Exception {
        Optional<Actor> anonymous = Optional.of(Actor.ANONYMOUS);
        byte[] cached = getPrompt(prompt.id().value());
        assertThat(call(GET_PROMPT, "application/grpc", getPrompt(Fixtures.user("other").id().value()), anonymous)
                .status().code()).as("not in memory").isEqualTo(299);
        assertThat(call(GET_PROMPT, "application/grpc", cached, Optional.empty()).status().code())
                .as("refused credentials").isEqualTo(299);
        assertThat(call(GET_PROMPT, "application/grpc-web", cached, anonymous).status().code()).isEqualTo(299);
        assertThat(call(GET_PROMPT, "application/grpc+json", cached, anonymous).status().code()).isEqualTo(299);
        byte[] compressed = cached.clone();
        compressed[0] = 1;
        assertThat(call(GET_PROMPT, "application/grpc", compressed, anonymous).status().code()).isEqualTo(299);
        assertThat(call(GET_PROMPT, "application/grpc", new byte[] {0, 0, 0, 0, 9, 1}, anonymous).status().code())
                .as("a length that does not match").isEqualTo(299);
        assertThat(call(GET_PROMPT, "application/grpc", frame((byte) 0, new byte[] {(byte) 0xff}), anonymous)
                .status().code()).as("not a message").isEqualTo(299);
        assertThat(call("/prompttracker.v1.PromptService/DeletePrompt", "application/grpc", cached, anonymous)
                .status().code()).isEqualTo(299);
    }
}
