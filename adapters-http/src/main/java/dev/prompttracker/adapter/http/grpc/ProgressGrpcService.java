package dev.prompttracker.adapter.http.grpc;

import dev.prompttracker.adapter.http.Caller;
import dev.prompttracker.application.port.in.GetProgressAnalyticsQuery;
import dev.prompttracker.application.port.in.GetProgressQuery;
import dev.prompttracker.application.port.in.ProgressReport;
import dev.prompttracker.application.port.in.RecordProgressCommand;
import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.proto.v1.ChapterProgress;
import dev.prompttracker.proto.v1.GetProgressAnalyticsRequest;
import dev.prompttracker.proto.v1.GetProgressAnalyticsResponse;
import dev.prompttracker.proto.v1.GetProgressRequest;
import dev.prompttracker.proto.v1.GetProgressResponse;
import dev.prompttracker.proto.v1.ProgressServiceGrpc;
import dev.prompttracker.proto.v1.RecordChapterProgressRequest;
import io.grpc.stub.StreamObserver;

/** The ProgressService of the proto. */
public final class ProgressGrpcService extends ProgressServiceGrpc.ProgressServiceImplBase {
    private final ApplicationServices app;

    public ProgressGrpcService(ApplicationServices app) {
        this.app = app;
    }

    @Override
    public void recordChapterProgress(RecordChapterProgressRequest request, StreamObserver<ChapterProgress> observer) {
        Unary.respond(observer, () -> ContentProtoMapper.chapter(app.recordProgress().recordProgress(
                new RecordProgressCommand(Caller.actor(), request.getChapterNumber(), request.getCompleted(),
                        request.getTimeSpentSeconds(), request.getVideosWatchedList(), request.getQuizzesPassedList()))));
    }

    @Override
    public void getProgress(GetProgressRequest request, StreamObserver<GetProgressResponse> observer) {
        Unary.respond(observer, () -> {
            ProgressReport report = app.progress().progress(new GetProgressQuery(Caller.actor()));
            return GetProgressResponse.newBuilder()
                    .addAllChapters(report.chapters().stream().map(ContentProtoMapper::chapter).toList())
                    .setSummary(ContentProtoMapper.summary(report.summary()))
                    .build();
        });
    }

    @Override
    public void getProgressAnalytics(GetProgressAnalyticsRequest request,
                                     StreamObserver<GetProgressAnalyticsResponse> observer) {
        Unary.respond(observer, () -> GetProgressAnalyticsResponse.newBuilder()
                .addAllChapters(app.progressAnalytics().progressAnalytics(new GetProgressAnalyticsQuery(Caller.actor()))
                        .stream().map(ContentProtoMapper::analytics).toList())
                .build());
    }
}
