package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.user.Email;
import java.time.Instant;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public interface UserRepositoryContract {

    UserRepository users();

    @Test
    default void findsACreatedUserByIdEmailAndUsername() {
        User user = Fixtures.uniqueUser();
        users().create(user);
        assertThat(users().findById(user.id())).contains(user);
        assertThat(users().findByEmail(user.email())).contains(user);
        assertThat(users().findByUsername(user.username())).contains(user);
    }

    @Test
    default void usernamesMatchRegardlessOfCase() {
        User user = Fixtures.uniqueUser();
        users().create(user);
        assertThat(users().findByUsername(new Username(user.username().value().toUpperCase())))
                .map(User::id).contains(user.id());
    }

    @Test
    default void unknownUsersAreEmpty() {
        assertThat(users().findById(UserId.random())).isEmpty();
        assertThat(users().findByEmail(Email.parse("nobody-" + UserId.random() + "@example.com"))).isEmpty();
        assertThat(users().findByUsername(new Username("no_such_user_xyz"))).isEmpty();
    }

    @Test
    default void aTakenEmailIsAConflict() {
        User first = Fixtures.uniqueUser();
        users().create(first);
        User sameEmail = User.provenByLink(UserId.random(), new Username(first.username().value() + "x"), first.email(),
                Fixtures.T0);
        assertThatThrownBy(() -> users().create(sameEmail)).isInstanceOf(Conflict.class).hasMessageContaining("email");
    }

    @Test
    default void aTakenUsernameInAnotherCaseIsAConflict() {
        User first = Fixtures.uniqueUser();
        users().create(first);
        User sameName = User.provenByLink(UserId.random(), new Username(first.username().value().toUpperCase()),
                Email.parse("other-" + first.email().value()), Fixtures.T0);
        assertThatThrownBy(() -> users().create(sameName)).isInstanceOf(Conflict.class)
                .hasMessageContaining("username");
        assertThat(users().findByEmail(sameName.email())).isEmpty();
    }

    @Test
    default void aUserWithoutPasswordRoundTrips() {
        User user = Fixtures.uniqueUser();
        User passwordless = User.provenByLink(user.id(), user.username(), user.email(), Fixtures.T0);
        users().create(passwordless);
        assertThat(users().findById(user.id())).contains(passwordless);
    }

    @Test
    default void aRegisteredAccountStartsUnproven() {
        User user = Fixtures.uniqueUser();
        users().create(user);
        assertThat(users().findById(user.id())).hasValueSatisfying(found -> {
            assertThat(found.emailVerified()).isFalse();
            assertThat(found.sessionsValidFrom()).isEmpty();
        });
    }

    @Test
    default void recordsTheProofOfAnAddressOnce() {
        User user = Fixtures.uniqueUser();
        users().create(user);
        Instant provenAt = Fixtures.T0.plusSeconds(30);
        User proven = user.proveEmail(provenAt, false).user();

        assertThat(users().recordEmailProof(proven)).isTrue();

        User stored = users().findById(user.id()).orElseThrow();
        assertThat(stored).isEqualTo(proven);
        assertThat(stored.emailVerifiedAt()).contains(provenAt);
        assertThat(stored.passwordHash()).isEmpty();
        assertThat(stored.sessionsValidFrom()).contains(provenAt);
        // A second proof (another link, a race) changes nothing.
        User again = user.proveEmail(provenAt.plusSeconds(30), true).user();
        assertThat(users().recordEmailProof(again)).isFalse();
        assertThat(users().findById(user.id())).contains(proven);
    }

    @Test
    default void aProofFromTheOwnSessionKeepsThePassword() {
        User user = Fixtures.uniqueUser();
        users().create(user);
        User proven = user.proveEmail(Fixtures.T0.plusSeconds(30), true).user();

        assertThat(users().recordEmailProof(proven)).isTrue();

        assertThat(users().findById(user.id())).hasValueSatisfying(stored -> {
            assertThat(stored.passwordHash()).isEqualTo(user.passwordHash());
            assertThat(stored.emailVerified()).isTrue();
            assertThat(stored.sessionsValidFrom()).isEmpty();
        });
    }

    @Test
    default void theProofOfAnUnknownAccountChangesNothing() {
        User stranger = Fixtures.uniqueUser();
        assertThat(users().recordEmailProof(stranger.proveEmail(Fixtures.T0, false).user())).isFalse();
        assertThat(users().findById(stranger.id())).isEmpty();
    }
}
