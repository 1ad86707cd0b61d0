package dev.prompttracker.application.service;

import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.port.in.AuthResult;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.ListSessionsQuery;
import dev.prompttracker.application.port.in.LogInCommand;
import dev.prompttracker.application.port.in.LogOutCommand;
import dev.prompttracker.application.port.in.RefreshSessionCommand;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.PlainPassword;
import dev.prompttracker.domain.user.Role;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthServiceTest {
    private final CoreFixture core = new CoreFixture();
    private static final ClientInfo CLIENT = new ClientInfo("JUnit", "127.0.0.1");

    private AuthResult logIn(String login, String password) {
        return core.app.logIn().logIn(new LogInCommand(login, password, CLIENT));
    }

    @Test
    void anUnknownAccountCostsAHashCheckLikeAKnownOne() {
        core.register("known");
        int before = core.hasher.matchCalls();
        assertThatThrownBy(() -> logIn("known", "wrong password!")).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> logIn("unknown", "wrong password!")).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> logIn("known", "short")).isInstanceOf(Unauthenticated.class);
        assertThat(core.hasher.matchCalls() - before).isEqualTo(3);
    }

    @Test
    void anOverlongPasswordIsRefusedBeforeAnyHashing() {
        int hashes = core.hasher.hashCalls();
        int matches = core.hasher.matchCalls();
        assertThatThrownBy(() -> logIn("someone", "p".repeat(1_000_000))).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> core.app.registerUser().register(new dev.prompttracker.application.port.in.RegisterUserCommand(
                "someone", "someone@example.com", "p".repeat(1_000_000), CLIENT))).isInstanceOf(Invalid.class);
        assertThat(core.hasher.hashCalls()).isEqualTo(hashes);
        assertThat(core.hasher.matchCalls()).isEqualTo(matches);
    }

    @Test
    void aWeakStoredHashIsUpgradedAtTheNextLogin() {
        User legacy = User.registered(UserId.random(), new Username("legacy"), Email.parse("legacy@example.com"),
                core.hasher.weakHash(new PlainPassword("correct horse battery")), core.clock.instant());
        core.users.create(legacy);
        logIn("legacy", "correct horse battery");
        var stored = core.users.findById(legacy.id()).orElseThrow().passwordHash().orElseThrow();
        assertThat(core.hasher.needsRehash(stored)).isFalse();
        logIn("legacy@example.com", "correct horse battery");
    }

    @Test
    void anAdminEmailGivesTheAdminRoleOnlyOnceProven() {
        AuthResult registered = core.app.registerUser().register(new dev.prompttracker.application.port.in.RegisterUserCommand(
                "admin", "Admin@Example.com", "correct horse battery", CLIENT));
        assertThat(registered.role()).as("a claimed address is not trusted").isEqualTo(Role.USER);
        assertThat(core.actor(registered).isAdmin()).isFalse();

        AuthResult proven = core.app.verifyEmail().verifyEmail(new dev.prompttracker.application.port.in.VerifyEmailCommand(
                core.linkToken(Email.parse("admin@example.com"), "verify-email"), core.actor(registered), CLIENT));

        assertThat(proven.role()).isEqualTo(Role.ADMIN);
        assertThat(core.actor(proven).isAdmin()).isTrue();
        assertThat(core.actor(core.registerVerified("plain")).isAdmin()).isFalse();
    }

    @Test
    void aRefreshTokenWorksOnceAndItsReplayEndsTheSession() {
        AuthResult first = core.register("rotator");
        AuthResult second = core.app.refreshSession().refresh(new RefreshSessionCommand(first.refreshToken(), CLIENT));
        AuthResult third = core.app.refreshSession().refresh(new RefreshSessionCommand(second.refreshToken(), CLIENT));
        core.actor(third);

        assertThatThrownBy(() -> core.app.refreshSession().refresh(new RefreshSessionCommand(first.refreshToken(), CLIENT)))
                .isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> core.app.refreshSession().refresh(new RefreshSessionCommand(third.refreshToken(), CLIENT)))
                .isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> core.actor(third)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void anExpiredSessionCannotBeRefreshed() {
        AuthResult login = core.register("sleeper");
        core.clock.advance(Duration.ofDays(31));
        assertThatThrownBy(() -> core.app.refreshSession().refresh(new RefreshSessionCommand(login.refreshToken(), CLIENT)))
                .isInstanceOf(Unauthenticated.class);
    }

    @Test
    void aLogoutOnOneInstanceReachesAnotherAtItsNextSync() {
        ApplicationServices other = core.create();
        AuthResult login = core.register("roamer");
        Actor.SignedIn actor = core.actor(login);
        assertThat(other.authenticate().authenticate(login.accessToken())).isEqualTo(actor);

        core.app.logOut().logOut(new LogOutCommand(actor));

        assertThatThrownBy(() -> core.actor(login)).isInstanceOf(Unauthenticated.class);
        assertThat(other.authenticate().authenticate(login.accessToken())).isEqualTo(actor);
        core.clock.advance(Duration.ofSeconds(15));
        other.syncRevokedSessions().syncRevokedSessions();
        assertThatThrownBy(() -> other.authenticate().authenticate(login.accessToken()))
                .isInstanceOf(Unauthenticated.class);
    }

    @Test
    void aFreshInstanceLoadsRecentRevocationsAndForgetsThemOnceTheirTokensExpired() {
        AuthResult login = core.register("restarted");
        core.app.logOut().logOut(new LogOutCommand(core.actor(login)));
        ApplicationServices restarted = core.create();
        restarted.syncRevokedSessions().syncRevokedSessions();
        assertThatThrownBy(() -> restarted.authenticate().authenticate(login.accessToken()))
                .isInstanceOf(Unauthenticated.class);

        RevokedSessions revoked = new RevokedSessions(core.sessions, core.clock,
                AuthSettings.defaults(java.util.Set.of()).revocationMemory());
        revoked.syncRevokedSessions();
        assertThat(revoked.size()).isEqualTo(1);
        core.clock.advance(Duration.ofMinutes(17));
        revoked.syncRevokedSessions();
        assertThat(revoked.size()).isZero();
    }

    @Test
    void sessionsAreListedWithTheCurrentOneMarked() {
        AuthResult first = core.register("many");
        AuthResult second = logIn("many", "correct horse battery");
        var sessions = core.app.listSessions().listSessions(new ListSessionsQuery(core.actor(second)));
        assertThat(sessions).hasSize(2);
        assertThat(sessions).filteredOn(s -> s.current()).extracting(s -> s.session().id())
                .containsExactly(core.actor(second).sessionId());
        assertThat(first.user().id()).isEqualTo(second.user().id());
        assertThatThrownBy(() -> core.app.listSessions().listSessions(new ListSessionsQuery(Actor.ANONYMOUS)))
                .isInstanceOf(Unauthenticated.class);
    }
}
