package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.Role;
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
        User sameEmail = new User(UserId.random(), new Username(first.username().value() + "x"), first.email(),
                Optional.empty(), Role.USER, Fixtures.T0, Fixtures.T0);
        assertThatThrownBy(() -> users().create(sameEmail)).isInstanceOf(Conflict.class).hasMessageContaining("email");
    }

    @Test
    default void aTakenUsernameInAnotherCaseIsAConflict() {
        User first = Fixtures.uniqueUser();
        users().create(first);
        User sameName = new User(UserId.random(), new Username(first.username().value().toUpperCase()),
                Email.parse("other-" + first.email().value()), Optional.empty(), Role.USER, Fixtures.T0, Fixtures.T0);
        assertThatThrownBy(() -> users().create(sameName)).isInstanceOf(Conflict.class)
                .hasMessageContaining("username");
        assertThat(users().findByEmail(sameName.email())).isEmpty();
    }

    @Test
    default void aUserWithoutPasswordRoundTrips() {
        User user = Fixtures.uniqueUser();
        User passwordless = new User(user.id(), user.username(), user.email(), Optional.empty(), Role.ADMIN,
                Fixtures.T0, Fixtures.T0);
        users().create(passwordless);
        assertThat(users().findById(user.id())).contains(passwordless);
    }

    @Test
    default void replacesThePasswordHash() {
        User user = Fixtures.uniqueUser();
        users().create(user);
        PasswordHash stronger = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$new");
        users().updatePasswordHash(user.id(), stronger, Fixtures.T0.plusSeconds(5));
        User updated = users().findById(user.id()).orElseThrow();
        assertThat(updated.passwordHash()).contains(stronger);
        assertThat(updated.updatedAt()).isEqualTo(Fixtures.T0.plusSeconds(5));
    }
}
