package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.AuthResult;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.CreatePromptCommand;
import dev.prompttracker.application.port.in.GetOwnSubscriptionQuery;
import dev.prompttracker.application.port.in.GetProgressQuery;
import dev.prompttracker.application.port.in.ListPromptsQuery;
import dev.prompttracker.application.port.in.LogInCommand;
import dev.prompttracker.application.port.in.RecordContentAccessCommand;
import dev.prompttracker.application.port.in.RecordProgressCommand;
import dev.prompttracker.application.port.in.RefreshSessionCommand;
import dev.prompttracker.application.port.in.RegisterUserCommand;
import dev.prompttracker.application.port.in.RequestMagicLinkCommand;
import dev.prompttracker.application.port.in.SendVerificationEmailCommand;
import dev.prompttracker.application.port.in.SetPasswordCommand;
import dev.prompttracker.application.port.in.SignUpSubscriberCommand;
import dev.prompttracker.application.port.in.VerifyEmailCommand;
import dev.prompttracker.application.port.in.VerifyMagicLinkCommand;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.RateLimiter;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.domain.mail.EmailJobKind;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.Role;
import dev.prompttracker.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The account model of the security review: an address belongs to whoever proves it. Registration
 * only claims an address; a link sent to it proves it; nothing keyed by the address, and no admin
 * role, is open before that; and proving it takes an account back from whoever registered it first.
 */
class EmailProofTest {
    private static final ClientInfo ATTACKER = new ClientInfo("curl", "198.51.100.66");
    private static final ClientInfo OWNER = new ClientInfo("Firefox", "203.0.113.7");
    private static final String PASSWORD = "correct horse battery";
    private final CoreFixture core = new CoreFixture();

    private AuthResult register(String username, String email, ClientInfo client) {
        return core.app.registerUser().register(new RegisterUserCommand(username, email, PASSWORD, client));
    }

    private void subscribe(String email) {
        core.app.signUpSubscriber().signUp(new SignUpSubscriberCommand(email, "", "", "", "", "", "", Actor.ANONYMOUS,
                OWNER));
    }

    @Test
    void registrationClaimsTheAddressAndMailsALinkMadeByTheWorker() {
        AuthResult registered = register("ada", "Ada@Example.com", OWNER);

        assertThat(registered.user().emailVerified()).isFalse();
        assertThat(core.actor(registered).emailVerified()).isFalse();
        assertThat(core.emailJobs.size()).isEqualTo(1);
        assertThat(core.magicLinks.stored()).as("no link exists before the worker makes it").isEmpty();

        String token = core.linkToken(Email.parse("ada@example.com"), "verify-email");

        MailMessage mail = core.mail.sent().getLast();
        assertThat(mail.textBody()).contains("https://app.example/auth/verify-email?token=" + token)
                .contains("24 hours");
        assertThat(core.magicLinks.stored()).hasSize(1).allSatisfy((hash, link) -> {
            assertThat(hash.value()).doesNotContain(token);
            assertThat(link.purpose()).isEqualTo(dev.prompttracker.domain.magiclink.MagicLinkPurpose.VERIFY_EMAIL);
            assertThat(link.expiresAt()).isEqualTo(core.clock.instant().plus(Duration.ofHours(24)));
        });
    }

    @Test
    void anUnprovenAddressKeepsThePromptTrackerButNothingKeyedByTheAddress() {
        subscribe("paying@example.com");
        Actor.SignedIn claimant = core.actor(register("claimant", "paying@example.com", ATTACKER));

        core.app.createPrompt().createPrompt(new CreatePromptCommand(claimant, "Mine", "a prompt", false, List.of()));
        assertThat(core.app.listPrompts().listPrompts(new ListPromptsQuery(claimant, 20, "", "")).items()).hasSize(1);

        List<Runnable> emailKeyed = List.of(
                () -> core.app.ownSubscription().ownSubscription(new GetOwnSubscriptionQuery(claimant)),
                () -> core.app.progress().progress(new GetProgressQuery(claimant)),
                () -> core.app.recordProgress().recordProgress(new RecordProgressCommand(claimant, 1, true, 60, List.of(),
                        List.of())),
                () -> core.app.recordContentAccess().recordContentAccess(new RecordContentAccessCommand(claimant, 1,
                        "VIEW", ATTACKER)));
        for (Runnable call : emailKeyed) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(Forbidden.class,
                    refused -> assertThat(refused.reason()).isEqualTo(Forbidden.Reason.EMAIL_NOT_VERIFIED));
        }
        assertThat(core.progress.listByEmail(Email.parse("paying@example.com"))).isEmpty();
        assertThat(core.accessLog.list(new dev.prompttracker.application.port.out.AccessLogRepository.AccessLogFilter(
                Optional.empty(), Optional.empty(), Optional.empty()), dev.prompttracker.domain.page.PageRequest.first(100)).items()).isEmpty();
    }

    @Test
    void provingFromTheRegisteringSessionKeepsThePasswordAndTheOtherSessions() {
        subscribe("reader@example.com");
        AuthResult registered = register("reader", "reader@example.com", OWNER);
        AuthResult elsewhere = core.app.logIn().logIn(new LogInCommand("reader", PASSWORD, OWNER));

        AuthResult proven = core.app.verifyEmail().verifyEmail(new VerifyEmailCommand(
                core.linkToken(Email.parse("reader@example.com"), "verify-email"), core.actor(registered), OWNER));

        assertThat(proven.user().emailVerified()).isTrue();
        assertThat(proven.user().passwordHash()).isPresent();
        Actor.SignedIn reader = core.actor(proven);
        assertThat(reader.emailVerified()).isTrue();
        assertThat(core.app.ownSubscription().ownSubscription(new GetOwnSubscriptionQuery(reader)).email())
                .isEqualTo(Email.parse("reader@example.com"));
        // Another session of the account still works, and its next tokens say the address is proven.
        AuthResult refreshed = core.app.refreshSession().refresh(new RefreshSessionCommand(elsewhere.refreshToken(), OWNER));
        assertThat(core.actor(refreshed).emailVerified()).isTrue();
        // The session that presented the link was replaced by the new one.
        assertThatThrownBy(() -> core.app.refreshSession().refresh(new RefreshSessionCommand(registered.refreshToken(),
                OWNER))).isInstanceOf(Unauthenticated.class);
        core.app.logIn().logIn(new LogInCommand("reader", PASSWORD, OWNER));
    }

    @Test
    void theRealOwnerTakesBackAnAccountSomeoneRegisteredWithTheirAddress() {
        subscribe("victim@example.com");
        AuthResult attacker = register("squatter", "victim@example.com", ATTACKER);
        Actor.SignedIn attackerActor = core.actor(attacker);
        core.app.createPrompt().createPrompt(new CreatePromptCommand(attackerActor, "Planted", "a prompt", false,
                List.of()));

        core.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("victim@example.com", OWNER));
        AuthResult owner = core.app.verifyMagicLink().verifyMagicLink(new VerifyMagicLinkCommand(
                core.linkToken(Email.parse("victim@example.com"), "verify"), OWNER));

        assertThat(owner.user().id()).as("the same account").isEqualTo(attacker.user().id());
        assertThat(owner.user().emailVerified()).isTrue();
        assertThat(owner.user().passwordHash()).as("the squatter's password is gone").isEmpty();
        assertThatThrownBy(() -> core.app.logIn().logIn(new LogInCommand("squatter", PASSWORD, ATTACKER)))
                .isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> core.app.refreshSession().refresh(new RefreshSessionCommand(attacker.refreshToken(),
                ATTACKER))).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> core.actor(attacker)).as("the squatter's access token stops at once")
                .isInstanceOf(Unauthenticated.class);
        Actor.SignedIn ownerActor = core.actor(owner);
        assertThat(core.app.listPrompts().listPrompts(new ListPromptsQuery(ownerActor, 20, "", "")).items())
                .as("the account's prompts stay with it").hasSize(1);
        assertThat(core.app.ownSubscription().ownSubscription(new GetOwnSubscriptionQuery(ownerActor)).email())
                .isEqualTo(Email.parse("victim@example.com"));

        core.app.setPassword().setPassword(new SetPasswordCommand(ownerActor, "", "a brand new passphrase", OWNER));
        core.app.logIn().logIn(new LogInCommand("victim@example.com", "a brand new passphrase", OWNER));
    }

    @Test
    void aSquattersTokenStillAcceptedElsewhereCannotSetAPasswordAfterTheProof() {
        AuthResult attacker = register("squatter", "victim@example.com", ATTACKER);
        // Authenticated before the proof, as by an instance whose revocations have not caught up.
        Actor.SignedIn attackerActor = core.actor(attacker);
        core.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("victim@example.com", OWNER));
        AuthResult owner = core.app.verifyMagicLink().verifyMagicLink(new VerifyMagicLinkCommand(
                core.linkToken(Email.parse("victim@example.com"), "verify"), OWNER));

        assertThatThrownBy(() -> core.app.setPassword().setPassword(new SetPasswordCommand(attackerActor, "",
                "the squatter's new one", ATTACKER))).isInstanceOf(Unauthenticated.class);
        assertThat(core.users.findById(owner.user().id()).orElseThrow().passwordHash()).isEmpty();
        assertThat(core.sessions.listActive(owner.user().id(), core.clock.instant())).extracting(Session::id)
                .containsExactly(core.actor(owner).sessionId());
    }

    @Test
    void aVerificationLinkOpenedWithoutTheRegisteringSessionAlsoEndsTheSquatter() {
        AuthResult attacker = register("squatter", "victim@example.com", ATTACKER);
        String token = core.linkToken(Email.parse("victim@example.com"), "verify-email");

        AuthResult owner = core.app.verifyEmail().verifyEmail(new VerifyEmailCommand(token, Actor.ANONYMOUS, OWNER));

        assertThat(owner.user().passwordHash()).isEmpty();
        assertThat(owner.user().emailVerified()).isTrue();
        assertThatThrownBy(() -> core.actor(attacker)).isInstanceOf(Unauthenticated.class);
        assertThat(core.sessions.listActive(owner.user().id(), core.clock.instant())).extracting(Session::ip)
                .containsExactly(OWNER.ip());
    }

    @Test
    void aSessionOfAnotherAccountDoesNotCountAsTheOwnSession() {
        AuthResult attacker = register("squatter", "victim@example.com", ATTACKER);
        AuthResult bystander = register("bystander", "bystander@example.com", OWNER);
        String token = core.linkToken(Email.parse("victim@example.com"), "verify-email");

        AuthResult proven = core.app.verifyEmail().verifyEmail(new VerifyEmailCommand(token, core.actor(bystander), OWNER));

        assertThat(proven.user().id()).isEqualTo(attacker.user().id());
        assertThat(proven.user().passwordHash()).isEmpty();
    }

    @Test
    void verificationLinksAreSingleUsePurposeBoundAndLastADay() {
        AuthResult registered = register("ada", "ada@example.com", OWNER);
        String verification = core.linkToken(Email.parse("ada@example.com"), "verify-email");
        assertThatThrownBy(() -> core.app.verifyMagicLink().verifyMagicLink(new VerifyMagicLinkCommand(verification,
                OWNER))).as("not a sign-in link").isInstanceOf(Unauthenticated.class);
        core.app.verifyEmail().verifyEmail(new VerifyEmailCommand(verification, core.actor(registered), OWNER));
        assertThatThrownBy(() -> core.app.verifyEmail().verifyEmail(new VerifyEmailCommand(verification,
                Actor.ANONYMOUS, OWNER))).isInstanceOf(Unauthenticated.class);

        register("late", "late@example.com", OWNER);
        String late = core.linkToken(Email.parse("late@example.com"), "verify-email");
        core.clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThatThrownBy(() -> core.app.verifyEmail().verifyEmail(new VerifyEmailCommand(late, Actor.ANONYMOUS,
                OWNER))).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> core.app.verifyEmail().verifyEmail(new VerifyEmailCommand("not a token",
                Actor.ANONYMOUS, OWNER))).isInstanceOf(Unauthenticated.class);

        subscribe("reader@example.com");
        core.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("reader@example.com", OWNER));
        String signIn = core.linkToken(Email.parse("reader@example.com"), "verify");
        assertThatThrownBy(() -> core.app.verifyEmail().verifyEmail(new VerifyEmailCommand(signIn, Actor.ANONYMOUS,
                OWNER))).as("a sign-in link does not verify").isInstanceOf(Unauthenticated.class);
    }

    @Test
    void theAdminRoleComesOnlyFromAProvenListedAddressAndGoesAtTheNextRefresh() {
        AuthResult claimed = register("boss", "admin@example.com", ATTACKER);
        assertThat(claimed.role()).isEqualTo(Role.USER);
        assertThat(core.actor(claimed).isAdmin()).isFalse();
        AuthResult refreshedUnproven = core.app.refreshSession().refresh(new RefreshSessionCommand(claimed.refreshToken(),
                ATTACKER));
        assertThat(refreshedUnproven.role()).isEqualTo(Role.USER);

        AuthResult proven = core.app.verifyEmail().verifyEmail(new VerifyEmailCommand(
                core.linkToken(Email.parse("admin@example.com"), "verify-email"), core.actor(refreshedUnproven), OWNER));
        assertThat(proven.role()).isEqualTo(Role.ADMIN);
        assertThat(core.actor(proven).isAdmin()).isTrue();

        var delisted = core.create(Set.of(), core.clock);
        AuthResult afterRemoval = delisted.refreshSession().refresh(new RefreshSessionCommand(proven.refreshToken(), OWNER));
        assertThat(afterRemoval.role()).isEqualTo(Role.USER);
        assertThat(delisted.authenticate().authenticate(afterRemoval.accessToken()).isAdmin()).isFalse();
    }

    @Test
    void theLinkCanBeSentAgainWithinALimitUntilTheAddressIsProven() {
        CoreFixture limited = new CoreFixture(RateLimits.generous().withVerificationEmailPerAccount(
                new RateLimiter.Limit(2, Duration.ofMinutes(15))));
        AuthResult registered = limited.register("ada");
        Actor.SignedIn ada = limited.actor(registered);
        var resend = new SendVerificationEmailCommand(ada, OWNER);

        assertThat(limited.app.sendVerificationEmail().sendVerificationEmail(resend)).isTrue();
        assertThat(limited.app.sendVerificationEmail().sendVerificationEmail(resend)).isTrue();
        assertThatThrownBy(() -> limited.app.sendVerificationEmail().sendVerificationEmail(resend))
                .isInstanceOf(RateLimited.class);
        assertThat(limited.emailJobs.size()).isEqualTo(3);

        limited.app.verifyEmail().verifyEmail(new VerifyEmailCommand(limited.linkToken(Email.parse("ada@example.com"),
                "verify-email"), ada, OWNER));
        assertThat(limited.app.sendVerificationEmail().sendVerificationEmail(resend)).as("nothing left to prove")
                .isFalse();
        assertThatThrownBy(() -> limited.app.sendVerificationEmail().sendVerificationEmail(
                new SendVerificationEmailCommand(Actor.ANONYMOUS, OWNER))).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void aPasswordChangeNeedsTheCurrentOneAndEndsTheOtherSessions() {
        AuthResult first = core.registerVerified("ada");
        AuthResult second = core.app.logIn().logIn(new LogInCommand("ada", PASSWORD, OWNER));
        Actor.SignedIn ada = core.actor(first);

        assertThatThrownBy(() -> core.app.setPassword().setPassword(new SetPasswordCommand(ada, "", "another passphrase",
                OWNER))).isInstanceOfSatisfying(Invalid.class,
                e -> assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("currentPassword"));
        assertThatThrownBy(() -> core.app.setPassword().setPassword(new SetPasswordCommand(ada, "wrong password!!",
                "another passphrase", OWNER))).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> core.app.setPassword().setPassword(new SetPasswordCommand(ada, PASSWORD, "short",
                OWNER))).isInstanceOfSatisfying(Invalid.class,
                e -> assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly("newPassword"));

        core.app.setPassword().setPassword(new SetPasswordCommand(ada, PASSWORD, "another passphrase", OWNER));

        assertThat(core.actor(first).id()).as("this session stays").isEqualTo(ada.id());
        assertThatThrownBy(() -> core.actor(second)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> core.app.logIn().logIn(new LogInCommand("ada", PASSWORD, OWNER)))
                .isInstanceOf(Unauthenticated.class);
        core.app.logIn().logIn(new LogInCommand("ada", "another passphrase", OWNER));
    }

    @Test
    void aSessionFromBeforeTheCutOffIsRefusedEvenIfItsRevocationWasNeverWritten() {
        AuthResult squatter = register("squatter", "victim@example.com", ATTACKER);
        core.clock.advance(Duration.ofSeconds(5));
        // The proof was stored, then the process died before it revoked the sessions.
        User stored = core.users.findById(squatter.user().id()).orElseThrow();
        core.users.recordEmailProof(stored.proveEmail(core.clock.instant(), false).user());

        assertThatThrownBy(() -> core.app.refreshSession().refresh(new RefreshSessionCommand(squatter.refreshToken(),
                ATTACKER))).isInstanceOf(Unauthenticated.class);
        assertThat(core.sessions.listActive(squatter.user().id(), core.clock.instant())).isEmpty();
    }

    @Test
    void revocationsReachAnInstanceWhoseClockIsAheadOfTheRevokingOne() {
        MutableClock behind = MutableClock.startingAt("2026-11-22T09:00:00Z");
        var slowInstance = core.create(Set.of(), behind);
        AuthResult session = core.register("ada");
        core.app.syncRevokedSessions().syncRevokedSessions();
        core.clock.advance(Duration.ofSeconds(30));
        core.app.syncRevokedSessions().syncRevokedSessions();

        // Logged out through an instance whose clock is an hour behind: the revocation carries an old time.
        slowInstance.logOut().logOut(new dev.prompttracker.application.port.in.LogOutCommand(
                slowInstance.authenticate().authenticate(session.accessToken())));
        core.clock.advance(Duration.ofSeconds(1));
        core.app.syncRevokedSessions().syncRevokedSessions();

        assertThatThrownBy(() -> core.actor(session)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void nothingQueuedForAnEmailCarriesALinkToken() {
        register("ada", "ada@example.com", OWNER);
        subscribe("reader@example.com");
        core.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("reader@example.com", OWNER));
        var deliveries = core.emailJobs.receive(10, Duration.ofSeconds(1));
        assertThat(deliveries).extracting(d -> d.job().kind())
                .containsExactlyInAnyOrder(EmailJobKind.VERIFY_EMAIL, EmailJobKind.MAGIC_LINK);
        assertThat(deliveries).allSatisfy(d -> assertThat(d.job().parameters()).isEmpty());
        assertThat(Optional.of(core.magicLinks.stored())).hasValueSatisfying(links -> assertThat(links).isEmpty());
    }
}
