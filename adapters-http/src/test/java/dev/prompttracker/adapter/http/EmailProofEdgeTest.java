package dev.prompttracker.adapter.http;

import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.domain.subscriber.SubscriberState;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.proto.v1.AuthResult;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.GetMySubscriptionRequest;
import dev.prompttracker.proto.v1.GetProgressRequest;
import dev.prompttracker.proto.v1.ListPromptsRequest;
import dev.prompttracker.proto.v1.LoginRequest;
import dev.prompttracker.proto.v1.RecordChapterProgressRequest;
import dev.prompttracker.proto.v1.RecordContentAccessRequest;
import dev.prompttracker.proto.v1.RefreshRequest;
import dev.prompttracker.proto.v1.RegisterRequest;
import dev.prompttracker.proto.v1.RequestMagicLinkRequest;
import dev.prompttracker.proto.v1.SendVerificationEmailRequest;
import dev.prompttracker.proto.v1.SendVerificationEmailResponse;
import dev.prompttracker.proto.v1.SetPasswordRequest;
import dev.prompttracker.proto.v1.SignUpRequest;
import dev.prompttracker.proto.v1.VerifyEmailRequest;
import dev.prompttracker.proto.v1.VerifyMagicLinkRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account model over both transports: a registered address is only claimed; whatever is keyed
 * by it answers 403 {@code email-not-verified} (gRPC PERMISSION_DENIED, reason EMAIL_NOT_VERIFIED)
 * until a link proves it; and proving it takes the account back from whoever registered it first.
 */
class EmailProofEdgeTest {
    private static final String PASSWORD = "correct horse battery";
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();

    static Stream<Transport> transports() {
        return server.transports();
    }

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }

    private static AuthResult register(Transport t, String username, String email) {
        return t.call(Rpcs.REGISTER, null, RegisterRequest.newBuilder().setUsername(username).setEmail(email)
                .setPassword(PASSWORD).build()).ok();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void anUnprovenAddressOpensThePromptTrackerButNothingKeyedByIt(Transport t) {
        String name = unique("claim");
        String email = name + "@example.com";
        t.call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail(email).build()).ok();
        AuthResult registered = register(t, name, email);
        assertThat(registered.getUser().getEmailVerified()).isFalse();
        assertThat(registered.getUser().getHasPassword()).isTrue();
        String token = registered.getAccessToken();

        t.call(Rpcs.CREATE_PROMPT, token, CreatePromptRequest.newBuilder().setContent("mine").build()).ok();
        assertThat(t.call(Rpcs.LIST_PROMPTS, token, ListPromptsRequest.getDefaultInstance()).ok().getPromptsCount())
                .isEqualTo(1);
        t.call(Rpcs.MY_SUBSCRIPTION, token, GetMySubscriptionRequest.getDefaultInstance())
                .failsWith(ErrorKind.EMAIL_NOT_VERIFIED);
        t.call(Rpcs.GET_PROGRESS, token, GetProgressRequest.getDefaultInstance()).failsWith(ErrorKind.EMAIL_NOT_VERIFIED);
        t.call(Rpcs.RECORD_PROGRESS, token, RecordChapterProgressRequest.newBuilder().setChapterNumber(1).build())
                .failsWith(ErrorKind.EMAIL_NOT_VERIFIED);
        t.call(Rpcs.RECORD_ACCESS, token, RecordContentAccessRequest.newBuilder().setChapterNumber(1)
                .setAccessType("VIEW").build()).failsWith(ErrorKind.EMAIL_NOT_VERIFIED);

        AuthResult proven = server.verified(t, registered);

        assertThat(proven.getUser().getEmailVerified()).isTrue();
        assertThat(proven.getUser().getHasPassword()).as("proven from its own session").isTrue();
        assertThat(t.call(Rpcs.MY_SUBSCRIPTION, proven.getAccessToken(), GetMySubscriptionRequest.getDefaultInstance())
                .ok().getEmail()).isEqualTo(email);
        t.call(Rpcs.RECORD_PROGRESS, proven.getAccessToken(), RecordChapterProgressRequest.newBuilder()
                .setChapterNumber(1).build()).ok();
        AuthResult refreshed = t.call(Rpcs.REFRESH, null, RefreshRequest.newBuilder()
                .setRefreshToken(proven.getRefreshToken()).build()).ok();
        assertThat(refreshed.getUser().getEmailVerified()).as("the new session's next tokens").isTrue();
        t.call(Rpcs.REFRESH, null, RefreshRequest.newBuilder().setRefreshToken(registered.getRefreshToken()).build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void theLinkIsSentAgainOnRequestUntilTheAddressIsProven(Transport t) {
        String name = unique("resend");
        AuthResult registered = register(t, name, name + "@example.com");
        t.call(Rpcs.SEND_VERIFICATION_EMAIL, null, SendVerificationEmailRequest.getDefaultInstance())
                .failsWith(ErrorKind.UNAUTHENTICATED);

        SendVerificationEmailResponse sent = t.call(Rpcs.SEND_VERIFICATION_EMAIL, registered.getAccessToken(),
                SendVerificationEmailRequest.getDefaultInstance()).ok();

        assertThat(sent.getAlreadyVerified()).isFalse();
        String second = server.mailedToken(name + "@example.com", "verify-email");
        AuthResult proven = t.call(Rpcs.VERIFY_EMAIL, registered.getAccessToken(),
                VerifyEmailRequest.newBuilder().setToken(second).build()).ok();
        assertThat(proven.getUser().getEmailVerified()).isTrue();
        assertThat(t.call(Rpcs.SEND_VERIFICATION_EMAIL, proven.getAccessToken(),
                SendVerificationEmailRequest.getDefaultInstance()).ok().getAlreadyVerified()).isTrue();
        t.call(Rpcs.VERIFY_EMAIL, null, VerifyEmailRequest.newBuilder().setToken(second).build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
        t.call(Rpcs.VERIFY_EMAIL, null, VerifyEmailRequest.newBuilder().setToken("garbage").build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void theOwnersMagicLinkTakesTheAccountBackFromASquatter(Transport t) {
        String email = unique("victim") + "@example.com";
        t.call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail(email).build()).ok();
        AuthResult squatter = register(t, unique("squat"), email);
        t.call(Rpcs.CREATE_PROMPT, squatter.getAccessToken(), CreatePromptRequest.newBuilder().setContent("x").build())
                .ok();

        t.call(Rpcs.REQUEST_MAGIC_LINK, null, RequestMagicLinkRequest.newBuilder().setEmail(email).build()).ok();
        AuthResult owner = t.call(Rpcs.VERIFY_MAGIC_LINK, null, VerifyMagicLinkRequest.newBuilder()
                .setToken(server.mailedToken(email, "verify")).build()).ok();

        assertThat(owner.getUser().getId()).isEqualTo(squatter.getUser().getId());
        assertThat(owner.getUser().getEmailVerified()).isTrue();
        assertThat(owner.getUser().getHasPassword()).isFalse();
        t.call(Rpcs.LIST_PROMPTS, squatter.getAccessToken(), ListPromptsRequest.getDefaultInstance())
                .failsWith(ErrorKind.UNAUTHENTICATED);
        t.call(Rpcs.REFRESH, null, RefreshRequest.newBuilder().setRefreshToken(squatter.getRefreshToken()).build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
        t.call(Rpcs.LOGIN, null, LoginRequest.newBuilder().setLogin(email).setPassword(PASSWORD).build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
        assertThat(t.call(Rpcs.LIST_PROMPTS, owner.getAccessToken(), ListPromptsRequest.getDefaultInstance()).ok()
                .getPromptsCount()).isEqualTo(1);

        t.call(Rpcs.SET_PASSWORD, owner.getAccessToken(), SetPasswordRequest.newBuilder()
                .setNewPassword("owner's own passphrase").build()).ok();
        t.call(Rpcs.LOGIN, null, LoginRequest.newBuilder().setLogin(email).setPassword("owner's own passphrase")
                .build()).ok();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void changingAPasswordNeedsTheCurrentOne(Transport t) {
        String name = unique("pw");
        AuthResult session = server.verified(t, register(t, name, name + "@example.com"));

        var missing = t.call(Rpcs.SET_PASSWORD, session.getAccessToken(), SetPasswordRequest.newBuilder()
                .setNewPassword("another passphrase").build()).failsWith(ErrorKind.INVALID);
        missing.problem().ifPresent(problem -> assertThat(problem.path("errors").get(0).path("field").asText())
                .isEqualTo("currentPassword"));
        t.call(Rpcs.SET_PASSWORD, session.getAccessToken(), SetPasswordRequest.newBuilder()
                .setCurrentPassword("not the password").setNewPassword("another passphrase").build())
                .failsWith(ErrorKind.INVALID);
        t.call(Rpcs.SET_PASSWORD, null, SetPasswordRequest.newBuilder().setNewPassword("another passphrase").build())
                .failsWith(ErrorKind.UNAUTHENTICATED);

        t.call(Rpcs.SET_PASSWORD, session.getAccessToken(), SetPasswordRequest.newBuilder()
                .setCurrentPassword(PASSWORD).setNewPassword("another passphrase").build()).ok();
        t.call(Rpcs.LOGIN, null, LoginRequest.newBuilder().setLogin(name).setPassword("another passphrase").build()).ok();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aPublicSignupCannotBringBackAnAddressThatUnsubscribed(Transport t) {
        String email = unique("gone") + "@example.com";
        t.call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail(email).build()).ok();
        var stored = server.subscribers.findByEmail(Email.parse(email)).orElseThrow();
        server.subscribers.update(stored.administer(true, false, stored.discountCode(), SubscriberState.UNSUBSCRIBED,
                server.clock.instant()));

        t.call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail(email).build()).ok();

        assertThat(server.subscribers.findByEmail(Email.parse(email)).orElseThrow().state())
                .isEqualTo(SubscriberState.UNSUBSCRIBED);
    }

    @Test
    void aPublicSignupCannotSetADiscountCode() {
        String email = unique("cheap") + "@example.com";
        server.rest().call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail(email).build()).ok();
        var response = server.blockingWebClient().prepare().post("/api/subscribers")
                .content(com.linecorp.armeria.common.MediaType.JSON,
                        "{\"email\":\"" + email + "\",\"discountCode\":\"FREE100\",\"hasPurchased\":true,\"hasAccess\":true}")
                .execute();
        assertThat(response.status().code()).isEqualTo(200);
        var stored = server.subscribers.findByEmail(Email.parse(email)).orElseThrow();
        assertThat(stored.discountCode()).isEmpty();
        assertThat(stored.hasPurchased()).isFalse();
    }
}
