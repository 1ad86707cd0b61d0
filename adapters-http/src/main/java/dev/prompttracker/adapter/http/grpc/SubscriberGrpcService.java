package dev.prompttracker.adapter.http.grpc;

import dev.prompttracker.adapter.http.Caller;
import dev.prompttracker.application.port.in.GetOwnSubscriptionQuery;
import dev.prompttracker.application.port.in.ListSubscribersQuery;
import dev.prompttracker.application.port.in.SignUpSubscriberCommand;
import dev.prompttracker.application.port.in.UpdateSubscriberCommand;
import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.proto.v1.GetMySubscriptionRequest;
import dev.prompttracker.proto.v1.ListSubscribersRequest;
import dev.prompttracker.proto.v1.ListSubscribersResponse;
import dev.prompttracker.proto.v1.SignUpRequest;
import dev.prompttracker.proto.v1.SignUpResponse;
import dev.prompttracker.proto.v1.Subscriber;
import dev.prompttracker.proto.v1.SubscriberServiceGrpc;
import dev.prompttracker.proto.v1.UpdateSubscriberRequest;
import dev.prompttracker.domain.auth.Actor;
import io.grpc.stub.StreamObserver;

import java.util.Optional;

/** The SubscriberService of the proto. */
public final class SubscriberGrpcService extends SubscriberServiceGrpc.SubscriberServiceImplBase {
    static final String SIGNED_UP = "You are subscribed to the handbook.";
    private final ApplicationServices app;

    public SubscriberGrpcService(ApplicationServices app) {
        this.app = app;
    }

    @Override
    public void signUp(SignUpRequest request, StreamObserver<SignUpResponse> observer) {
        Unary.respond(observer, () -> SignUpResponse.newBuilder()
                .setEmail(app.signUpSubscriber().signUp(new SignUpSubscriberCommand(request.getEmail(),
                        request.getFirstName(), request.getLastName(), request.getReferrer(), request.getUtmSource(),
                        request.getUtmMedium(), request.getUtmCampaign(),
                        Caller.actorIfAccepted().orElse(Actor.ANONYMOUS), Caller.client()))
                        .value())
                .setMessage(SIGNED_UP)
                .build());
    }

    @Override
    public void getMySubscription(GetMySubscriptionRequest request, StreamObserver<Subscriber> observer) {
        Unary.respond(observer, () -> ContentProtoMapper.subscriber(app.ownSubscription().ownSubscription(
                new GetOwnSubscriptionQuery(Caller.actor()))));
    }

    @Override
    public void listSubscribers(ListSubscribersRequest request, StreamObserver<ListSubscribersResponse> observer) {
        Unary.respond(observer, () -> {
            var page = app.listSubscribers().listSubscribers(new ListSubscribersQuery(Caller.actor(),
                    request.getPageSize(), request.getPageToken()));
            return ListSubscribersResponse.newBuilder()
                    .addAllSubscribers(page.items().stream().map(ContentProtoMapper::subscriber).toList())
                    .setNextPageToken(page.next().map(PageCursor::token).orElse(""))
                    .build();
        });
    }

    @Override
    public void updateSubscriber(UpdateSubscriberRequest request, StreamObserver<Subscriber> observer) {
        Unary.respond(observer, () -> ContentProtoMapper.subscriber(app.updateSubscriber().updateSubscriber(
                new UpdateSubscriberCommand(Caller.actor(), request.getEmail(),
                        request.hasHasAccess() ? Optional.of(request.getHasAccess()) : Optional.empty(),
                        request.hasHasPurchased() ? Optional.of(request.getHasPurchased()) : Optional.empty(),
                        request.hasDiscountCode() ? Optional.of(request.getDiscountCode()) : Optional.empty(),
                        request.hasState() ? Optional.of(request.getState()) : Optional.empty()))));
    }
}
