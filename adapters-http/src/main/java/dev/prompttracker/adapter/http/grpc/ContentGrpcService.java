package dev.prompttracker.adapter.http.grpc;

import dev.prompttracker.adapter.http.Caller;
import dev.prompttracker.application.port.in.ListContentAccessQuery;
import dev.prompttracker.application.port.in.RecordContentAccessCommand;
import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.proto.v1.ContentAccessEntry;
import dev.prompttracker.proto.v1.ContentServiceGrpc;
import dev.prompttracker.proto.v1.ListContentAccessRequest;
import dev.prompttracker.proto.v1.ListContentAccessResponse;
import dev.prompttracker.proto.v1.RecordContentAccessRequest;
import io.grpc.stub.StreamObserver;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The ContentService of the proto. */
public final class ContentGrpcService extends ContentServiceGrpc.ContentServiceImplBase {
    private final ApplicationServices app;

    public ContentGrpcService(ApplicationServices app) {
        this.app = app;
    }

    @Override
    public void recordContentAccess(RecordContentAccessRequest request, StreamObserver<ContentAccessEntry> observer) {
        Unary.respond(observer, () -> ContentProtoMapper.access(app.recordContentAccess().recordContentAccess(
                new RecordContentAccessCommand(Caller.actor(), request.getChapterNumber(), request.getAccessType(),
                        Caller.client()))));
    }

    @Override
    public void listContentAccess(ListContentAccessRequest request, StreamObserver<ListContentAccessResponse> observer) {
        Unary.respond(observer, () -> {
            var page = app.listContentAccess().listContentAccess(new ListContentAccessQuery(Caller.actor(),
                    request.getChapterNumber(), instant(request.getFrom(), "from"), instant(request.getTo(), "to"),
                    request.getPageSize(), request.getPageToken()));
            return ListContentAccessResponse.newBuilder()
                    .addAllEntries(page.items().stream().map(ContentProtoMapper::access).toList())
                    .setNextPageToken(page.next().map(PageCursor::token).orElse(""))
                    .build();
        });
    }

    private static Optional<Instant> instant(String text, String field) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw Invalid.field(field, "must be an RFC 3339 instant such as 2026-11-22T10:00:00Z");
        }
    }
}
