package dev.prompttracker.adapter.http.grpc;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.grpc.GrpcJsonMarshaller;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests the hot path answers itself, and which it leaves to the transcoded call. */
class HotPromptDecoratorTest {
    private static final HttpService TRANSCODED = (ctx, req) -> HttpResponse.of(HttpStatus.valueOf(299));
    private final Prompt prompt = Fixtures.prompt(Fixtures.user("owner").id(), Fixtures.T0, "Write a haiku", true);
    private final PromptView view = new PromptView(prompt, Content.parse("Write a haiku"), List.<ResponseView>of());

    private static AggregatedHttpResponse serve(String pathAndQuery, HttpMethod method, Optional<Actor> caller,
                                                Optional<PromptView> cached) throws Exception {
        GrpcJsonMarshaller json = GrpcJsonMarshaller.of(PromptServiceGrpc.getServiceDescriptor());
        HttpService hot = HotPromptDecorator.newDecorator(query -> cached, () -> caller, json).apply(TRANSCODED);
        HttpRequest request = HttpRequest.of(method, pathAndQuery);
        ServiceRequestContext ctx = ServiceRequestContext.of(request);
        try (var ignored = ctx.push()) {
            return hot.serve(ctx, request).aggregate().join();
        }
    }

    @Test
    void aCachedReadableViewIsAnsweredFromMemory() throws Exception {
        AggregatedHttpResponse response = serve("/api/prompts/" + prompt.id().value(), HttpMethod.GET,
                Optional.of(Actor.ANONYMOUS), Optional.of(view));
        assertThat(response.status()).isEqualTo(HttpStatus.OK);
        assertThat(response.contentUtf8()).contains("\"content\":\"Write a haiku\"", "\"id\":\"" + prompt.id().value());
    }

    @Test
    void everythingElseGoesTheOrdinaryWay() throws Exception {
        String path = "/api/prompts/" + prompt.id().value();
        Optional<Actor> anonymous = Optional.of(Actor.ANONYMOUS);
        assertThat(serve(path, HttpMethod.GET, anonymous, Optional.empty()).status().code())
                .as("not in memory").isEqualTo(299);
        assertThat(serve(path, HttpMethod.GET, Optional.empty(), Optional.of(view)).status().code())
                .as("refused credentials").isEqualTo(299);
        assertThat(serve(path + "?id=other", HttpMethod.GET, anonymous, Optional.of(view)).status().code())
                .as("a query string").isEqualTo(299);
        assertThat(serve(path, HttpMethod.PATCH, anonymous, Optional.of(view)).status().code()).isEqualTo(299);
        assertThat(serve(path + "/responses", HttpMethod.GET, anonymous, Optional.of(view)).status().code())
                .isEqualTo(299);
        assertThat(serve("/api/prompts/", HttpMethod.GET, anonymous, Optional.of(view)).status().code())
                .isEqualTo(299);
    }
}
