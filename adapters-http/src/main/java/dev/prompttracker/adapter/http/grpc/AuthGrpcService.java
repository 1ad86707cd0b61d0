package dev.prompttracker.adapter.http.grpc;

import dev.prompttracker.adapter.http.Caller;
import dev.prompttracker.application.port.in.ListSessionsQuery;
import dev.prompttracker.application.port.in.LogInCommand;
import dev.prompttracker.application.port.in.LogOutCommand;
import dev.prompttracker.application.port.in.RefreshSessionCommand;
import dev.prompttracker.application.port.in.RegisterUserCommand;
import dev.prompttracker.application.port.in.RequestMagicLinkCommand;
import dev.prompttracker.application.port.in.VerifyMagicLinkCommand;
import dev.prompttracker.application.port.in.RevokeSessionCommand;
import dev.prompttracker.application.port.in.SendVerificationEmailCommand;
import dev.prompttracker.application.port.in.SetPasswordCommand;
import dev.prompttracker.application.port.in.VerifyEmailCommand;
import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.proto.v1.AuthResult;
import dev.prompttracker.proto.v1.AuthServiceGrpc;
import dev.prompttracker.proto.v1.ListSessionsRequest;
import dev.prompttracker.proto.v1.ListSessionsResponse;
import dev.prompttracker.proto.v1.LoginRequest;
import dev.prompttracker.proto.v1.LogoutRequest;
import dev.prompttracker.proto.v1.LogoutResponse;
import dev.prompttracker.proto.v1.RefreshRequest;
import dev.prompttracker.proto.v1.RegisterRequest;
import dev.prompttracker.proto.v1.RequestMagicLinkRequest;
import dev.prompttracker.proto.v1.RequestMagicLinkResponse;
import dev.prompttracker.proto.v1.VerifyMagicLinkRequest;
import dev.prompttracker.proto.v1.RevokeSessionRequest;
import dev.prompttracker.proto.v1.RevokeSessionResponse;
import dev.prompttracker.proto.v1.SendVerificationEmailRequest;
import dev.prompttracker.proto.v1.SendVerificationEmailResponse;
import dev.prompttracker.proto.v1.SetPasswordRequest;
import dev.prompttracker.proto.v1.SetPasswordResponse;
import dev.prompttracker.proto.v1.VerifyEmailRequest;
import io.grpc.stub.StreamObserver;

/** The AuthService of the proto, over the auth use cases. */
public final class AuthGrpcService extends AuthServiceGrpc.AuthServiceImplBase {
    /** The one answer to every link request, known address or not. */
    static final RequestMagicLinkResponse MAGIC_LINK_SENT = RequestMagicLinkResponse.newBuilder()
            .setMessage("If this address is registered, a sign-in link is on its way. It expires in 15 minutes.")
            .build();
    private static final SendVerificationEmailResponse VERIFICATION_SENT = SendVerificationEmailResponse.newBuilder()
            .setMessage("A link to confirm your address is on its way. It expires in 24 hours.").build();
    private static final SendVerificationEmailResponse ALREADY_VERIFIED = SendVerificationEmailResponse.newBuilder()
            .setMessage("Your address is already confirmed.").setAlreadyVerified(true).build();
    private final ApplicationServices app;

    public AuthGrpcService(ApplicationServices app) {
        this.app = app;
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<AuthResult> observer) {
        Unary.respond(observer, () -> ProtoMapper.authResult(app.registerUser().register(new RegisterUserCommand(
                request.getUsername(), request.getEmail(), request.getPassword(), Caller.client()))));
    }

    @Override
    public void login(LoginRequest request, StreamObserver<AuthResult> observer) {
        Unary.respond(observer, () -> ProtoMapper.authResult(app.logIn().logIn(
                new LogInCommand(request.getLogin(), request.getPassword(), Caller.client()))));
    }

    @Override
    public void refresh(RefreshRequest request, StreamObserver<AuthResult> observer) {
        Unary.respond(observer, () -> ProtoMapper.authResult(app.refreshSession().refresh(
                new RefreshSessionCommand(request.getRefreshToken(), Caller.client()))));
    }

    @Override
    public void logout(LogoutRequest request, StreamObserver<LogoutResponse> observer) {
        Unary.respond(observer, () -> {
            app.logOut().logOut(new LogOutCommand(Caller.actor()));
            return LogoutResponse.getDefaultInstance();
        });
    }

    @Override
    public void requestMagicLink(RequestMagicLinkRequest request, StreamObserver<RequestMagicLinkResponse> observer) {
        Unary.respond(observer, () -> {
            app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand(request.getEmail(), Caller.client()));
            return MAGIC_LINK_SENT;
        });
    }

    @Override
    public void verifyMagicLink(VerifyMagicLinkRequest request, StreamObserver<AuthResult> observer) {
        Unary.respond(observer, () -> ProtoMapper.authResult(app.verifyMagicLink().verifyMagicLink(
                new VerifyMagicLinkCommand(request.getToken(), presenter(), Caller.client()))));
    }

    @Override
    public void sendVerificationEmail(SendVerificationEmailRequest request,
                                      StreamObserver<SendVerificationEmailResponse> observer) {
        Unary.respond(observer, () -> app.sendVerificationEmail().sendVerificationEmail(
                new SendVerificationEmailCommand(Caller.actor(), Caller.client())) ? VERIFICATION_SENT : ALREADY_VERIFIED);
    }

    @Override
    public void verifyEmail(VerifyEmailRequest request, StreamObserver<AuthResult> observer) {
        Unary.respond(observer, () -> ProtoMapper.authResult(app.verifyEmail().verifyEmail(
                new VerifyEmailCommand(request.getToken(), presenter(), Caller.client()))));
    }

    @Override
    public void setPassword(SetPasswordRequest request, StreamObserver<SetPasswordResponse> observer) {
        Unary.respond(observer, () -> {
            app.setPassword().setPassword(new SetPasswordCommand(Caller.actor(), request.getCurrentPassword(),
                    request.getNewPassword(), Caller.client()));
            return SetPasswordResponse.getDefaultInstance();
        });
    }

    /** Who presents a link besides its token: an expired or refused bearer token only means nobody in particular. */
    private static Actor presenter() {
        return Caller.actorIfAccepted().orElse(Actor.ANONYMOUS);
    }

    @Override
    public void listSessions(ListSessionsRequest request, StreamObserver<ListSessionsResponse> observer) {
        Unary.respond(observer, () -> ListSessionsResponse.newBuilder()
                .addAllSessions(app.listSessions().listSessions(new ListSessionsQuery(Caller.actor())).stream()
                        .map(ProtoMapper::session).toList())
                .build());
    }

    @Override
    public void revokeSession(RevokeSessionRequest request, StreamObserver<RevokeSessionResponse> observer) {
        Unary.respond(observer, () -> {
            app.revokeSession().revokeSession(new RevokeSessionCommand(Caller.actor(), request.getId()));
            return RevokeSessionResponse.getDefaultInstance();
        });
    }
}
