package dev.prompttracker.adapter.http;

import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Outcome;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.proto.v1.AuthResult;
import dev.prompttracker.proto.v1.ChapterAnalytics;
import dev.prompttracker.proto.v1.ChapterProgress;
import dev.prompttracker.proto.v1.GetMySubscriptionRequest;
import dev.prompttracker.proto.v1.GetProgressAnalyticsRequest;
import dev.prompttracker.proto.v1.GetProgressRequest;
import dev.prompttracker.proto.v1.GetProgressResponse;
import dev.prompttracker.proto.v1.ListContentAccessRequest;
import dev.prompttracker.proto.v1.ListSubscribersRequest;
import dev.prompttracker.proto.v1.LoginRequest;
import dev.prompttracker.proto.v1.RecordChapterProgressRequest;
import dev.prompttracker.proto.v1.RecordContentAccessRequest;
import dev.prompttracker.proto.v1.RegisterRequest;
import dev.prompttracker.proto.v1.RequestMagicLinkRequest;
import dev.prompttracker.proto.v1.RequestMagicLinkResponse;
import dev.prompttracker.proto.v1.SignUpRequest;
import dev.prompttracker.proto.v1.SignUpResponse;
import dev.prompttracker.proto.v1.Subscriber;
import dev.prompttracker.proto.v1.UpdateSubscriberRequest;
import dev.prompttracker.proto.v1.VerifyMagicLinkRequest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The handbook over both transports: subscribers, magic links, progress, access logs, admin views. */
class ContentEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();
    private static final Pattern LINK = Pattern.compile(Pattern.quote(EdgeServer.FRONTEND_URL)
            + "/auth/verify\\?token=([A-Za-z0-9_-]+)");

    static Stream<Transport> transports() {
        return server.transports();
    }

    private static String uniqueEmail(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36) + "@example.com";
    }

    /** Runs the email worker once and returns the token mailed to {@code email}. */
    private static String mailedToken(String email) {
        server.app.deliverEmails().deliverPending(50);
        List<MailMessage> mails = server.mail.sent().stream().filter(m -> m.to().value().equals(email)).toList();
        assertThat(mails).as("a mail to %s", email).isNotEmpty();
        Matcher matcher = LINK.matcher(mails.getLast().textBody());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static String signedInReader(Transport t, String email) {
        t.call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail(email).setFirstName("Ann").build()).ok();
        t.call(Rpcs.REQUEST_MAGIC_LINK, null, RequestMagicLinkRequest.newBuilder().setEmail(email).build()).ok();
        return t.call(Rpcs.VERIFY_MAGIC_LINK, null, VerifyMagicLinkRequest.newBuilder().setToken(mailedToken(email))
                .build()).ok().getAccessToken();
    }

    private static String adminToken(Transport t) {
        Outcome<AuthResult> registered = t.call(Rpcs.REGISTER, null, RegisterRequest.newBuilder().setUsername("boss")
                .setEmail(EdgeServer.ADMIN_EMAIL).setPassword("correct horse battery").build());
        AuthResult session = registered.error().isPresent()
                ? t.call(Rpcs.LOGIN, null, LoginRequest.newBuilder().setLogin("boss").setPassword("correct horse battery")
                .build()).ok()
                : server.verified(t, registered.ok());
        assertThat(session.getUser().getRole()).isEqualTo("ADMIN");
        return session.getAccessToken();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aSubscriberSignsInWithAMagicLinkAndRecordsReading(Transport t) {
        String email = uniqueEmail("reader");
        SignUpResponse signup = t.call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail(" " + email.toUpperCase())
                .setFirstName("Zoë").setUtmCampaign("launch").build()).ok();
        assertThat(signup.getEmail()).isEqualTo(email);
        t.call(Rpcs.REQUEST_MAGIC_LINK, null, RequestMagicLinkRequest.newBuilder().setEmail(email).build()).ok();
        String token = mailedToken(email);

        AuthResult session = t.call(Rpcs.VERIFY_MAGIC_LINK, null, VerifyMagicLinkRequest.newBuilder().setToken(token)
                .build()).ok();
        assertThat(session.getUser().getEmail()).isEqualTo(email);
        String access = session.getAccessToken();

        Subscriber me = t.call(Rpcs.MY_SUBSCRIPTION, access, GetMySubscriptionRequest.getDefaultInstance()).ok();
        assertThat(me.getFirstName()).isEqualTo("Zoë");
        assertThat(me.getHasAccess()).isTrue();
        assertThat(me.getHasPurchased()).isFalse();
        assertThat(me.getEmailsSent()).isEqualTo(1);
        assertThat(me.getUtmCampaign()).isEqualTo("launch");

        ChapterProgress first = t.call(Rpcs.RECORD_PROGRESS, access, RecordChapterProgressRequest.newBuilder()
                .setChapterNumber(1).setTimeSpentSeconds(300).addVideosWatched("intro").build()).ok();
        assertThat(first.getTimeSpentSeconds()).isEqualTo(300);
        ChapterProgress merged = t.call(Rpcs.RECORD_PROGRESS, access, RecordChapterProgressRequest.newBuilder()
                .setChapterNumber(1).setCompleted(true).setTimeSpentSeconds(60).addVideosWatched("outro")
                .addQuizzesPassed("q1").build()).ok();
        assertThat(merged.getTimeSpentSeconds()).isEqualTo(360);
        assertThat(merged.getVideosWatchedList()).containsExactly("intro", "outro");
        t.call(Rpcs.RECORD_PROGRESS, access, RecordChapterProgressRequest.newBuilder().setChapterNumber(1)
                .setCompleted(false).build()).ok();
        t.call(Rpcs.RECORD_PROGRESS, access, RecordChapterProgressRequest.newBuilder().setChapterNumber(3)
                .setTimeSpentSeconds(40).build()).ok();

        GetProgressResponse progress = t.call(Rpcs.GET_PROGRESS, access, GetProgressRequest.getDefaultInstance()).ok();
        assertThat(progress.getChaptersList()).extracting(ChapterProgress::getChapterNumber).containsExactly(1, 3);
        assertThat(progress.getChapters(0).getCompleted()).as("completed never reverts").isTrue();
        assertThat(progress.getSummary().getChaptersCompleted()).isEqualTo(1);
        assertThat(progress.getSummary().getTotalTimeSpentSeconds()).isEqualTo(400);

        var entry = t.call(Rpcs.RECORD_ACCESS, access, RecordContentAccessRequest.newBuilder().setChapterNumber(3)
                .setAccessType("download").build()).ok();
        assertThat(entry.getAccessType()).isEqualTo("DOWNLOAD");
        assertThat(entry.getIp()).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void knownAndUnknownAddressesGetTheSameAnswer(Transport t) {
        String known = uniqueEmail("known");
        t.call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail(known).build()).ok();
        RequestMagicLinkResponse forKnown = t.call(Rpcs.REQUEST_MAGIC_LINK, null,
                RequestMagicLinkRequest.newBuilder().setEmail(known).build()).ok();
        RequestMagicLinkResponse forUnknown = t.call(Rpcs.REQUEST_MAGIC_LINK, null,
                RequestMagicLinkRequest.newBuilder().setEmail(uniqueEmail("unknown")).build()).ok();
        assertThat(forKnown).isEqualTo(forUnknown);
        SignUpResponse again = t.call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail(known).build()).ok();
        SignUpResponse fresh = t.call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail(known).build()).ok();
        assertThat(again).isEqualTo(fresh);
        t.call(Rpcs.REQUEST_MAGIC_LINK, null, RequestMagicLinkRequest.newBuilder().setEmail("not-an-email").build())
                .failsWith(ErrorKind.INVALID);
    }

    /** The link comes from FRONTEND_URL, whatever host the request claims (host-header injection). */
    @org.junit.jupiter.api.Test
    void theMailedLinkIgnoresTheRequestsHostHeaders() {
        String email = uniqueEmail("hosted");
        server.rest().call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail(email).build()).ok();
        var response = server.blockingWebClient().prepare().post("/api/auth/magic-link")
                .header(com.linecorp.armeria.common.HttpHeaderNames.HOST, "evil.example")
                .header("x-forwarded-host", "evil.example")
                .header("forwarded", "host=evil.example")
                .content(com.linecorp.armeria.common.MediaType.JSON_UTF_8, "{\"email\":\"" + email + "\"}")
                .execute();
        assertThat(response.status().code()).isEqualTo(200);
        mailedToken(email);
        assertThat(server.mail.sent()).filteredOn(m -> m.to().value().equals(email))
                .allSatisfy(m -> assertThat(m.textBody()).doesNotContain("evil.example")
                        .contains(EdgeServer.FRONTEND_URL + "/auth/verify?token="));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aReplayedOrExpiredLinkIsRefused(Transport t) {
        String email = uniqueEmail("replay");
        t.call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail(email).build()).ok();
        t.call(Rpcs.REQUEST_MAGIC_LINK, null, RequestMagicLinkRequest.newBuilder().setEmail(email).build()).ok();
        String token = mailedToken(email);
        t.call(Rpcs.VERIFY_MAGIC_LINK, null, VerifyMagicLinkRequest.newBuilder().setToken(token).build()).ok();
        t.call(Rpcs.VERIFY_MAGIC_LINK, null, VerifyMagicLinkRequest.newBuilder().setToken(token).build())
                .failsWith(ErrorKind.UNAUTHENTICATED);

        t.call(Rpcs.REQUEST_MAGIC_LINK, null, RequestMagicLinkRequest.newBuilder().setEmail(email).build()).ok();
        String late = mailedToken(email);
        server.clock.advance(Duration.ofMinutes(16));
        t.call(Rpcs.VERIFY_MAGIC_LINK, null, VerifyMagicLinkRequest.newBuilder().setToken(late).build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
        t.call(Rpcs.VERIFY_MAGIC_LINK, null, VerifyMagicLinkRequest.newBuilder().setToken("garbage").build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void badInputIsInvalid(Transport t) {
        String access = signedInReader(t, uniqueEmail("careless"));
        t.call(Rpcs.RECORD_PROGRESS, access, RecordChapterProgressRequest.newBuilder().setChapterNumber(0).build())
                .failsWith(ErrorKind.INVALID);
        t.call(Rpcs.RECORD_PROGRESS, access, RecordChapterProgressRequest.newBuilder().setChapterNumber(2)
                .setTimeSpentSeconds(-1).build()).failsWith(ErrorKind.INVALID);
        t.call(Rpcs.RECORD_ACCESS, access, RecordContentAccessRequest.newBuilder().setChapterNumber(1)
                .setAccessType("PRINT").build()).failsWith(ErrorKind.INVALID);
        t.call(Rpcs.SIGN_UP, null, SignUpRequest.newBuilder().setEmail("nope").build()).failsWith(ErrorKind.INVALID);
        t.call(Rpcs.RECORD_PROGRESS, null, RecordChapterProgressRequest.newBuilder().setChapterNumber(1).build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void adminViewsAreForbiddenToReadersAndWorkForAdmins(Transport t) {
        String readerEmail = uniqueEmail("plain");
        String reader = signedInReader(t, readerEmail);
        t.call(Rpcs.LIST_SUBSCRIBERS, reader, ListSubscribersRequest.getDefaultInstance()).failsWith(ErrorKind.FORBIDDEN);
        t.call(Rpcs.PROGRESS_ANALYTICS, reader, GetProgressAnalyticsRequest.getDefaultInstance())
                .failsWith(ErrorKind.FORBIDDEN);
        t.call(Rpcs.LIST_ACCESS, reader, ListContentAccessRequest.getDefaultInstance()).failsWith(ErrorKind.FORBIDDEN);
        t.call(Rpcs.UPDATE_SUBSCRIBER, reader, UpdateSubscriberRequest.newBuilder().setEmail(readerEmail)
                .setHasPurchased(true).build()).failsWith(ErrorKind.FORBIDDEN);

        t.call(Rpcs.RECORD_PROGRESS, reader, RecordChapterProgressRequest.newBuilder().setChapterNumber(5)
                .setCompleted(true).setTimeSpentSeconds(100).build()).ok();
        t.call(Rpcs.RECORD_ACCESS, reader, RecordContentAccessRequest.newBuilder().setChapterNumber(5)
                .setAccessType("VIEW").build()).ok();

        String admin = adminToken(t);
        assertThat(t.call(Rpcs.LIST_SUBSCRIBERS, admin, ListSubscribersRequest.newBuilder().setPageSize(100).build()).ok()
                .getSubscribersList()).extracting(Subscriber::getEmail).contains(readerEmail);
        Subscriber updated = t.call(Rpcs.UPDATE_SUBSCRIBER, admin, UpdateSubscriberRequest.newBuilder()
                .setEmail(readerEmail).setHasPurchased(true).setDiscountCode("vip").build()).ok();
        assertThat(updated.getHasPurchased()).isTrue();
        assertThat(updated.getDiscountCode()).isEqualTo("VIP");
        assertThat(t.call(Rpcs.PROGRESS_ANALYTICS, admin, GetProgressAnalyticsRequest.getDefaultInstance()).ok()
                .getChaptersList()).filteredOn(c -> c.getChapterNumber() == 5)
                .singleElement().extracting(ChapterAnalytics::getCompletions).isNotEqualTo(0);
        assertThat(t.call(Rpcs.LIST_ACCESS, admin, ListContentAccessRequest.newBuilder().setChapterNumber(5).build()).ok()
                .getEntriesList()).anySatisfy(e -> assertThat(e.getEmail()).isEqualTo(readerEmail));
        t.call(Rpcs.LIST_ACCESS, admin, ListContentAccessRequest.newBuilder().setFrom("yesterday").build())
                .failsWith(ErrorKind.INVALID);

        t.call(Rpcs.UPDATE_SUBSCRIBER, admin, UpdateSubscriberRequest.newBuilder().setEmail(readerEmail)
                .setHasAccess(false).build()).ok();
        t.call(Rpcs.RECORD_PROGRESS, reader, RecordChapterProgressRequest.newBuilder().setChapterNumber(6).build())
                .failsWith(ErrorKind.FORBIDDEN);
        t.call(Rpcs.UPDATE_SUBSCRIBER, admin, UpdateSubscriberRequest.newBuilder().setEmail(uniqueEmail("ghost"))
                .setHasAccess(true).build()).failsWith(ErrorKind.NOT_FOUND);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aSignedInUserWhoIsNotSubscribedCannotRecordReading(Transport t) {
        String access = server.verified(t, server.newUser(t)).getAccessToken();
        t.call(Rpcs.RECORD_PROGRESS, access, RecordChapterProgressRequest.newBuilder().setChapterNumber(1).build())
                .failsWith(ErrorKind.FORBIDDEN);
        t.call(Rpcs.MY_SUBSCRIPTION, access, GetMySubscriptionRequest.getDefaultInstance())
                .failsWith(ErrorKind.NOT_FOUND);
        assertThat(t.call(Rpcs.GET_PROGRESS, access, GetProgressRequest.getDefaultInstance()).ok().getChaptersList())
                .isEmpty();
    }
}
