package dev.prompttracker.adapter.http.grpc;

import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import dev.prompttracker.adapter.http.route.AnswersFromMemory;
import dev.prompttracker.adapter.http.route.MemoryAnswer;
import io.grpc.MethodDescriptor;
import com.google.protobuf.Value;
import dev.prompttracker.adapter.http.Caller;
import dev.prompttracker.application.port.in.AddResponseCommand;
import dev.prompttracker.application.port.in.CreatePromptCommand;
import dev.prompttracker.application.port.in.DeletePromptCommand;
import dev.prompttracker.application.port.in.DeleteResponseCommand;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.ListPromptsQuery;
import dev.prompttracker.application.port.in.ListPublicPromptsQuery;
import dev.prompttracker.application.port.in.ListResponsesQuery;
import dev.prompttracker.application.port.in.UpdatePromptCommand;
import dev.prompttracker.application.port.in.UpdateResponseCommand;
import dev.prompttracker.application.port.in.DiffPromptVersionsQuery;
import dev.prompttracker.application.port.in.DiffResponsesQuery;
import dev.prompttracker.application.port.in.GetPromptVersionQuery;
import dev.prompttracker.application.port.in.ListPromptVersionsQuery;
import dev.prompttracker.application.port.in.PromptVersionView;
import dev.prompttracker.application.port.in.RestorePromptVersionCommand;
import dev.prompttracker.application.port.in.SearchPromptsQuery;
import dev.prompttracker.proto.v1.SearchPromptsRequest;
import dev.prompttracker.proto.v1.SearchPromptsResponse;
import dev.prompttracker.proto.v1.DiffPromptVersionsRequest;
import dev.prompttracker.proto.v1.DiffResponsesRequest;
import dev.prompttracker.proto.v1.GetPromptVersionRequest;
import dev.prompttracker.proto.v1.ListPromptVersionsRequest;
import dev.prompttracker.proto.v1.ListPromptVersionsResponse;
import dev.prompttracker.proto.v1.PromptVersion;
import dev.prompttracker.proto.v1.RestorePromptVersionRequest;
import dev.prompttracker.proto.v1.TextDiff;
import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.prompt.Tags;
import dev.prompttracker.proto.v1.AddResponseRequest;
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
import dev.prompttracker.proto.v1.Prompt;
import dev.prompttracker.proto.v1.PromptServiceGrpc;
import dev.prompttracker.proto.v1.Response;
import dev.prompttracker.proto.v1.UpdatePromptRequest;
import dev.prompttracker.proto.v1.UpdateResponseRequest;
import dev.prompttracker.domain.auth.Actor;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PromptService of the proto, over the prompt and response use cases. Ids are taken from the
 * decoded message, the same field the use case authorises and acts on (transcoding may have filled
 * it from the path, the query or the body).
 */
public final class PromptGrpcService extends PromptServiceGrpc.PromptServiceImplBase implements AnswersFromMemory {
    private final ApplicationServices app;

    public PromptGrpcService(ApplicationServices app) {
        this.app = app;
    }

    /**
     * A prompt or a page of the caller's own list that the read model holds, for a caller whose
     * credentials were accepted; the use cases decide what the caller may read from memory.
     */
    @Override
    public Optional<MemoryAnswer> fromMemory(MethodDescriptor<?, ?> method, Message request) {
        Optional<Actor> actor = Caller.actorIfAccepted();
        if (actor.isEmpty()) {
            return Optional.empty();
        }
        if (request instanceof GetPromptRequest get) {
            return app.getCachedPrompt().getCachedPrompt(new GetPromptQuery(actor.get(), get.getId()))
                    .map(found -> new MemoryAnswer(found, () -> ProtoMapper.prompt(found.value())));
        }
        if (request instanceof ListPromptsRequest list && list.getQ().isBlank()) {
            return app.listCachedPrompts().listCachedPrompts(new ListPromptsQuery(actor.get(), list.getPageSize(),
                            list.getPageToken(), list.getTag()))
                    .map(found -> new MemoryAnswer(found, () -> ProtoMapper.promptPage(found.value())));
        }
        return Optional.empty();
    }

    @Override
    public void createPrompt(CreatePromptRequest request, StreamObserver<Prompt> observer) {
        Unary.respond(observer, () -> ProtoMapper.prompt(app.createPrompt().createPrompt(new CreatePromptCommand(
                Caller.actor(), request.getTitle(), request.getContent(), request.getIsPublic(),
                request.getTagsList()))));
    }

    @Override
    public void listPrompts(ListPromptsRequest request, StreamObserver<ListPromptsResponse> observer) {
        if (!request.getQ().isBlank()) {
            Unary.respond(observer, () -> ProtoMapper.searchAsList(app.searchPrompts().searchPrompts(
                    new SearchPromptsQuery(Caller.actor(), request.getQ(), request.getTag(), "", "own", "", "",
                            request.getPageSize(), request.getPageToken(), Caller.client()))));
            return;
        }
        Unary.respond(observer, () -> ProtoMapper.promptPage(app.listPrompts().listPrompts(new ListPromptsQuery(
                Caller.actor(), request.getPageSize(), request.getPageToken(), request.getTag()))));
    }

    @Override
    public void listPublicPrompts(ListPublicPromptsRequest request, StreamObserver<ListPromptsResponse> observer) {
        Actor actor = Caller.actorIfAccepted().orElse(Actor.ANONYMOUS);
        if (!request.getQ().isBlank()) {
            Unary.respond(observer, () -> ProtoMapper.searchAsList(app.searchPrompts().searchPrompts(
                    new SearchPromptsQuery(actor, request.getQ(), request.getTag(), "", "public", "", "",
                            request.getPageSize(), request.getPageToken(), Caller.client()))));
            return;
        }
        Unary.respond(observer, () -> ProtoMapper.promptPage(app.listPublicPrompts().listPublicPrompts(
                new ListPublicPromptsQuery(request.getPageSize(), request.getPageToken(), request.getTag(),
                        actor, Caller.client()))));
    }

    @Override
    public void searchPrompts(SearchPromptsRequest request, StreamObserver<SearchPromptsResponse> observer) {
        Unary.respond(observer, () -> ProtoMapper.searchResults(app.searchPrompts().searchPrompts(
                new SearchPromptsQuery(Caller.actorIfAccepted().orElse(Actor.ANONYMOUS), request.getQ(),
                        request.getTag(), request.getModel(), request.getScope(), request.getFrom(), request.getTo(),
                        request.getPageSize(), request.getPageToken(), Caller.client()))));
    }

    @Override
    public void getPrompt(GetPromptRequest request, StreamObserver<Prompt> observer) {
        Unary.respond(observer, () -> ProtoMapper.prompt(app.getPrompt().getPrompt(
                new GetPromptQuery(Caller.actor(), request.getId(), Caller.client()))));
    }

    @Override
    public void updatePrompt(UpdatePromptRequest request, StreamObserver<Prompt> observer) {
        Unary.respond(observer, () -> ProtoMapper.prompt(app.updatePrompt().updatePrompt(new UpdatePromptCommand(
                Caller.actor(), request.getId(),
                request.hasTitle() ? Optional.of(request.getTitle()) : Optional.empty(),
                request.hasContent() ? Optional.of(request.getContent()) : Optional.empty(),
                request.hasIsPublic() ? Optional.of(request.getIsPublic()) : Optional.empty(),
                request.hasTags() ? Optional.of(strings(request.getTags())) : Optional.empty(),
                request.hasVersionMessage() ? Optional.of(request.getVersionMessage()) : Optional.empty()))));
    }

    @Override
    public void deletePrompt(DeletePromptRequest request, StreamObserver<DeletePromptResponse> observer) {
        Unary.respond(observer, () -> {
            app.deletePrompt().deletePrompt(new DeletePromptCommand(Caller.actor(), request.getId()));
            return DeletePromptResponse.getDefaultInstance();
        });
    }

    @Override
    public void addResponse(AddResponseRequest request, StreamObserver<Response> observer) {
        Unary.respond(observer, () -> ProtoMapper.response(app.addResponse().addResponse(new AddResponseCommand(
                Caller.actor(), request.getPromptId(), request.getModelName(), request.getContent(),
                request.hasIsMarkdown() ? Optional.of(request.getIsMarkdown()) : Optional.empty(),
                request.hasPromptVersion() ? Optional.of(request.getPromptVersion()) : Optional.empty()))));
    }

    @Override
    public void listResponses(ListResponsesRequest request, StreamObserver<ListResponsesResponse> observer) {
        Unary.respond(observer, () -> ListResponsesResponse.newBuilder()
                .addAllResponses(app.listResponses().listResponses(new ListResponsesQuery(
                                Caller.actor(), request.getPromptId(), request.getModelName(), Caller.client()))
                        .stream().map(ProtoMapper::response).toList())
                .build());
    }

    @Override
    public void updateResponse(UpdateResponseRequest request, StreamObserver<Response> observer) {
        Unary.respond(observer, () -> ProtoMapper.response(app.updateResponse().updateResponse(
                new UpdateResponseCommand(Caller.actor(), request.getPromptId(), request.getId(),
                        request.hasModelName() ? Optional.of(request.getModelName()) : Optional.empty(),
                        request.hasContent() ? Optional.of(request.getContent()) : Optional.empty(),
                        request.hasIsMarkdown() ? Optional.of(request.getIsMarkdown()) : Optional.empty()))));
    }

    @Override
    public void deleteResponse(DeleteResponseRequest request, StreamObserver<DeleteResponseResponse> observer) {
        Unary.respond(observer, () -> {
            app.deleteResponse().deleteResponse(new DeleteResponseCommand(Caller.actor(), request.getPromptId(),
                    request.getId()));
            return DeleteResponseResponse.getDefaultInstance();
        });
    }

    @Override
    public void listPromptVersions(ListPromptVersionsRequest request,
                                   StreamObserver<ListPromptVersionsResponse> observer) {
        Unary.respond(observer, () -> ProtoMapper.versionPage(app.listPromptVersions().listPromptVersions(
                new ListPromptVersionsQuery(Caller.actor(), request.getPromptId(), request.getPageSize(),
                        request.getPageToken(), Caller.client()))));
    }

    @Override
    public void getPromptVersion(GetPromptVersionRequest request, StreamObserver<PromptVersion> observer) {
        Unary.respond(observer, () -> {
            PromptVersionView view = app.getPromptVersion().getPromptVersion(new GetPromptVersionQuery(
                    Caller.actor(), request.getPromptId(), request.getNumber(), Caller.client()));
            return ProtoMapper.version(view.version(), Optional.of(view.content()));
        });
    }

    @Override
    public void restorePromptVersion(RestorePromptVersionRequest request, StreamObserver<Prompt> observer) {
        Unary.respond(observer, () -> ProtoMapper.prompt(app.restorePromptVersion().restorePromptVersion(
                new RestorePromptVersionCommand(Caller.actor(), request.getPromptId(), request.getNumber(),
                        Optional.of(request.getMessage())))));
    }

    @Override
    public void diffPromptVersions(DiffPromptVersionsRequest request, StreamObserver<TextDiff> observer) {
        Unary.respond(observer, () -> ProtoMapper.diff(app.diffPromptVersions().diffPromptVersions(
                new DiffPromptVersionsQuery(Caller.actor(), request.getPromptId(), request.getFrom(), request.getTo(),
                        Caller.client()))));
    }

    @Override
    public void diffResponses(DiffResponsesRequest request, StreamObserver<TextDiff> observer) {
        Unary.respond(observer, () -> ProtoMapper.diff(app.diffResponses().diffResponses(new DiffResponsesQuery(
                Caller.actor(), request.getPromptId(), request.getA(), request.getB(), Caller.client()))));
    }

    /** Tags arrive as a JSON array (a ListValue); anything but strings in it is a client error. */
    private static List<String> strings(ListValue values) {
        if (values.getValuesCount() > Tags.MAX_COUNT * 4) {
            throw Invalid.field("tags", "at most " + Tags.MAX_COUNT + " tags");
        }
        List<String> strings = new ArrayList<>(values.getValuesCount());
        for (Value value : values.getValuesList()) {
            if (value.getKindCase() != Value.KindCase.STRING_VALUE) {
                throw Invalid.field("tags", "must be an array of strings");
            }
            strings.add(value.getStringValue());
        }
        return strings;
    }
}
