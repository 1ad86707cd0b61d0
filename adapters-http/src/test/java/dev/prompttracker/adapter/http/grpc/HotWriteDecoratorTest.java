package dev.prompttracker.adapter.http.grpc;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.grpc.GrpcJsonMarshaller;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Which writes the hot path takes; everything it does not take reaches the transcoded call untouched. */
class HotWriteDecoratorTest {
    private static final HttpService TRANSCODED = (ctx, req) -> HttpResponse.of(req.aggregate()
            .thenApply(body -> HttpResponse.of(HttpStatus.valueOf(299), MediaType.PLAIN_TEXT_UTF_8, body.contentUtf8())));

    private static AggregatedHttpResponse serve(HttpMethod method, String pathAndQuery, MediaType type, String body)
            throws Exception {
        GrpcJsonMarshaller json = GrpcJsonMarshaller.of(PromptServiceGrpc.getServiceDescriptor());
        // No application behind it: a request the hot path took would fail, not answer 299.
        HttpService hot = HotWriteDecorator.newDecorator(null, json, 1024).apply(TRANSCODED);
        RequestHeaders headers = RequestHeaders.builder(method, pathAndQuery).scheme("http").authority("localhost")
                .contentType(type).build();
        HttpRequest request = HttpRequest.of(headers, HttpData.ofUtf8(body));
        ServiceRequestContext ctx = ServiceRequestContext.of(request);
        try (var ignored = ctx.push()) {
            return hot.serve(ctx, request).aggregate().join();
        }
    }

    @Test
    void whatTheHotPathDoesNotTakeReachesTheTranscodedCallWithItsBody() throws Exception {
        String create = "{\"content\":\"Write a haiku\"}";
        String[][] passedOn = {
                {"/api/prompts?validate=true", create},
                {"/api/prompts/abc/responses/x", create},
                {"/api/prompts/a%2Fb/responses", create},
                {"/api/prompts//responses", create},
                {"/api/prompts/responses", create},
                {"/api/prompts", "{\"content\":"},
                {"/api/prompts", "{\"content\":\"" + "x".repeat(2000) + "\"}"},
                {"/api/prompts", ""},
                {"/api/prompts/abc/responses", "{\"promptId\":\"other\",\"content\":\"x\"}"},
        };
        for (String[] request : passedOn) {
            AggregatedHttpResponse answer = serve(HttpMethod.POST, request[0], MediaType.JSON_UTF_8, request[1]);
            assertThat(answer.status().code()).as(request[0] + " " + request[1]).isEqualTo(299);
            assertThat(answer.contentUtf8()).isEqualTo(request[1]);
        }
        assertThat(serve(HttpMethod.POST, "/api/prompts", MediaType.PLAIN_TEXT_UTF_8, create).status().code())
                .isEqualTo(299);
        assertThat(serve(HttpMethod.POST, "/api/prompts", MediaType.JSON.withCharset(
                StandardCharsets.ISO_8859_1), create).status().code()).isEqualTo(299);
        assertThat(serve(HttpMethod.PUT, "/api/prompts", MediaType.JSON_UTF_8, create).status().code())
                .isEqualTo(299);
    }

    @Test
    void aReadableCreateIsTakenByTheHotPath() throws Exception {
        AggregatedHttpResponse answer = serve(HttpMethod.POST, "/api/prompts", MediaType.JSON_UTF_8,
                "{\"content\":\"Write a haiku\"}");
        assertThat(answer.status().code()).as("taken: fails without an application, not 299").isEqualTo(500);
    }
}
