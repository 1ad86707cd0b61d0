package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.user.Email;

public interface SignUpSubscriberUseCase {
    /**
     * Subscribes the address, or does nothing when it is already subscribed (an unsubscribed one is
     * reactivated). The answer is the same either way, so it reveals nothing about who is on the list.
     */
    Email signUp(SignUpSubscriberCommand command);
}
