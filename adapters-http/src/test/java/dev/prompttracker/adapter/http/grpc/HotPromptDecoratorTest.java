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
import dev.prompttracker.application.port.in.ListPromptsQuery;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.Role;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests the hot path answers itself, and which it leaves to the transcoded call. */
class HotPromptDecoratorTest {
    private static final Actor.SignedIn OWNER = new Actor.SignedIn(Fixtures.user("owner").id(),
            Email.parse("owner@example.com"), true, Role.USER, SessionId.random());
    private static final HttpService TRANSCODED = (ctx, req) -> HttpResponse.of(HttpStatus.valueOf(299));
    private final Prompt prompt = Fixtures.prompt(Fixtures.user("owner").id(), Fixtures.T0, "Write a haiku", true);
    private final PromptView view = new PromptView(prompt, Content.parse("Write a haiku"), List.<ResponseView>of());

    private final Page<PromptSummary> page = new Page<>(List.of(new PromptSummary(prompt, 3)), Optional.empty());
    private final List<ListPromptsQuery> listed = new ArrayList<>();

    private AggregatedHttpResponse serve(String pathAndQuery, HttpMethod method, Optional<Actor> caller,
                                         Optional<PromptView> cached) throws Exception {
        return serve(pathAndQuery, method, caller, cached, Optional.empty());
    }

    private AggregatedHttpResponse serve(String pathAndQuery, HttpMethod method, Optional<Actor> caller,
                                         Optional<PromptView> cached, Optional<Page<PromptSummary>> cachedPage)
            throws Exception {
        GrpcJsonMarshaller json = GrpcJsonMarshaller.of(PromptServiceGrpc.getServiceDescriptor());
        HttpService hot = HotPromptDecorator.newDecorator(
                query -> cached.map(view -> new dev.prompttracker.application.port.in.Cached<>(view, bytes -> true)),
                null, query -> {
                    listed.add(query);
                    return cachedPage.map(page -> new dev.prompttracker.application.port.in.Cached<>(page, bytes -> true));
                }, () -> caller, json).apply(TRANSCODED);
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

    @Test
    void aCachedPageOfTheCallersListIsAnsweredFromMemory() throws Exception {
        Optional<Actor> owner = Optional.of(OWNER);
        AggregatedHttpResponse response = serve("/api/prompts?page_size=50&tag=poetry&q=haiku", HttpMethod.GET,
                owner, Optional.empty(), Optional.of(page));
        assertThat(response.status()).isEqualTo(HttpStatus.OK);
        assertThat(response.contentUtf8()).contains("\"responseCount\":3", "\"id\":\"" + prompt.id().value());
        assertThat(listed).containsExactly(new ListPromptsQuery(OWNER, 50, "", "poetry", "haiku"));
        assertThat(serve("/api/prompts?pageSize=20&pageToken=abc", HttpMethod.GET, owner, Optional.empty(),
                Optional.of(page)).status()).isEqualTo(HttpStatus.OK);
        assertThat(listed.getLast()).isEqualTo(new ListPromptsQuery(OWNER, 20, "abc", "", ""));
        assertThat(serve("/api/prompts", HttpMethod.GET, owner, Optional.empty(), Optional.of(page)).status())
                .isEqualTo(HttpStatus.OK);
        assertThat(listed.getLast()).isEqualTo(new ListPromptsQuery(OWNER, 0, "", "", ""));
    }

    @Test
    void aListQueryReadDifferentlyByTranscodingGoesTheOrdinaryWay() throws Exception {
        Optional<Actor> owner = Optional.of(OWNER);
        Optional<Page<PromptSummary>> cached = Optional.of(page);
        for (String query : List.of("pageSize=ten", "pageSize=5&page_size=6", "tag=a&tag=b", "sort=title",
                "page_size=")) {
            assertThat(serve("/api/prompts?" + query, HttpMethod.GET, owner, Optional.empty(), cached).status().code())
                    .as(query).isEqualTo(299);
        }
        assertThat(listed).as("none of them was looked up").isEmpty();
        assertThat(serve("/api/prompts", HttpMethod.GET, Optional.empty(), Optional.empty(), cached).status().code())
                .as("refused credentials").isEqualTo(299);
        assertThat(serve("/api/prompts", HttpMethod.GET, Optional.of(Actor.ANONYMOUS), Optional.empty(), cached)
                .status().code()).as("not signed in").isEqualTo(299);
        assertThat(serve("/api/prompts", HttpMethod.GET, owner, Optional.empty(), Optional.empty()).status().code())
                .as("not in memory").isEqualTo(299);
        assertThat(serve("/api/prompts", HttpMethod.POST, owner, Optional.empty(), cached).status().code())
                .isEqualTo(299);
    }

    @Test
    void aPromptNotInMemoryIsReadThroughTheUseCaseWithTheSameErrors() throws Exception {
        GrpcJsonMarshaller json = GrpcJsonMarshaller.of(PromptServiceGrpc.getServiceDescriptor());
        HttpService hot = HotPromptDecorator.newDecorator(query -> Optional.empty(), query -> {
            if (!query.promptId().equals(prompt.id().value())) {
                throw new NotFound("prompt not found");
            }
            return view;
        }, query -> Optional.empty(), () -> Optional.of(Actor.ANONYMOUS), json).apply(TRANSCODED);
        for (String id : List.of(prompt.id().value(), "missing")) {
            HttpRequest request = HttpRequest.of(HttpMethod.GET, "/api/prompts/" + id);
            ServiceRequestContext ctx = ServiceRequestContext.of(request);
            AggregatedHttpResponse response;
            try (var ignored = ctx.push()) {
                response = hot.serve(ctx, request).aggregate().join();
            }
            if (id.equals("missing")) {
                assertThat(response.status()).isEqualTo(HttpStatus.NOT_FOUND);
                assertThat(response.contentType().toString()).startsWith("application/problem+json");
            } else {
                assertThat(response.status()).isEqualTo(HttpStatus.OK);
                assertThat(response.contentUtf8()).contains("\"content\":\"Write a haiku\"");
            }
        }
    }
}
