package dev.prompttracker.adapter.http.grpc;

import dev.prompttracker.adapter.http.Caller;
import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.application.port.in.ExportPreferencesQuery;
import dev.prompttracker.application.port.in.GetLeaderboardQuery;
import dev.prompttracker.application.port.in.GetPromptRatingsQuery;
import dev.prompttracker.application.port.in.PreferResponseCommand;
import dev.prompttracker.application.port.in.PreferenceExample;
import dev.prompttracker.application.port.in.PreferenceExportPage;
import dev.prompttracker.application.port.in.PromptRatings;
import dev.prompttracker.application.port.in.RankResponsesCommand;
import dev.prompttracker.application.port.in.RateResponseCommand;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.rating.Leaderboard;
import dev.prompttracker.domain.rating.ModelStanding;
import dev.prompttracker.domain.rating.RatingScope;
import dev.prompttracker.proto.v1.ExportPreferencesRequest;
import dev.prompttracker.proto.v1.ExportPreferencesResponse;
import dev.prompttracker.proto.v1.GetModelLeaderboardRequest;
import dev.prompttracker.proto.v1.GetPromptRatingsRequest;
import dev.prompttracker.proto.v1.ModelLeaderboard;
import dev.prompttracker.proto.v1.PreferResponseRequest;
import dev.prompttracker.proto.v1.Preference;
import dev.prompttracker.proto.v1.RankResponsesRequest;
import dev.prompttracker.proto.v1.RankResponsesResponse;
import dev.prompttracker.proto.v1.RateResponseRequest;
import dev.prompttracker.proto.v1.Rating;
import dev.prompttracker.proto.v1.RatingServiceGrpc;
import dev.prompttracker.proto.v1.ResponseRatingTotal;
import io.grpc.stub.StreamObserver;

/** The RatingService of the proto. */
public final class RatingGrpcService extends RatingServiceGrpc.RatingServiceImplBase {
    private final ApplicationServices app;

    public RatingGrpcService(ApplicationServices app) {
        this.app = app;
    }

    @Override
    public void rateResponse(RateResponseRequest request, StreamObserver<Rating> observer) {
        Unary.respond(observer, () -> rating(app.rateResponse().rateResponse(new RateResponseCommand(Caller.actor(),
                request.getPromptId(), request.getResponseId(), request.getStars(), request.getNote(),
                Caller.client()))));
    }

    @Override
    public void preferResponse(PreferResponseRequest request, StreamObserver<Preference> observer) {
        Unary.respond(observer, () -> preference(app.preferResponse().preferResponse(new PreferResponseCommand(
                Caller.actor(), request.getPromptId(), request.getChosenResponseId(),
                request.getRejectedResponseId(), request.getReason(), Caller.client()))));
    }

    @Override
    public void rankResponses(RankResponsesRequest request, StreamObserver<RankResponsesResponse> observer) {
        Unary.respond(observer, () -> RankResponsesResponse.newBuilder()
                .addAllPreferences(app.rankResponses().rankResponses(new RankResponsesCommand(Caller.actor(),
                                request.getPromptId(), request.getResponseIdsList(), request.getReason(),
                                Caller.client()))
                        .stream().map(RatingGrpcService::preference).toList())
                .build());
    }

    @Override
    public void getPromptRatings(GetPromptRatingsRequest request,
                                 StreamObserver<dev.prompttracker.proto.v1.PromptRatings> observer) {
        Unary.respond(observer, () -> {
            PromptRatings found = app.promptRatings().promptRatings(new GetPromptRatingsQuery(Caller.actor(),
                    request.getPromptId(), Caller.client()));
            return dev.prompttracker.proto.v1.PromptRatings.newBuilder()
                    .addAllRatings(found.ratings().stream().map(RatingGrpcService::rating).toList())
                    .addAllPreferences(found.preferences().stream().map(RatingGrpcService::preference).toList())
                    .addAllTotals(found.totals().stream().map(t -> ResponseRatingTotal.newBuilder()
                            .setResponseId(t.responseId().value()).setCount(t.count())
                            .setAverageStars(t.average()).build()).toList())
                    .build();
        });
    }

    @Override
    public void getModelLeaderboard(GetModelLeaderboardRequest request, StreamObserver<ModelLeaderboard> observer) {
        Unary.respond(observer, () -> {
            Actor actor = Caller.actor();
            Leaderboard board = app.leaderboard().leaderboard(new GetLeaderboardQuery(actor, request.getScope(),
                    Caller.client()));
            return ModelLeaderboard.newBuilder()
                    .setScope(RatingScope.parse(request.getScope(), actor.userId()) instanceof RatingScope.Mine
                            ? "mine" : "public")
                    .addAllModels(board.standings().stream().map(RatingGrpcService::standing).toList())
                    .build();
        });
    }

    @Override
    public void exportPreferences(ExportPreferencesRequest request,
                                  StreamObserver<ExportPreferencesResponse> observer) {
        Unary.respond(observer, () -> {
            PreferenceExportPage page = app.exportPreferences().exportPreferences(new ExportPreferencesQuery(
                    Caller.actor(), request.getScope(), request.getPageToken(), request.getPageSize(),
                    Caller.client()));
            return ExportPreferencesResponse.newBuilder()
                    .addAllExamples(page.examples().stream().map(RatingGrpcService::example).toList())
                    .setNextPageToken(page.nextPageToken().orElse(""))
                    .build();
        });
    }

    static Rating rating(dev.prompttracker.domain.rating.Rating rating) {
        return Rating.newBuilder()
                .setPromptId(rating.promptId().value())
                .setResponseId(rating.responseId().value())
                .setRaterId(rating.raterId().value())
                .setStars(rating.stars().value())
                .setNote(rating.note().value())
                .setUpdatedAt(ProtoMapper.timestamp(rating.updatedAt()))
                .build();
    }

    static Preference preference(dev.prompttracker.domain.rating.Preference preference) {
        return Preference.newBuilder()
                .setPromptId(preference.promptId().value())
                .setChosenResponseId(preference.chosen().value())
                .setRejectedResponseId(preference.rejected().value())
                .setRaterId(preference.raterId().value())
                .setReason(preference.reason().value())
                .setUpdatedAt(ProtoMapper.timestamp(preference.updatedAt()))
                .build();
    }

    static dev.prompttracker.proto.v1.ModelStanding standing(ModelStanding standing) {
        var builder = dev.prompttracker.proto.v1.ModelStanding.newBuilder()
                .setModelName(standing.model())
                .setWins(standing.wins())
                .setLosses(standing.losses())
                .setComparisons(standing.comparisons())
                .setRatingCount(standing.ratingCount())
                .setScore(standing.score());
        standing.averageStars().ifPresent(builder::setAverageStars);
        return builder.build();
    }

    /** Shared with the JSON-lines download, so both carry the same fields. */
    public static dev.prompttracker.proto.v1.PreferenceExample example(PreferenceExample example) {
        return dev.prompttracker.proto.v1.PreferenceExample.newBuilder()
                .setPromptId(example.promptId().value())
                .setPrompt(example.prompt())
                .setChosen(example.chosen())
                .setRejected(example.rejected())
                .setChosenModel(example.chosenModel().value())
                .setRejectedModel(example.rejectedModel().value())
                .setReason(example.reason().value())
                .setChosenResponseId(example.chosenId().value())
                .setRejectedResponseId(example.rejectedId().value())
                .setUpdatedAt(ProtoMapper.timestamp(example.updatedAt()))
                .build();
    }
}
