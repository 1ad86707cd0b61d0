package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;

import java.util.Optional;

/** Accounts. Usernames are unique regardless of case; emails are unique once normalised. */
public interface UserRepository {

    /** Stores a new account; {@code Conflict} when its username or email is taken. */
    void create(User user);

    Optional<User> findById(UserId id);

    Optional<User> findByEmail(Email email);

    /** Finds by username, ignoring case. */
    Optional<User> findByUsername(Username username);

    /**
     * Stores the proof of the account's address as {@code proven} has it (proof time, password kept or
     * removed, the cut-off for earlier sessions), in one conditional write that changes the account only
     * while its address is still unproven. False when it was already proven (or the account is gone).
     */
    boolean recordEmailProof(User proven);
}
