package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryUserRepository implements UserRepository {
    private final Map<UserId, User> users = new LinkedHashMap<>();

    @Override
    public synchronized void create(User user) {
        for (User existing : users.values()) {
            if (existing.email().equals(user.email())) {
                throw new Conflict("this email is already registered");
            }
            if (existing.username().key().equals(user.username().key())) {
                throw new Conflict("this username is already taken");
            }
        }
        if (users.putIfAbsent(user.id(), user) != null) {
            throw new Conflict("this account already exists");
        }
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public synchronized Optional<User> findByEmail(Email email) {
        return users.values().stream().filter(u -> u.email().equals(email)).findFirst();
    }

    @Override
    public synchronized Optional<User> findByUsername(Username username) {
        return users.values().stream().filter(u -> u.username().key().equals(username.key())).findFirst();
    }

    /** Sets the account's password hash while it is still {@code expected} (none: no password); false if not. */
    synchronized boolean replacePasswordHash(UserId id, Optional<PasswordHash> expected, PasswordHash next, Instant now) {
        User user = users.get(id);
        if (user == null || !user.passwordHash().equals(expected)) {
            return false;
        }
        users.put(id, user.withPasswordHash(next, now));
        return true;
    }

    @Override
    public synchronized boolean recordEmailProof(User proven) {
        User current = users.get(proven.id());
        if (current == null || current.emailVerified()) {
            return false;
        }
        users.put(proven.id(), new User(current.id(), current.username(), current.email(), proven.passwordHash(),
                proven.emailVerifiedAt(), proven.sessionsValidFrom(), current.createdAt(), proven.updatedAt()));
        return true;
    }
}
