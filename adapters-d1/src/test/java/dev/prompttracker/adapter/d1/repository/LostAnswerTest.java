package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.migration.MigrationSource;
import dev.prompttracker.adapter.d1.migration.Migrator;
import dev.prompttracker.adapter.d1.sql.D1SqlExecutor;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.port.out.CollectionRepository;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.application.port.out.SessionRepository.Refresh;
import dev.prompttracker.cloudflare.standin.CloudflareStandIn;
import dev.prompttracker.cloudflare.standin.Faults.Fault;
import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.collection.Collection;
import dev.prompttracker.domain.collection.CollectionDescription;
import dev.prompttracker.domain.collection.CollectionId;
import dev.prompttracker.domain.collection.CollectionItem;
import dev.prompttracker.domain.collection.CollectionName;
import dev.prompttracker.domain.magiclink.MagicLink;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes whose answers were lost (a registration, a refresh, a sign-in link's use, a first sign-in by
 * link, a proof by a verification link, an addition to a collection and a reorder): the retry answers them
 * as made, made once.
 */
class LostAnswerTest {
    private static final String DATABASE = "sessions";
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    @TempDir
    Path folder;
    private CloudflareStandIn standIn;
    private SqlSessionRepository sessions;
    private SqlUserRepository users;
    private SqlMagicLinkRepository links;
    private SqlPromptRepository prompts;
    private SqlCollectionRepository collections;

    @BeforeEach
    void start() {
        standIn = CloudflareStandIn.start("acc", "tok", Clock.systemUTC(), folder);
        standIn.d1().create(DATABASE);
        D1SqlExecutor d1 = new D1SqlExecutor(standIn.client(Clock.systemUTC()), DATABASE);
        new Migrator(d1).apply(MigrationSource.fromClasspath());
        sessions = new SqlSessionRepository(d1);
        users = new SqlUserRepository(d1);
        links = new SqlMagicLinkRepository(d1);
        prompts = new SqlPromptRepository(d1);
        collections = new SqlCollectionRepository(d1);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void aRegistrationAndARefreshWhoseAnswersWereLostAreAnsweredFromTheRetry() {
        User user = User.registered(UserId.random(), new Username("reader"), new Email("reader@example.com"),
                new PasswordHash("$fake$reader"), T0);
        Session session = new Session(SessionId.random(), user.id(), T0, T0, T0.plus(Duration.ofDays(1)),
                Optional.empty(), "JUnit", "127.0.0.1");
        TokenHash first = new TokenHash("ab".repeat(32));
        TokenHash second = new TokenHash("cd".repeat(32));

        standIn.faults().next("POST", "/query", Fault.answerLost());
        sessions.register(user, session, first);
        assertThat(users.findById(user.id())).contains(user);

        Instant used = T0.plusSeconds(60);
        standIn.faults().next("POST", "/query", Fault.answerLost());
        Refresh refresh = sessions.refresh(first, second, used);

        assertThat(refresh).isInstanceOfSatisfying(Refresh.Rotated.class, rotated -> {
            assertThat(rotated.user()).isEqualTo(user);
            assertThat(rotated.session().id()).isEqualTo(session.id());
            assertThat(rotated.session().lastUsedAt()).isEqualTo(used);
        });
        assertThat(sessions.refresh(first, new TokenHash("ef".repeat(32)), used.plusSeconds(1)))
                .as("retired once").isEqualTo(new Refresh.Reused(session.id(), true));
    }

    @Test
    void aFirstSignInByLinkWhoseAnswerWasLostIsAnsweredFromTheRetryMadeOnce() {
        TokenHash hash = new TokenHash("ab".repeat(32));
        Email email = new Email("reader@example.com");
        links.create(MagicLink.Issued.now(hash, email, MagicLinkPurpose.LOGIN, T0));
        Instant used = T0.plus(Duration.ofMinutes(1));
        var account = new SessionRepository.NewAccount(UserId.random(), "k2");
        Session session = new Session(SessionId.random(), account.id(), used, used, used.plus(Duration.ofDays(1)),
                Optional.empty(), "JUnit", "127.0.0.1");

        standIn.faults().next("POST", "/query", Fault.answerLost());
        var signIn = sessions.signInByLink(hash, Optional.empty(), account, session, new TokenHash("cd".repeat(32)));

        User made = User.provenByLink(account.id(), Username.forEmail(email, "k2"), email, used);
        assertThat(signIn).isEqualTo(new SessionRepository.LinkSignIn.SignedIn(made, session, true, false,
                List.of()));
        var again = new SessionRepository.NewAccount(UserId.random(), "k3");
        assertThat(sessions.signInByLink(hash, Optional.empty(), again, new Session(SessionId.random(), again.id(),
                used, used, used.plus(Duration.ofDays(1)), Optional.empty(), "JUnit", "127.0.0.1"),
                new TokenHash("ef".repeat(32)))).as("spent once").isEqualTo(new SessionRepository.LinkSignIn.Refused());
        assertThat(users.findByEmail(email)).contains(made);
    }

    /** An account registered with someone else's address, with one session. */
    private User squatter() {
        User squatter = User.registered(UserId.random(), new Username("squatter"), new Email("victim@example.com"),
                new PasswordHash("$fake$squatter"), T0);
        sessions.register(squatter, new Session(SessionId.random(), squatter.id(), T0, T0, T0.plus(Duration.ofDays(1)),
                Optional.empty(), "JUnit", "127.0.0.1"), new TokenHash("aa".repeat(32)));
        return squatter;
    }

    @Test
    void aProofWhoseAnswerWasLostIsAnsweredFromTheRetry() {
        User squatter = squatter();
        Session before = sessions.listActive(squatter.id(), T0).getFirst();
        TokenHash hash = new TokenHash("ab".repeat(32));
        links.create(MagicLink.Issued.now(hash, squatter.email(), MagicLinkPurpose.LOGIN, T0));
        Instant used = T0.plus(Duration.ofMinutes(1));
        var account = new SessionRepository.NewAccount(UserId.random(), "k2");
        Session session = new Session(SessionId.random(), account.id(), used, used, used.plus(Duration.ofDays(1)),
                Optional.empty(), "JUnit", "127.0.0.1");
        standIn.faults().next("POST", "/query", Fault.answerLost());
        var signIn = sessions.signInByLink(hash, Optional.empty(), account, session, new TokenHash("cd".repeat(32)));
        assertThat(signIn).isInstanceOfSatisfying(SessionRepository.LinkSignIn.SignedIn.class, s -> {
            assertThat(s.user()).isEqualTo(squatter.proveEmail(used, false).user());
            assertThat(s.endedEarlierSessions()).isTrue();
            assertThat(s.created()).isFalse();
            assertThat(s.ended()).containsExactly(before.id());
        });
    }

    @Test
    void aVerificationWhoseAnswerWasLostIsAnsweredFromTheRetryProvenOnce() {
        User squatter = squatter();
        Session before = sessions.listActive(squatter.id(), T0).getFirst();
        TokenHash hash = new TokenHash("cd".repeat(32));
        links.create(MagicLink.Issued.now(hash, squatter.email(), MagicLinkPurpose.VERIFY_EMAIL, T0));
        Instant used = T0.plus(Duration.ofMinutes(1));
        var opening = new SessionRepository.Opening(SessionId.random(), used, used.plus(Duration.ofDays(1)), "JUnit",
                "127.0.0.1");

        standIn.faults().next("POST", "/query", Fault.answerLost());
        var verification = sessions.verifyEmail(hash, Optional.empty(), opening, new TokenHash("ef".repeat(32)));

        User proven = squatter.proveEmail(used, false).user();
        assertThat(verification).isEqualTo(new SessionRepository.EmailVerification.Verified(proven,
                opening.of(squatter.id()), true, List.of(before.id())));
        var again = new SessionRepository.Opening(SessionId.random(), used.plusSeconds(1), used.plus(Duration.ofDays(1)),
                "JUnit", "127.0.0.1");
        assertThat(sessions.verifyEmail(hash, Optional.empty(), again, new TokenHash("12".repeat(32))))
                .as("spent once").isEqualTo(new SessionRepository.EmailVerification.Refused());
        assertThat(users.findById(squatter.id())).contains(proven);
        assertThat(sessions.revokedAfter(0, 10)).extracting(SessionRepository.RevokedSession::id)
                .as("logged once").containsExactly(before.id());
        assertThat(sessions.listActive(squatter.id(), used)).extracting(Session::id).containsExactly(opening.id());
    }

    @Test
    void anAdditionAndAReorderWhoseAnswersWereLostAreAnsweredFromTheRetry() {
        User owner = User.registered(UserId.random(), new Username("collector"), new Email("collector@example.com"),
                new PasswordHash("$fake$collector"), T0);
        users.create(owner);
        Prompt first = Fixtures.prompt(owner.id(), T0, "first", false);
        Prompt second = Fixtures.prompt(owner.id(), T0, "second", true);
        for (Prompt prompt : List.of(first, second)) {
            prompts.create(prompt, Fixtures.text(prompt));
        }
        Collection collection = Collection.create(CollectionId.random(), owner.id(), CollectionName.parse("Kept"),
                CollectionDescription.NONE, false, T0);
        collections.create(collection, Collection.MAX_PER_OWNER);
        collections.addItem(collection.id(), owner.id(), first.id(), Optional.empty(), T0.plusSeconds(1));

        standIn.faults().next("POST", "/query", Fault.answerLost());
        var added = collections.addItem(collection.id(), owner.id(), second.id(), Optional.of(0), T0.plusSeconds(2));
        assertThat(added).hasValueSatisfying(addition -> {
            assertThat(addition.added()).isTrue();
            assertThat(addition.contents().orElseThrow().items()).extracting(CollectionItem::promptId)
                    .containsExactly(second.id(), first.id());
        });

        standIn.faults().next("POST", "/query", Fault.answerLost());
        var moved = collections.reorder(collection.id(), owner.id(),
                new CollectionRepository.Reordering.Move(second.id(), 1), T0.plusSeconds(3));
        assertThat(moved.changed()).isTrue();
        assertThat(moved.contents().orElseThrow().items()).extracting(CollectionItem::promptId)
                .containsExactly(first.id(), second.id());
        assertThat(moved.contents().orElseThrow().collection().version()).as("each made once").isEqualTo(4);
    }

    @Test
    void aLinksUseWhoseAnswerWasLostIsAnsweredFromTheRetry() {
        TokenHash hash = new TokenHash("ab".repeat(32));
        links.create(MagicLink.Issued.now(hash, new Email("reader@example.com"), MagicLinkPurpose.LOGIN, T0));
        Instant used = T0.plus(Duration.ofMinutes(1));

        standIn.faults().next("POST", "/query", Fault.answerLost());
        assertThat(links.consume(hash, MagicLinkPurpose.LOGIN, used)).hasValueSatisfying(link -> {
            assertThat(link.email()).isEqualTo(new Email("reader@example.com"));
            assertThat(link.usedAt()).isEqualTo(used);
        });

        assertThat(links.consume(hash, MagicLinkPurpose.LOGIN, used.plusSeconds(1))).as("spent once").isEmpty();
    }
}
