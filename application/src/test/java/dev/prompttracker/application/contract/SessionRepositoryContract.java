package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.MagicLinkRepository;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.application.port.out.SessionRepository.EmailVerification;
import dev.prompttracker.application.port.out.SessionRepository.LinkSignIn;
import dev.prompttracker.application.port.out.SessionRepository.Refresh;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.magiclink.MagicLink;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

public interface SessionRepositoryContract {
    Duration DAY = Duration.ofDays(1);

    SessionRepository sessions();

    UserRepository users();

    MagicLinkRepository links();

    private User newUser() {
        User user = Fixtures.uniqueUser();
        users().create(user);
        return user;
    }

    @Test
    default void findsASessionByIdAndByItsCurrentRefreshHash() {
        Session session = Fixtures.session(newUser().id(), Fixtures.T0, DAY);
        TokenHash hash = Fixtures.randomHash();
        sessions().create(session, hash);
        assertThat(sessions().findById(session.id())).contains(session);
        assertThat(sessions().findByCurrentRefreshHash(hash)).contains(session);
        assertThat(sessions().findByRetiredRefreshHash(hash)).isEmpty();
        assertThat(sessions().findById(SessionId.random())).isEmpty();
    }

    @Test
    default void aSignInByPasswordOpensOnlyWhileTheCheckedHashIsTheAccounts() {
        User user = newUser();
        PasswordHash checked = user.passwordHash().orElseThrow();
        Session first = Fixtures.session(user.id(), Fixtures.T0, DAY);
        assertThat(sessions().openWithPassword(first, Fixtures.randomHash(), checked, Optional.empty())).isTrue();
        assertThat(sessions().findById(first.id())).contains(first);

        PasswordHash stronger = new PasswordHash("$argon2id$v=19$m=19456,t=3,p=1$stronger");
        Session second = Fixtures.session(user.id(), Fixtures.T0.plusSeconds(1), DAY);
        assertThat(sessions().openWithPassword(second, Fixtures.randomHash(), checked, Optional.of(stronger))).isTrue();
        assertThat(users().findById(user.id()).flatMap(User::passwordHash)).contains(stronger);

        Session late = Fixtures.session(user.id(), Fixtures.T0.plusSeconds(2), DAY);
        PasswordHash another = new PasswordHash("$argon2id$v=19$m=19456,t=3,p=1$another");
        assertThat(sessions().openWithPassword(late, Fixtures.randomHash(), checked, Optional.empty()))
                .as("checked against a hash replaced since").isFalse();
        assertThat(sessions().openWithPassword(late, Fixtures.randomHash(), checked, Optional.of(another))).isFalse();
        assertThat(sessions().findById(late.id())).isEmpty();
        assertThat(users().findById(user.id()).flatMap(User::passwordHash)).contains(stronger);
    }

    @Test
    default void aNewPasswordIsSetOnlyOverTheCheckedOneFromALiveSessionAndEndsTheOthers() {
        User user = newUser();
        Session mine = Fixtures.session(user.id(), Fixtures.T0, DAY);
        Session other = Fixtures.session(user.id(), Fixtures.T0, DAY);
        sessions().create(mine, Fixtures.randomHash());
        sessions().create(other, Fixtures.randomHash());
        Instant now = Fixtures.T0.plusSeconds(60);
        PasswordHash next = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$next");

        assertThat(sessions().changePassword(user.id(), Optional.of(new PasswordHash("$argon2id$v=19$m=1,t=1,p=1$old")),
                next, mine.id(), now)).as("the password changed since it was checked").isEmpty();
        assertThat(sessions().changePassword(user.id(), Optional.empty(), next, mine.id(), now)).isEmpty();
        assertThat(users().findById(user.id())).contains(user);
        assertThat(sessions().listActive(user.id(), now)).hasSize(2);

        assertThat(sessions().changePassword(user.id(), user.passwordHash(), next, mine.id(), now))
                .contains(List.of(other.id()));
        assertThat(users().findById(user.id()).flatMap(User::passwordHash)).contains(next);
        assertThat(sessions().listActive(user.id(), now)).extracting(Session::id).containsExactly(mine.id());

        PasswordHash third = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$third");
        assertThat(sessions().changePassword(user.id(), Optional.of(next), third, other.id(), now))
                .as("from a revoked session").isEmpty();
        assertThat(users().findById(user.id()).flatMap(User::passwordHash)).contains(next);
    }

    @Test
    default void aSessionCutOffByAProofOfTheAddressCannotSetAPassword() {
        User squatter = newUser();
        Session before = Fixtures.session(squatter.id(), Fixtures.T0, DAY);
        sessions().create(before, Fixtures.randomHash());
        Instant proof = Fixtures.T0.plusSeconds(60);
        assertThat(users().recordEmailProof(squatter.proveEmail(proof, false).user())).isTrue();
        // Not revoked yet, as where the revocations have not arrived: the account's cut-off alone refuses it.
        assertThat(sessions().changePassword(squatter.id(), Optional.empty(),
                new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$squatter"), before.id(), proof.plusSeconds(1))).isEmpty();
        assertThat(users().findById(squatter.id()).flatMap(User::passwordHash)).isEmpty();
    }

    @Test
    default void registerStoresTheAccountWithItsFirstSessionOrNeither() {
        User user = Fixtures.uniqueUser();
        Session session = Fixtures.session(user.id(), Fixtures.T0, DAY);
        TokenHash hash = Fixtures.randomHash();
        sessions().register(user, session, hash);
        assertThat(users().findById(user.id())).contains(user);
        assertThat(sessions().findByCurrentRefreshHash(hash)).contains(session);

        User fresh = Fixtures.uniqueUser();
        User sameName = new User(fresh.id(), user.username(), fresh.email(), fresh.passwordHash(),
                fresh.emailVerifiedAt(), fresh.sessionsValidFrom(), fresh.createdAt(), fresh.updatedAt());
        Session other = Fixtures.session(sameName.id(), Fixtures.T0, DAY);
        TokenHash otherHash = Fixtures.randomHash();
        assertThatThrownBy(() -> sessions().register(sameName, other, otherHash)).isInstanceOf(Conflict.class)
                .hasMessage("this username is already taken");
        User sameEmail = Fixtures.uniqueUser();
        User taken = new User(sameEmail.id(), sameEmail.username(), user.email(), sameEmail.passwordHash(),
                sameEmail.emailVerifiedAt(), sameEmail.sessionsValidFrom(), sameEmail.createdAt(), sameEmail.updatedAt());
        assertThatThrownBy(() -> sessions().register(taken, other, otherHash)).isInstanceOf(Conflict.class)
                .hasMessage("this email is already registered");
        assertThat(users().findById(sameName.id())).as("neither stored").isEmpty();
        assertThat(sessions().findById(other.id())).isEmpty();
        assertThat(sessions().findByCurrentRefreshHash(otherHash)).isEmpty();
    }

    /** A sign-in link to {@code email}, issued at {@link Fixtures#T0}; the hash of its token. */
    private TokenHash linkTo(Email email, MagicLinkPurpose purpose) {
        MagicLink.Issued link = MagicLink.Issued.now(Fixtures.randomHash(), email, purpose, Fixtures.T0);
        links().create(link);
        return link.tokenHash();
    }

    /** The session a sign-in by link opens at {@code at}, in the new account's name until the store finds another. */
    private static Session opening(SessionRepository.NewAccount account, Instant at) {
        return Fixtures.session(account.id(), at, DAY);
    }

    private static Session of(Session session, User user) {
        return new Session(session.id(), user.id(), session.createdAt(), session.lastUsedAt(), session.expiresAt(),
                session.revokedAt(), session.userAgent(), session.ip());
    }

    @Test
    default void aFirstSignInByLinkMakesAProvenAccountWithoutAPasswordAndOpensItsSession() {
        Email email = Email.parse(Fixtures.uniqueEmail());
        TokenHash link = linkTo(email, MagicLinkPurpose.LOGIN);
        var account = new SessionRepository.NewAccount(UserId.random(), "k2");
        Instant now = Fixtures.T0.plusSeconds(60);
        Session session = opening(account, now);
        TokenHash refresh = Fixtures.randomHash();

        var signIn = sessions().signInByLink(link, Optional.empty(), account, session, refresh);

        User made = User.provenByLink(account.id(), Username.forEmail(email, "k2"), email, now);
        assertThat(signIn).isEqualTo(new LinkSignIn.SignedIn(made, session, true, false, List.of()));
        assertThat(users().findByEmail(email)).contains(made);
        assertThat(sessions().findByCurrentRefreshHash(refresh)).contains(session);

        var again = new SessionRepository.NewAccount(UserId.random(), "k3");
        Session second = opening(again, now.plusSeconds(1));
        assertThat(sessions().signInByLink(link, Optional.empty(), again, second, Fixtures.randomHash()))
                .as("used once").isEqualTo(new LinkSignIn.Refused());
        assertThat(users().findById(again.id())).isEmpty();
        assertThat(sessions().findById(second.id())).isEmpty();
        assertThat(links().consume(link, MagicLinkPurpose.LOGIN, now.plusSeconds(2))).isEmpty();
    }

    @Test
    default void aSignInByLinkProvesTheAccountsAddressAndEndsAPasswordSetBeforeTheProof() {
        User squatter = newUser();
        Session before = Fixtures.session(squatter.id(), Fixtures.T0, DAY);
        Session alsoBefore = Fixtures.session(squatter.id(), Fixtures.T0.plusSeconds(1), DAY);
        sessions().create(before, Fixtures.randomHash());
        sessions().create(alsoBefore, Fixtures.randomHash());
        long logged = latestSequence();
        TokenHash link = linkTo(squatter.email(), MagicLinkPurpose.LOGIN);
        var account = new SessionRepository.NewAccount(UserId.random(), "k2");
        Instant now = Fixtures.T0.plusSeconds(60);
        Session session = opening(account, now);

        var signIn = sessions().signInByLink(link, Optional.of(newUser().id()), account, session,
                Fixtures.randomHash());

        User proven = squatter.proveEmail(now, false).user();
        assertThat(proven.passwordHash()).as("the fixture").isEmpty();
        assertThat(signIn).isInstanceOfSatisfying(LinkSignIn.SignedIn.class, signedIn -> {
            assertThat(signedIn.user()).isEqualTo(proven);
            assertThat(signedIn.session()).isEqualTo(of(session, squatter));
            assertThat(signedIn.created()).isFalse();
            assertThat(signedIn.endedEarlierSessions()).isTrue();
            assertThat(signedIn.ended()).containsExactlyInAnyOrder(before.id(), alsoBefore.id());
        });
        assertThat(users().findById(squatter.id())).contains(proven);
        assertThat(users().findById(account.id())).isEmpty();
        assertThat(sessions().listActive(squatter.id(), now)).extracting(Session::id).containsExactly(session.id());
        assertThat(sessions().revokedAfter(logged, 10)).extracting(SessionRepository.RevokedSession::id,
                SessionRepository.RevokedSession::revokedAt).containsExactlyInAnyOrder(tuple(before.id(), now),
                tuple(alsoBefore.id(), now));
    }

    @Test
    default void anAnonymousProofEndsTheSquattersSessionsAndKeepsOthers() {
        User squatter = newUser();
        User bystander = newUser();
        Session before = Fixtures.session(squatter.id(), Fixtures.T0, DAY);
        Session other = Fixtures.session(bystander.id(), Fixtures.T0, DAY);
        sessions().create(before, Fixtures.randomHash());
        sessions().create(other, Fixtures.randomHash());
        TokenHash link = linkTo(squatter.email(), MagicLinkPurpose.LOGIN);
        var account = new SessionRepository.NewAccount(UserId.random(), "k2");
        Instant now = Fixtures.T0.plusSeconds(60);
        Session session = opening(account, now);
        var signIn = sessions().signInByLink(link, Optional.empty(), account, session, Fixtures.randomHash());
        User proven = squatter.proveEmail(now, false).user();
        assertThat(signIn).isEqualTo(new LinkSignIn.SignedIn(proven, of(session, squatter), false, true,
                List.of(before.id())));
        assertThat(users().findById(squatter.id())).contains(proven);
        assertThat(sessions().listActive(bystander.id(), now)).extracting(Session::id).containsExactly(other.id());
    }

    @Test
    default void aProofFromTheAccountsOwnSessionKeepsThePasswordAndAProvenAccountOnlySignsIn() {
        User owner = newUser();
        Session own = Fixtures.session(owner.id(), Fixtures.T0, DAY);
        sessions().create(own, Fixtures.randomHash());
        Instant now = Fixtures.T0.plusSeconds(60);
        var account = new SessionRepository.NewAccount(UserId.random(), "k2");
        Session session = opening(account, now);

        var signIn = sessions().signInByLink(linkTo(owner.email(), MagicLinkPurpose.LOGIN), Optional.of(owner.id()),
                account, session, Fixtures.randomHash());

        User proven = owner.proveEmail(now, true).user();
        assertThat(proven.passwordHash()).as("the fixture").isPresent();
        assertThat(signIn).isEqualTo(new LinkSignIn.SignedIn(proven, of(session, owner), false, false, List.of()));
        assertThat(sessions().listActive(owner.id(), now)).extracting(Session::id)
                .containsExactlyInAnyOrder(own.id(), session.id());

        var later = new SessionRepository.NewAccount(UserId.random(), "k3");
        Session next = opening(later, now.plusSeconds(60));
        assertThat(sessions().signInByLink(linkTo(owner.email(), MagicLinkPurpose.LOGIN), Optional.empty(), later,
                next, Fixtures.randomHash())).as("already proven: kept as it is")
                .isEqualTo(new LinkSignIn.SignedIn(proven, of(next, owner), false, false, List.of()));
        assertThat(users().findById(owner.id())).contains(proven);
    }

    @Test
    default void aLinkThatCannotBeUsedSignsNobodyIn() {
        Email email = Email.parse(Fixtures.uniqueEmail());
        TokenHash verification = linkTo(email, MagicLinkPurpose.VERIFY_EMAIL);
        TokenHash expiring = linkTo(email, MagicLinkPurpose.LOGIN);
        var account = new SessionRepository.NewAccount(UserId.random(), "k2");
        Instant expired = Fixtures.T0.plus(MagicLinkPurpose.LOGIN.lifetime());
        for (TokenHash link : List.of(verification, expiring, Fixtures.randomHash())) {
            assertThat(sessions().signInByLink(link, Optional.empty(), account, opening(account, expired),
                    Fixtures.randomHash())).isEqualTo(new LinkSignIn.Refused());
        }
        assertThat(users().findByEmail(email)).isEmpty();
        assertThat(users().findById(account.id())).isEmpty();
        assertThat(links().consume(verification, MagicLinkPurpose.VERIFY_EMAIL, expired)).as("not spent").isPresent();
    }

    @Test
    default void aTakenNameStoresNothingAndLeavesTheLinkUnused() {
        Email email = Email.parse(Fixtures.uniqueEmail());
        User holder = Fixtures.uniqueUser();
        User sameName = new User(holder.id(), Username.forEmail(email, "k2"), holder.email(), holder.passwordHash(),
                holder.emailVerifiedAt(), holder.sessionsValidFrom(), holder.createdAt(), holder.updatedAt());
        users().create(sameName);
        TokenHash link = linkTo(email, MagicLinkPurpose.LOGIN);
        var taken = new SessionRepository.NewAccount(UserId.random(), "k2");
        Session session = opening(taken, Fixtures.T0.plusSeconds(60));
        TokenHash refresh = Fixtures.randomHash();

        assertThatThrownBy(() -> sessions().signInByLink(link, Optional.empty(), taken, session, refresh))
                .isInstanceOf(Conflict.class).hasMessage("this username is already taken");
        assertThat(users().findByEmail(email)).isEmpty();
        assertThat(sessions().findById(session.id())).isEmpty();
        assertThat(sessions().findByCurrentRefreshHash(refresh)).isEmpty();

        var free = new SessionRepository.NewAccount(UserId.random(), "k3");
        assertThat(sessions().signInByLink(link, Optional.empty(), free, opening(free, Fixtures.T0.plusSeconds(61)),
                Fixtures.randomHash())).as("the link still works").isInstanceOfSatisfying(LinkSignIn.SignedIn.class,
                signedIn -> assertThat(signedIn.user().username()).isEqualTo(Username.forEmail(email, "k3")));
    }

    @Test
    default void aNewAccountIsNamedAfterTheAddressAsTheDomainRuleSays() {
        List<String> locals = List.of("zoë.ann-smith+news", "ab", "éé!", "a_very_long_local_part_beyond_24", "名前abc",
                "o'brien", "x.y", "__--..__");
        for (int i = 0; i < locals.size(); i++) {
            Email email = Email.parse(locals.get(i) + "@" + Fixtures.uniqueWord() + ".example");
            Username expected = Username.forEmail(email, "n" + i);
            var account = new SessionRepository.NewAccount(UserId.random(), "n" + i);
            var signIn = sessions().signInByLink(linkTo(email, MagicLinkPurpose.LOGIN), Optional.empty(), account,
                    opening(account, Fixtures.T0.plusSeconds(60)), Fixtures.randomHash());
            assertThat(signIn).as(email.value()).isInstanceOfSatisfying(LinkSignIn.SignedIn.class, signedIn ->
                    assertThat(signedIn.user().username()).isEqualTo(expected));
            assertThat(users().findByUsername(expected)).map(User::email).contains(email);
        }
    }

    @Test
    default void concurrentSignInsWithOneLinkHaveExactlyOneWinner() throws Exception {
        Email email = Email.parse(Fixtures.uniqueEmail());
        TokenHash link = linkTo(email, MagicLinkPurpose.LOGIN);
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<LinkSignIn>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            var account = new SessionRepository.NewAccount(UserId.random(), "r" + i);
            attempts.add(() -> {
                start.await();
                return sessions().signInByLink(link, Optional.empty(), account,
                        opening(account, Fixtures.T0.plusSeconds(1)), Fixtures.randomHash());
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            List<Future<LinkSignIn>> results = attempts.stream().map(pool::submit).toList();
            start.countDown();
            List<LinkSignIn> outcomes = new ArrayList<>();
            for (Future<LinkSignIn> result : results) {
                outcomes.add(result.get());
            }
            assertThat(outcomes).filteredOn(LinkSignIn.SignedIn.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> !(outcome instanceof LinkSignIn.SignedIn))
                    .containsOnly(new LinkSignIn.Refused());
        }
        User made = users().findByEmail(email).orElseThrow();
        assertThat(sessions().listActive(made.id(), Fixtures.T0.plusSeconds(1))).hasSize(1);
    }

    /** The session a verification opens at {@code at}, for the account the store finds. */
    private static SessionRepository.Opening opening(Instant at) {
        return new SessionRepository.Opening(SessionId.random(), at, at.plus(DAY), "JUnit/6", "127.0.0.1");
    }

    private Session startedAt(Instant at, User user) {
        Session session = Fixtures.session(user.id(), at, DAY);
        sessions().create(session, Fixtures.randomHash());
        return session;
    }

    @Test
    default void aVerificationProvesTheAddressEndsAPasswordSetBeforeTheProofAndOpensASession() {
        User squatter = newUser();
        Session before = startedAt(Fixtures.T0, squatter);
        Session alsoBefore = startedAt(Fixtures.T0.plusSeconds(1), squatter);
        Session bystanders = startedAt(Fixtures.T0, newUser());
        long logged = latestSequence();
        TokenHash link = linkTo(squatter.email(), MagicLinkPurpose.VERIFY_EMAIL);
        Instant now = Fixtures.T0.plusSeconds(60);
        var opening = opening(now);
        TokenHash refresh = Fixtures.randomHash();

        // Presented by a session of another account: not the account's own, so the password goes.
        var verification = sessions().verifyEmail(link, Optional.of(new SessionRepository.Presenter(
                bystanders.userId(), bystanders.id())), opening, refresh);

        User proven = squatter.proveEmail(now, false).user();
        assertThat(proven.passwordHash()).as("the fixture").isEmpty();
        assertThat(verification).isInstanceOfSatisfying(EmailVerification.Verified.class, verified -> {
            assertThat(verified.user()).isEqualTo(proven);
            assertThat(verified.session()).isEqualTo(opening.of(squatter.id()));
            assertThat(verified.endedEarlierSessions()).isTrue();
            assertThat(verified.ended()).containsExactlyInAnyOrder(before.id(), alsoBefore.id());
        });
        assertThat(users().findById(squatter.id())).contains(proven);
        assertThat(sessions().findByCurrentRefreshHash(refresh)).contains(opening.of(squatter.id()));
        assertThat(sessions().listActive(squatter.id(), now)).extracting(Session::id).containsExactly(opening.id());
        assertThat(sessions().findById(bystanders.id())).as("the presenter's own session stays").contains(bystanders);
        assertThat(sessions().revokedAfter(logged, 10)).extracting(SessionRepository.RevokedSession::id,
                SessionRepository.RevokedSession::revokedAt).containsExactlyInAnyOrder(tuple(before.id(), now),
                tuple(alsoBefore.id(), now));

        var again = opening(now.plusSeconds(1));
        assertThat(sessions().verifyEmail(link, Optional.empty(), again, Fixtures.randomHash())).as("used once")
                .isEqualTo(new EmailVerification.Refused());
        assertThat(sessions().findById(again.id())).isEmpty();
        assertThat(sessions().revokedAfter(logged, 10)).hasSize(2);
    }

    @Test
    default void aVerificationFromTheAccountsOwnSessionKeepsThePasswordAndReplacesOnlyThatSession() {
        User owner = newUser();
        Session own = startedAt(Fixtures.T0, owner);
        Session other = startedAt(Fixtures.T0.plusSeconds(1), owner);
        long logged = latestSequence();
        Instant now = Fixtures.T0.plusSeconds(60);
        var opening = opening(now);

        var verification = sessions().verifyEmail(linkTo(owner.email(), MagicLinkPurpose.VERIFY_EMAIL),
                Optional.of(new SessionRepository.Presenter(owner.id(), own.id())), opening, Fixtures.randomHash());

        User proven = owner.proveEmail(now, true).user();
        assertThat(proven.passwordHash()).as("the fixture").isPresent();
        assertThat(verification).isEqualTo(new EmailVerification.Verified(proven, opening.of(owner.id()), false,
                List.of()));
        assertThat(users().findById(owner.id())).contains(proven);
        assertThat(sessions().listActive(owner.id(), now)).extracting(Session::id)
                .containsExactlyInAnyOrder(other.id(), opening.id());
        assertThat(sessions().revokedAfter(logged, 10)).extracting(SessionRepository.RevokedSession::id,
                SessionRepository.RevokedSession::revokedAt).containsExactly(tuple(own.id(), now));

        // Proven already: a later link keeps the account as it is, and still replaces the presenting session.
        Instant later = now.plusSeconds(60);
        var next = opening(later);
        assertThat(sessions().verifyEmail(linkTo(owner.email(), MagicLinkPurpose.VERIFY_EMAIL),
                Optional.of(new SessionRepository.Presenter(owner.id(), other.id())), next, Fixtures.randomHash()))
                .isEqualTo(new EmailVerification.Verified(proven, next.of(owner.id()), false, List.of()));
        var anonymous = opening(later.plusSeconds(1));
        assertThat(sessions().verifyEmail(linkTo(owner.email(), MagicLinkPurpose.VERIFY_EMAIL), Optional.empty(),
                anonymous, Fixtures.randomHash())).isEqualTo(new EmailVerification.Verified(proven,
                anonymous.of(owner.id()), false, List.of()));
        assertThat(users().findById(owner.id())).contains(proven);
        assertThat(sessions().listActive(owner.id(), later.plusSeconds(1))).extracting(Session::id)
                .containsExactlyInAnyOrder(opening.id(), next.id(), anonymous.id());
    }

    @Test
    default void aVerificationProvesOnlyTheAddressTheLinkWasSentToAndEndsNoOtherAccountsSession() {
        User owner = newUser();
        User neighbour = newUser();
        Session neighbours = startedAt(Fixtures.T0, neighbour);
        Instant now = Fixtures.T0.plusSeconds(60);
        var opening = opening(now);

        // A presenter naming the owner with the neighbour's session: the neighbour's session is not the owner's.
        var verification = sessions().verifyEmail(linkTo(owner.email(), MagicLinkPurpose.VERIFY_EMAIL),
                Optional.of(new SessionRepository.Presenter(owner.id(), neighbours.id())), opening,
                Fixtures.randomHash());

        assertThat(verification).isInstanceOfSatisfying(EmailVerification.Verified.class,
                verified -> assertThat(verified.user().id()).isEqualTo(owner.id()));
        assertThat(users().findById(neighbour.id())).contains(neighbour);
        assertThat(sessions().findById(neighbours.id())).contains(neighbours);
    }

    @Test
    default void aVerificationLinkThatCannotBeUsedProvesNothing() {
        User owner = newUser();
        Session own = startedAt(Fixtures.T0, owner);
        TokenHash signIn = linkTo(owner.email(), MagicLinkPurpose.LOGIN);
        TokenHash expiring = linkTo(owner.email(), MagicLinkPurpose.VERIFY_EMAIL);
        Instant expired = Fixtures.T0.plus(MagicLinkPurpose.VERIFY_EMAIL.lifetime());
        long logged = latestSequence();
        for (TokenHash link : List.of(signIn, expiring, Fixtures.randomHash())) {
            for (Optional<SessionRepository.Presenter> presenter : List.of(Optional.<SessionRepository.Presenter>empty(),
                    Optional.of(new SessionRepository.Presenter(owner.id(), own.id())))) {
                var opening = opening(expired);
                assertThat(sessions().verifyEmail(link, presenter, opening, Fixtures.randomHash()))
                        .isEqualTo(new EmailVerification.Refused());
                assertThat(sessions().findById(opening.id())).isEmpty();
            }
        }
        assertThat(users().findById(owner.id())).contains(owner);
        assertThat(sessions().findById(own.id())).contains(own);
        assertThat(sessions().revokedAfter(logged, 10)).isEmpty();
        assertThat(links().consume(signIn, MagicLinkPurpose.LOGIN, Fixtures.T0.plusSeconds(1))).as("not spent")
                .isPresent();
    }

    @Test
    default void aVerificationLinkToAnAddressWithoutAnAccountIsUsedAndOpensNothing() {
        TokenHash link = linkTo(Email.parse(Fixtures.uniqueEmail()), MagicLinkPurpose.VERIFY_EMAIL);
        var opening = opening(Fixtures.T0.plusSeconds(60));
        TokenHash refresh = Fixtures.randomHash();

        assertThat(sessions().verifyEmail(link, Optional.empty(), opening, refresh))
                .isEqualTo(new EmailVerification.NoAccount());
        assertThat(sessions().findById(opening.id())).isEmpty();
        assertThat(sessions().findByCurrentRefreshHash(refresh)).isEmpty();
        assertThat(sessions().verifyEmail(link, Optional.empty(), opening(Fixtures.T0.plusSeconds(61)),
                Fixtures.randomHash())).as("used").isEqualTo(new EmailVerification.Refused());
    }

    @Test
    default void concurrentVerificationsWithOneLinkHaveExactlyOneWinner() throws Exception {
        User squatter = newUser();
        Session before = startedAt(Fixtures.T0, squatter);
        TokenHash link = linkTo(squatter.email(), MagicLinkPurpose.VERIFY_EMAIL);
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<EmailVerification>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            var opening = opening(Fixtures.T0.plusSeconds(1));
            attempts.add(() -> {
                start.await();
                return sessions().verifyEmail(link, Optional.empty(), opening, Fixtures.randomHash());
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            List<Future<EmailVerification>> results = attempts.stream().map(pool::submit).toList();
            start.countDown();
            List<EmailVerification> outcomes = new ArrayList<>();
            for (Future<EmailVerification> result : results) {
                outcomes.add(result.get());
            }
            assertThat(outcomes).filteredOn(EmailVerification.Verified.class::isInstance).hasSize(1)
                    .allSatisfy(won -> assertThat(((EmailVerification.Verified) won).ended())
                            .containsExactly(before.id()));
            assertThat(outcomes).filteredOn(outcome -> !(outcome instanceof EmailVerification.Verified))
                    .containsOnly(new EmailVerification.Refused());
        }
        assertThat(sessions().listActive(squatter.id(), Fixtures.T0.plusSeconds(1))).hasSize(1);
    }

    @Test
    default void refreshInstallsTheNewHashAndRetiresTheOld() {
        User user = newUser();
        Session session = Fixtures.session(user.id(), Fixtures.T0, DAY);
        TokenHash first = Fixtures.randomHash();
        TokenHash second = Fixtures.randomHash();
        sessions().create(session, first);
        Instant later = Fixtures.T0.plusSeconds(60);

        Refresh refresh = sessions().refresh(first, second, later);

        Session rotated = new Session(session.id(), session.userId(), session.createdAt(), later, session.expiresAt(),
                Optional.empty(), session.userAgent(), session.ip());
        assertThat(refresh).isEqualTo(new Refresh.Rotated(rotated, user));
        assertThat(sessions().findByCurrentRefreshHash(first)).isEmpty();
        assertThat(sessions().findByCurrentRefreshHash(second)).contains(rotated);
        assertThat(sessions().findByRetiredRefreshHash(first)).contains(session.id());
        assertThat(sessions().revokedAfter(0, 10)).isEmpty();
    }

    @Test
    default void aRetiredHashRevokesItsSessionOnce() {
        Session session = Fixtures.session(newUser().id(), Fixtures.T0, DAY);
        TokenHash first = Fixtures.randomHash();
        TokenHash second = Fixtures.randomHash();
        TokenHash third = Fixtures.randomHash();
        sessions().create(session, first);
        sessions().refresh(first, second, Fixtures.T0);

        assertThat(sessions().refresh(first, third, Fixtures.T0.plusSeconds(1)))
                .isEqualTo(new Refresh.Reused(session.id(), true));
        assertThat(sessions().refresh(first, Fixtures.randomHash(), Fixtures.T0.plusSeconds(2)))
                .as("already revoked").isEqualTo(new Refresh.Reused(session.id(), false));

        assertThat(sessions().findById(session.id()).orElseThrow().revokedAt()).contains(Fixtures.T0.plusSeconds(1));
        assertThat(sessions().revokedAfter(0, 10)).extracting(SessionRepository.RevokedSession::id)
                .containsExactly(session.id());
        assertThat(sessions().findByCurrentRefreshHash(second)).as("kept, and refused as revoked").isPresent();
        assertThat(sessions().refresh(second, Fixtures.randomHash(), Fixtures.T0.plusSeconds(3)))
                .isEqualTo(new Refresh.Refused(Optional.empty()));
        assertThat(sessions().findByCurrentRefreshHash(third)).isEmpty();
        assertThat(sessions().findByRetiredRefreshHash(third)).isEmpty();
    }

    @Test
    default void revokedExpiredOrUnknownSessionsDoNotRotate() {
        Session revoked = Fixtures.session(newUser().id(), Fixtures.T0, DAY);
        TokenHash revokedHash = Fixtures.randomHash();
        sessions().create(revoked, revokedHash);
        sessions().revoke(revoked.id(), Fixtures.T0.plusSeconds(1));
        TokenHash next = Fixtures.randomHash();
        assertThat(sessions().refresh(revokedHash, next, Fixtures.T0.plusSeconds(2)))
                .isEqualTo(new Refresh.Refused(Optional.empty()));

        Session expiring = Fixtures.session(newUser().id(), Fixtures.T0, Duration.ofMinutes(30));
        TokenHash expiringHash = Fixtures.randomHash();
        sessions().create(expiring, expiringHash);
        assertThat(sessions().refresh(expiringHash, next, Fixtures.T0.plus(DAY)))
                .isEqualTo(new Refresh.Refused(Optional.empty()));
        assertThat(sessions().findByCurrentRefreshHash(expiringHash)).isPresent();

        assertThat(sessions().refresh(Fixtures.randomHash(), next, Fixtures.T0))
                .isEqualTo(new Refresh.Refused(Optional.empty()));
        assertThat(sessions().findByCurrentRefreshHash(next)).isEmpty();
        assertThat(sessions().revokedAfter(0, 10)).extracting(SessionRepository.RevokedSession::id)
                .containsExactly(revoked.id());
    }

    @Test
    default void aSessionItsAccountNoLongerAcceptsIsRevokedInsteadOfRotated() {
        User user = newUser();
        Session before = Fixtures.session(user.id(), Fixtures.T0, DAY);
        Session after = Fixtures.session(user.id(), Fixtures.T0.plusSeconds(20), DAY);
        TokenHash beforeHash = Fixtures.randomHash();
        TokenHash afterHash = Fixtures.randomHash();
        sessions().create(before, beforeHash);
        sessions().create(after, afterHash);
        User proven = user.proveEmail(Fixtures.T0.plusSeconds(10), false).user();
        assertThat(proven.acceptsSessionCreatedAt(before.createdAt())).as("the fixture").isFalse();
        assertThat(users().recordEmailProof(proven)).isTrue();

        TokenHash next = Fixtures.randomHash();
        assertThat(sessions().refresh(beforeHash, next, Fixtures.T0.plusSeconds(30)))
                .isEqualTo(new Refresh.Refused(Optional.of(before.id())));
        assertThat(sessions().findById(before.id()).orElseThrow().revokedAt()).contains(Fixtures.T0.plusSeconds(30));
        assertThat(sessions().findByCurrentRefreshHash(next)).isEmpty();
        assertThat(sessions().refresh(beforeHash, next, Fixtures.T0.plusSeconds(31)))
                .as("revoked before").isEqualTo(new Refresh.Refused(Optional.empty()));
        assertThat(sessions().refresh(afterHash, next, Fixtures.T0.plusSeconds(32)))
                .isInstanceOf(Refresh.Rotated.class);
        assertThat(sessions().revokedAfter(0, 10)).extracting(SessionRepository.RevokedSession::id)
                .containsExactly(before.id());
    }

    @Test
    default void concurrentRefreshesOfOneHashHaveExactlyOneWinner() throws Exception {
        Session session = Fixtures.session(newUser().id(), Fixtures.T0, DAY);
        TokenHash first = Fixtures.randomHash();
        sessions().create(session, first);
        int contenders = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Refresh>> attempts = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            attempts.add(() -> {
                start.await();
                return sessions().refresh(first, Fixtures.randomHash(), Fixtures.T0.plusSeconds(1));
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(contenders)) {
            List<Future<Refresh>> results = attempts.stream().map(pool::submit).toList();
            start.countDown();
            List<Refresh> outcomes = new ArrayList<>();
            for (Future<Refresh> result : results) {
                outcomes.add(result.get());
            }
            assertThat(outcomes).filteredOn(Refresh.Rotated.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> !(outcome instanceof Refresh.Rotated))
                    .as("the losers saw a retired hash").allMatch(outcome -> outcome instanceof Refresh.Reused reused
                            && reused.session().equals(session.id()));
        }
        assertThat(sessions().findById(session.id()).orElseThrow().revokedAt()).isPresent();
    }

    @Test
    default void revokeSucceedsOnceAndEndsTheSession() {
        Session session = Fixtures.session(newUser().id(), Fixtures.T0, DAY);
        sessions().create(session, Fixtures.randomHash());
        Instant at = Fixtures.T0.plusSeconds(30);
        assertThat(sessions().revoke(session.id(), at)).isTrue();
        assertThat(sessions().revoke(session.id(), at.plusSeconds(1))).isFalse();
        assertThat(sessions().revoke(SessionId.random(), at)).isFalse();
        assertThat(sessions().findById(session.id()).orElseThrow().revokedAt()).contains(at);
    }

    @Test
    default void listsOnlyTheUsersActiveSessionsNewestFirst() {
        User user = newUser();
        Session old = Fixtures.session(user.id(), Fixtures.T0, DAY);
        Session newer = Fixtures.session(user.id(), Fixtures.T0.plusSeconds(10), DAY);
        Session revoked = Fixtures.session(user.id(), Fixtures.T0.plusSeconds(20), DAY);
        Session expired = Fixtures.session(user.id(), Fixtures.T0.minus(Duration.ofDays(3)), DAY);
        Session someoneElses = Fixtures.session(newUser().id(), Fixtures.T0, DAY);
        for (Session s : List.of(old, newer, revoked, expired, someoneElses)) {
            sessions().create(s, Fixtures.randomHash());
        }
        sessions().revoke(revoked.id(), Fixtures.T0.plusSeconds(30));

        assertThat(sessions().listActive(user.id(), Fixtures.T0.plusSeconds(60)))
                .extracting(Session::id).containsExactly(newer.id(), old.id());
    }

    @Test
    default void reportsSessionsRevokedSinceAnInstant() {
        Session early = Fixtures.session(newUser().id(), Fixtures.T0, DAY);
        Session late = Fixtures.session(newUser().id(), Fixtures.T0, DAY);
        sessions().create(early, Fixtures.randomHash());
        sessions().create(late, Fixtures.randomHash());
        Instant far = Fixtures.T0.plus(Duration.ofDays(400));
        sessions().revoke(early.id(), far.minusSeconds(100));
        sessions().revoke(late.id(), far.plusSeconds(100));

        assertThat(sessions().revokedSince(far)).extracting(SessionRepository.RevokedSession::id,
                SessionRepository.RevokedSession::revokedAt).containsExactly(tuple(late.id(), far.plusSeconds(100)));
    }

    @Test
    default void theRevocationLogIsReadInCommitOrderWhateverTheClocksSay() {
        Session first = Fixtures.session(newUser().id(), Fixtures.T0, DAY);
        Session second = Fixtures.session(newUser().id(), Fixtures.T0, DAY);
        Session third = Fixtures.session(newUser().id(), Fixtures.T0, DAY);
        sessions().create(first, Fixtures.randomHash());
        sessions().create(second, Fixtures.randomHash());
        sessions().create(third, Fixtures.randomHash());
        long before = latestSequence();
        // Revoked in this order by instances whose clocks disagree: the later revocations carry earlier times.
        Instant far = Fixtures.T0.plus(Duration.ofDays(500));
        sessions().revoke(first.id(), far);
        sessions().revoke(second.id(), far.minusSeconds(3600));
        sessions().revoke(third.id(), far.minusSeconds(7200));

        List<SessionRepository.RevokedSession> log = sessions().revokedAfter(before, 100);

        assertThat(log).extracting(SessionRepository.RevokedSession::id)
                .containsExactly(first.id(), second.id(), third.id());
        assertThat(log).extracting(SessionRepository.RevokedSession::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(sessions().revokedAfter(log.get(0).sequence(), 100)).extracting(SessionRepository.RevokedSession::id)
                .containsExactly(second.id(), third.id());
        assertThat(sessions().revokedAfter(before, 2)).hasSize(2);
        assertThat(sessions().revokedAfter(log.get(2).sequence(), 100)).isEmpty();
        // Revoking again logs nothing new.
        assertThat(sessions().revoke(first.id(), far.plusSeconds(1))).isFalse();
        assertThat(sessions().revokedAfter(log.get(2).sequence(), 100)).isEmpty();
    }

    @Test
    default void revokesEverySessionOfAUserButTheOneKept() {
        User user = newUser();
        User other = newUser();
        Session kept = Fixtures.session(user.id(), Fixtures.T0, DAY);
        Session ended = Fixtures.session(user.id(), Fixtures.T0.plusSeconds(1), DAY);
        Session alsoEnded = Fixtures.session(user.id(), Fixtures.T0.plusSeconds(2), DAY);
        Session alreadyRevoked = Fixtures.session(user.id(), Fixtures.T0.plusSeconds(3), DAY);
        Session someoneElses = Fixtures.session(other.id(), Fixtures.T0, DAY);
        for (Session session : List.of(kept, ended, alsoEnded, alreadyRevoked, someoneElses)) {
            sessions().create(session, Fixtures.randomHash());
        }
        sessions().revoke(alreadyRevoked.id(), Fixtures.T0.plusSeconds(10));
        long before = latestSequence();
        Instant now = Fixtures.T0.plusSeconds(60);

        assertThat(sessions().revokeAllOf(user.id(), Optional.of(kept.id()), now))
                .containsExactlyInAnyOrder(ended.id(), alsoEnded.id());

        assertThat(sessions().listActive(user.id(), now)).extracting(Session::id).containsExactly(kept.id());
        assertThat(sessions().listActive(other.id(), now)).extracting(Session::id).containsExactly(someoneElses.id());
        assertThat(sessions().revokedAfter(before, 100)).extracting(SessionRepository.RevokedSession::id)
                .containsExactlyInAnyOrder(ended.id(), alsoEnded.id());
        assertThat(sessions().revokeAllOf(user.id(), Optional.empty(), now.plusSeconds(1))).containsExactly(kept.id());
        assertThat(sessions().revokeAllOf(user.id(), Optional.empty(), now.plusSeconds(2))).isEmpty();
    }

    /** The sequence of the newest revocation so far (0 for none). */
    private long latestSequence() {
        long latest = 0;
        List<SessionRepository.RevokedSession> page;
        do {
            page = sessions().revokedAfter(latest, 1000);
            for (SessionRepository.RevokedSession revoked : page) {
                latest = Math.max(latest, revoked.sequence());
            }
        } while (!page.isEmpty());
        return latest;
    }
}
