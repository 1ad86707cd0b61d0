package dev.prompttracker.adapter.http;

import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Outcome;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.proto.v1.AuthResult;
import dev.prompttracker.proto.v1.CreatePromptRequest;
import dev.prompttracker.proto.v1.ListPromptsRequest;
import dev.prompttracker.proto.v1.ListSessionsRequest;
import dev.prompttracker.proto.v1.ListSessionsResponse;
import dev.prompttracker.proto.v1.ListSubscribersRequest;
import dev.prompttracker.proto.v1.LoginRequest;
import dev.prompttracker.proto.v1.LogoutRequest;
import dev.prompttracker.proto.v1.RefreshRequest;
import dev.prompttracker.proto.v1.RegisterRequest;
import dev.prompttracker.proto.v1.RevokeSessionRequest;
import dev.prompttracker.proto.v1.Session;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration, login, refresh rotation and reuse detection, logout and sessions, on both transports. */
class AuthEdgeTest {
    @RegisterExtension
    static final EdgeServer server = new EdgeServer();

    static Stream<Transport> transports() {
        return server.transports();
    }

    private static RegisterRequest registration(String name) {
        return RegisterRequest.newBuilder().setUsername(name).setEmail(" " + name.toUpperCase() + "@Example.COM ")
                .setPassword("correct horse battery").build();
    }

    private static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    private static Outcome<?> whoAmI(Transport t, String accessToken) {
        return t.call(Rpcs.LIST_PROMPTS, accessToken, ListPromptsRequest.getDefaultInstance());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void registersWithANormalisedEmailAndLogsInByUsernameOrEmail(Transport t) {
        String name = unique("Ann_");
        AuthResult registered = t.call(Rpcs.REGISTER, null, registration(name)).ok();
        assertThat(registered.getUser().getEmail()).isEqualTo(name.toLowerCase() + "@example.com");
        assertThat(registered.getUser().getUsername()).isEqualTo(name);
        assertThat(registered.getUser().getRole()).isEqualTo("USER");
        assertThat(registered.getExpiresIn()).isBetween(1, 900);
        assertThat(registered.getRefreshToken()).hasSize(64);

        AuthResult byName = t.call(Rpcs.LOGIN, null, LoginRequest.newBuilder().setLogin(name.toUpperCase())
                .setPassword("correct horse battery").build()).ok();
        AuthResult byEmail = t.call(Rpcs.LOGIN, null, LoginRequest.newBuilder().setLogin(name + "@EXAMPLE.com")
                .setPassword("correct horse battery").build()).ok();
        assertThat(byName.getUser().getId()).isEqualTo(registered.getUser().getId());
        assertThat(byEmail.getUser().getId()).isEqualTo(registered.getUser().getId());
        whoAmI(t, byEmail.getAccessToken()).ok();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void everyLoginFailureIsTheSameGenericUnauthenticated(Transport t) {
        String name = unique("bob_");
        t.call(Rpcs.REGISTER, null, registration(name)).ok();
        var wrongPassword = t.call(Rpcs.LOGIN, null, LoginRequest.newBuilder().setLogin(name)
                .setPassword("wrong password!").build()).failsWith(ErrorKind.UNAUTHENTICATED);
        var unknownUser = t.call(Rpcs.LOGIN, null, LoginRequest.newBuilder().setLogin("nobody_" + name)
                .setPassword("correct horse battery").build()).failsWith(ErrorKind.UNAUTHENTICATED);
        var tooShort = t.call(Rpcs.LOGIN, null, LoginRequest.newBuilder().setLogin(name)
                .setPassword("short").build()).failsWith(ErrorKind.UNAUTHENTICATED);
        assertThat(wrongPassword.detail()).isEqualTo(unknownUser.detail()).isEqualTo(tooShort.detail());
    }

    @ParameterizedTest
    @MethodSource("transports")
    void registrationValidatesAndRefusesTakenNames(Transport t) {
        var invalid = t.call(Rpcs.REGISTER, null, RegisterRequest.newBuilder().setUsername("x!")
                .setEmail("not-an-email").setPassword("short").build()).failsWith(ErrorKind.INVALID);
        assertThat(invalid.detail()).contains("username").contains("email").contains("password");

        String name = unique("cat_");
        t.call(Rpcs.REGISTER, null, registration(name)).ok();
        t.call(Rpcs.REGISTER, null, registration(name)).failsWith(ErrorKind.CONFLICT);
        t.call(Rpcs.REGISTER, null, RegisterRequest.newBuilder().setUsername(name.toUpperCase())
                .setEmail("other-" + name + "@example.com").setPassword("correct horse battery").build())
                .failsWith(ErrorKind.CONFLICT);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void anAdminEmailGivesTheAdminRoleOnlyOnceProven(Transport t) {
        // One transport registers the admin and proves the address; the other logs in as it.
        String name = "boss";
        Outcome<AuthResult> registered = t.call(Rpcs.REGISTER, null, RegisterRequest.newBuilder().setUsername(name)
                .setEmail(EdgeServer.ADMIN_EMAIL).setPassword("correct horse battery").build());
        AuthResult result;
        if (registered.error().isPresent()) {
            result = t.call(Rpcs.LOGIN, null, LoginRequest.newBuilder().setLogin(name)
                    .setPassword("correct horse battery").build()).ok();
        } else {
            assertThat(registered.ok().getUser().getRole()).as("a claimed address is not trusted").isEqualTo("USER");
            assertThat(registered.ok().getUser().getEmailVerified()).isFalse();
            t.call(Rpcs.LIST_SUBSCRIBERS, registered.ok().getAccessToken(), ListSubscribersRequest.getDefaultInstance())
                    .failsWith(ErrorKind.FORBIDDEN);
            result = server.verified(t, registered.ok());
        }
        assertThat(result.getUser().getEmailVerified()).isTrue();
        assertThat(result.getUser().getRole()).isEqualTo("ADMIN");
        t.call(Rpcs.LIST_SUBSCRIBERS, result.getAccessToken(), ListSubscribersRequest.getDefaultInstance()).ok();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void refreshRotatesAndReusingAnOldTokenRevokesTheWholeSession(Transport t) {
        AuthResult first = server.newUser(t);
        AuthResult second = t.call(Rpcs.REFRESH, null, RefreshRequest.newBuilder()
                .setRefreshToken(first.getRefreshToken()).build()).ok();
        assertThat(second.getRefreshToken()).isNotEqualTo(first.getRefreshToken());
        whoAmI(t, second.getAccessToken()).ok();

        // Replaying the first refresh token: refused, and the session it belongs to ends.
        t.call(Rpcs.REFRESH, null, RefreshRequest.newBuilder().setRefreshToken(first.getRefreshToken()).build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
        t.call(Rpcs.REFRESH, null, RefreshRequest.newBuilder().setRefreshToken(second.getRefreshToken()).build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
        whoAmI(t, second.getAccessToken()).failsWith(ErrorKind.UNAUTHENTICATED);
        whoAmI(t, first.getAccessToken()).failsWith(ErrorKind.UNAUTHENTICATED);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void concurrentRefreshesWithOneTokenNeverYieldTwoLiveChildren(Transport t) throws Exception {
        AuthResult login = server.newUser(t);
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Outcome<AuthResult>>> calls = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            calls.add(() -> {
                start.await();
                return t.call(Rpcs.REFRESH, null, RefreshRequest.newBuilder()
                        .setRefreshToken(login.getRefreshToken()).build());
            });
        }
        List<AuthResult> winners = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            List<Future<Outcome<AuthResult>>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Outcome<AuthResult>> future : futures) {
                future.get().value().ifPresent(winners::add);
            }
        }
        assertThat(winners).hasSizeLessThanOrEqualTo(1);
        long liveChildren = winners.stream().filter(w -> t.call(Rpcs.REFRESH, null, RefreshRequest.newBuilder()
                .setRefreshToken(w.getRefreshToken()).build()).error().isEmpty()).count();
        assertThat(liveChildren).isLessThanOrEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void logoutRejectsTheAccessTokenAtOnceAndTheRefreshToken(Transport t) {
        AuthResult login = server.newUser(t);
        whoAmI(t, login.getAccessToken()).ok();
        t.call(Rpcs.LOGOUT, login.getAccessToken(), LogoutRequest.getDefaultInstance()).ok();
        whoAmI(t, login.getAccessToken()).failsWith(ErrorKind.UNAUTHENTICATED);
        t.call(Rpcs.REFRESH, null, RefreshRequest.newBuilder().setRefreshToken(login.getRefreshToken()).build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
        t.call(Rpcs.LOGOUT, null, LogoutRequest.getDefaultInstance()).failsWith(ErrorKind.UNAUTHENTICATED);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void listsOwnSessionsAndRevokesOneButNotSomeoneElses(Transport t) {
        AuthResult first = server.newUser(t);
        String username = first.getUser().getUsername();
        AuthResult second = t.call(Rpcs.LOGIN, null, LoginRequest.newBuilder().setLogin(username)
                .setPassword("correct horse battery").build()).ok();
        ListSessionsResponse sessions = t.call(Rpcs.LIST_SESSIONS, second.getAccessToken(),
                ListSessionsRequest.getDefaultInstance()).ok();
        assertThat(sessions.getSessionsList()).hasSize(2);
        assertThat(sessions.getSessionsList()).filteredOn(Session::getCurrent).hasSize(1);
        String firstSession = sessions.getSessionsList().stream().filter(s -> !s.getCurrent()).findFirst()
                .orElseThrow().getId();

        AuthResult stranger = server.newUser(t);
        t.call(Rpcs.REVOKE_SESSION, stranger.getAccessToken(), RevokeSessionRequest.newBuilder().setId(firstSession)
                .build()).failsWith(ErrorKind.NOT_FOUND);
        whoAmI(t, first.getAccessToken()).ok();

        t.call(Rpcs.REVOKE_SESSION, second.getAccessToken(), RevokeSessionRequest.newBuilder().setId(firstSession)
                .build()).ok();
        whoAmI(t, first.getAccessToken()).failsWith(ErrorKind.UNAUTHENTICATED);
        whoAmI(t, second.getAccessToken()).ok();
        assertThat(t.call(Rpcs.LIST_SESSIONS, second.getAccessToken(), ListSessionsRequest.getDefaultInstance()).ok()
                .getSessionsList()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void garbageOpaqueTokensAreUnauthenticated(Transport t) {
        for (String token : List.of("", "abc", "x".repeat(43), "x".repeat(5000))) {
            t.call(Rpcs.REFRESH, null, RefreshRequest.newBuilder().setRefreshToken(token).build())
                    .failsWith(ErrorKind.UNAUTHENTICATED);
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void theRefreshTokenIsNotAnAccessToken(Transport t) {
        AuthResult login = server.newUser(t);
        t.call(Rpcs.CREATE_PROMPT, login.getRefreshToken(), CreatePromptRequest.newBuilder().setContent("x").build())
                .failsWith(ErrorKind.UNAUTHENTICATED);
    }
}
