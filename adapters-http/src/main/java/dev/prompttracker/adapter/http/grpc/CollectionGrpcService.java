package dev.prompttracker.adapter.http.grpc;

import com.google.protobuf.Timestamp;
import dev.prompttracker.adapter.http.Caller;
import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.application.port.in.AddPromptToCollectionCommand;
import dev.prompttracker.application.port.in.CollectionContents;
import dev.prompttracker.application.port.in.CreateCollectionCommand;
import dev.prompttracker.application.port.in.DeleteCollectionCommand;
import dev.prompttracker.application.port.in.GetCollectionQuery;
import dev.prompttracker.application.port.in.ListCollectionsQuery;
import dev.prompttracker.application.port.in.ListPromptCollectionsQuery;
import dev.prompttracker.application.port.in.RemovePromptFromCollectionCommand;
import dev.prompttracker.application.port.in.ReorderCollectionCommand;
import dev.prompttracker.application.port.in.UpdateCollectionCommand;
import dev.prompttracker.domain.collection.CollectionId;
import dev.prompttracker.domain.collection.CollectionSummary;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.proto.v1.AddPromptToCollectionRequest;
import dev.prompttracker.proto.v1.Collection;
import dev.prompttracker.proto.v1.CollectionServiceGrpc;
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
import io.grpc.stub.StreamObserver;

import java.util.Optional;

/**
 * The CollectionService of the proto, over the collection use cases. Ids are taken from the decoded
 * message, the field the use case authorises and acts on.
 */
public final class CollectionGrpcService extends CollectionServiceGrpc.CollectionServiceImplBase {
    private final ApplicationServices app;

    public CollectionGrpcService(ApplicationServices app) {
        this.app = app;
    }

    @Override
    public void createCollection(CreateCollectionRequest request, StreamObserver<Collection> observer) {
        Unary.respond(observer, () -> collection(app.createCollection().createCollection(new CreateCollectionCommand(
                Caller.actor(), request.getName(), request.getDescription(), request.getIsPublic()))));
    }

    @Override
    public void listCollections(ListCollectionsRequest request, StreamObserver<ListCollectionsResponse> observer) {
        Unary.respond(observer, () -> {
            Page<CollectionSummary> page = app.listCollections().listCollections(new ListCollectionsQuery(
                    Caller.actor(), request.getPageSize(), request.getPageToken()));
            return ListCollectionsResponse.newBuilder()
                    .addAllCollections(page.items().stream().map(CollectionGrpcService::collection).toList())
                    .setNextPageToken(page.next().map(PageCursor::token).orElse(""))
                    .build();
        });
    }

    @Override
    public void getCollection(GetCollectionRequest request, StreamObserver<GetCollectionResponse> observer) {
        Unary.respond(observer, () -> {
            CollectionContents contents = app.getCollection().getCollection(new GetCollectionQuery(Caller.actor(),
                    request.getId(), request.getPageSize(), request.getPageToken(), Caller.client()));
            return GetCollectionResponse.newBuilder()
                    .setCollection(collection(contents.summary()))
                    .addAllPrompts(contents.prompts().stream().map(ProtoMapper::summary).toList())
                    .setNextPageToken(contents.nextPageToken())
                    .build();
        });
    }

    @Override
    public void updateCollection(UpdateCollectionRequest request, StreamObserver<Collection> observer) {
        Unary.respond(observer, () -> collection(app.updateCollection().updateCollection(new UpdateCollectionCommand(
                Caller.actor(), request.getId(),
                request.hasName() ? Optional.of(request.getName()) : Optional.empty(),
                request.hasDescription() ? Optional.of(request.getDescription()) : Optional.empty(),
                request.hasIsPublic() ? Optional.of(request.getIsPublic()) : Optional.empty()))));
    }

    @Override
    public void deleteCollection(DeleteCollectionRequest request, StreamObserver<DeleteCollectionResponse> observer) {
        Unary.respond(observer, () -> {
            app.deleteCollection().deleteCollection(new DeleteCollectionCommand(Caller.actor(), request.getId()));
            return DeleteCollectionResponse.getDefaultInstance();
        });
    }

    @Override
    public void addPromptToCollection(AddPromptToCollectionRequest request, StreamObserver<Collection> observer) {
        Unary.respond(observer, () -> collection(app.addPromptToCollection().addPromptToCollection(
                new AddPromptToCollectionCommand(Caller.actor(), request.getCollectionId(), request.getPromptId(),
                        request.hasPosition() ? Optional.of(request.getPosition()) : Optional.empty(),
                        Caller.client()))));
    }

    @Override
    public void removePromptFromCollection(RemovePromptFromCollectionRequest request,
                                           StreamObserver<Collection> observer) {
        Unary.respond(observer, () -> collection(app.removePromptFromCollection().removePromptFromCollection(
                new RemovePromptFromCollectionCommand(Caller.actor(), request.getCollectionId(),
                        request.getPromptId()))));
    }

    @Override
    public void reorderCollection(ReorderCollectionRequest request, StreamObserver<Collection> observer) {
        Unary.respond(observer, () -> collection(app.reorderCollection().reorderCollection(
                new ReorderCollectionCommand(Caller.actor(), request.getCollectionId(), request.getPromptIdsList(),
                        request.hasMove()
                                ? Optional.of(new ReorderCollectionCommand.Move(request.getMove().getPromptId(),
                                        request.getMove().getPosition()))
                                : Optional.empty()))));
    }

    @Override
    public void listPromptCollections(ListPromptCollectionsRequest request,
                                      StreamObserver<ListPromptCollectionsResponse> observer) {
        Unary.respond(observer, () -> ListPromptCollectionsResponse.newBuilder()
                .addAllCollectionIds(app.listPromptCollections().listPromptCollections(
                        new ListPromptCollectionsQuery(Caller.actor(), request.getPromptId()))
                        .stream().map(CollectionId::value).toList())
                .build());
    }

    static Collection collection(CollectionSummary summary) {
        var collection = summary.collection();
        return Collection.newBuilder()
                .setId(collection.id().value())
                .setOwnerId(collection.ownerId().value())
                .setName(collection.name().value())
                .setDescription(collection.description().value())
                .setIsPublic(collection.isPublic())
                .setPromptCount(summary.promptCount())
                .setCreatedAt(timestamp(collection.createdAt()))
                .setUpdatedAt(timestamp(collection.updatedAt()))
                .build();
    }

    private static Timestamp timestamp(java.time.Instant instant) {
        return ProtoMapper.timestamp(instant);
    }
}
