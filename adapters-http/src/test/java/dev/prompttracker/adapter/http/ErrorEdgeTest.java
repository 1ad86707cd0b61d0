package dev.prompttracker.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.MediaType;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.proto.v1.AuthServiceGrpc;
import dev.prompttracker.proto.v1.LoginRequest;
import dev.prompttracker.proto.v1.RegisterRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Bad input of every shape gets a clear 4xx problem document, never a 500 or a stack trace. */
class ErrorEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AggregatedHttpResponse post(String path, MediaType type, String body) {
        return server.blockingWebClient().prepare().post(path).content(type, body).execute();
    }

    private static JsonNode problem(AggregatedHttpResponse response) throws Exception {
        assertThat(response.contentType()).isNotNull();
        assertThat(response.contentType().toString()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.contentUtf8());
        assertThat(problem.get("status").asInt()).isEqualTo(response.status().code());
        assertThat(problem.get("type").asText()).startsWith("urn:problem:prompt-tracker:");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("requestId").asText()).isEqualTo(response.headers().get("x-request-id"));
        assertThat(response.contentUtf8()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(".java:");
        return problem;
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        for (String body : List.of("{not json", "[1,2,3]", "\"text\"", "{\"login\": {\"nested\": true}}",
                "{\"login\":\"a\",\"password\":" + "[".repeat(5000) + "]".repeat(5000) + "}")) {
            AggregatedHttpResponse response = post("/api/auth/login", MediaType.JSON_UTF_8, body);
            assertThat(response.status().code()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
            problem(response);
        }
    }

    @Test
    void aNonNumericQueryParameterIsABadRequest() throws Exception {
        AggregatedHttpResponse response = server.blockingWebClient().get("/api/public/prompts?pageSize=lots");
        assertThat(response.status().code()).isEqualTo(400);
        problem(response);
    }

    @Test
    void invalidFieldsAreListedInTheProblem() throws Exception {
        AggregatedHttpResponse response = post("/api/auth/register", MediaType.JSON_UTF_8,
                "{\"username\":\"a\",\"email\":\"nope\",\"password\":\"short\"}");
        assertThat(response.status().code()).isEqualTo(400);
        JsonNode problem = problem(response);
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("username", "email", "password");
    }

    @Test
    void unauthenticatedAnswersCarryAChallenge() throws Exception {
        AggregatedHttpResponse response = server.blockingWebClient().get("/api/prompts");
        assertThat(response.status().code()).isEqualTo(401);
        assertThat(response.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        problem(response);
    }

    @Test
    void aBodyOverTheLimitIs413AndTheServerCarriesOn() throws Exception {
        String big = "{\"login\":\"" + "x".repeat(100 * 1024) + "\",\"password\":\"p\"}";
        AggregatedHttpResponse tooLarge = post("/api/auth/login", MediaType.JSON_UTF_8, big);
        assertThat(tooLarge.status().code()).isEqualTo(413);
        problem(tooLarge);
        String huge = "{\"login\":\"" + "x".repeat(300 * 1024) + "\"}";
        AggregatedHttpResponse wayTooLarge = post("/api/auth/login", MediaType.JSON_UTF_8, huge);
        assertThat(wayTooLarge.status().code()).isEqualTo(413);
        problem(wayTooLarge);
        assertThat(post("/api/auth/login", MediaType.JSON_UTF_8, "{\"login\":\"x\",\"password\":\"y\"}").status().code())
                .isEqualTo(401);
    }

    @Test
    void aGrpcMessageOverTheLimitIsResourceExhausted() {
        var stub = GrpcClients.builder(server.httpUri()).maxRequestMessageLength(1 << 24)
                .build(AuthServiceGrpc.AuthServiceBlockingStub.class);
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class, () -> stub.login(
                LoginRequest.newBuilder().setLogin("x".repeat(100 * 1024)).setPassword("p").build()));
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        StatusRuntimeException after = catchThrowableOfType(StatusRuntimeException.class, () -> stub.login(
                LoginRequest.newBuilder().setLogin("x").setPassword("yyyyyyyyyyyy").build()));
        assertThat(after.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() throws Exception {
        AggregatedHttpResponse noRoute = server.blockingWebClient().get("/api/does-not-exist");
        assertThat(noRoute.status().code()).isEqualTo(404);
        problem(noRoute);
        AggregatedHttpResponse wrongMethod = server.blockingWebClient().prepare().put("/api/auth/login")
                .content(MediaType.JSON_UTF_8, "{}").execute();
        assertThat(wrongMethod.status().code()).isIn(404, 405);
        problem(wrongMethod);
    }

    @Test
    void unknownJsonFieldsAreIgnoredAndRequiredFieldsStillChecked() throws Exception {
        AggregatedHttpResponse response = post("/api/auth/register", MediaType.JSON_UTF_8,
                "{\"usernme\":\"typo_name\",\"email\":\"typo@example.com\",\"password\":\"long enough password\"}");
        assertThat(response.status().code()).isEqualTo(400);
        assertThat(problem(response).get("errors")).extracting(e -> e.get("field").asText()).containsExactly("username");
    }

    @Test
    void healthAndDocsAreServed() {
        assertThat(server.blockingWebClient().get("/healthz").status().code()).isEqualTo(200);
        AggregatedHttpResponse spec = server.blockingWebClient().get("/docs/specification.json");
        assertThat(spec.status().code()).isEqualTo(200);
        assertThat(spec.contentUtf8()).contains("prompttracker.v1.PromptService").contains("/api/prompts");
    }

    @Test
    void everyResponseHasARequestId() {
        var grpcCall = GrpcClients.builder(server.httpUri()).build(AuthServiceGrpc.AuthServiceBlockingStub.class);
        catchThrowableOfType(StatusRuntimeException.class, () -> grpcCall.register(RegisterRequest.getDefaultInstance()));
        for (AggregatedHttpResponse response : List.of(server.blockingWebClient().get("/healthz"),
                server.blockingWebClient().get("/api/prompts"),
                post("/api/auth/login", MediaType.JSON_UTF_8, "{oops"))) {
            assertThat(response.headers().get("x-request-id")).matches("[0-9a-f]{16}");
        }
    }
}
