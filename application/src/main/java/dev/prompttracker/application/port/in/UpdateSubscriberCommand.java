package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

import java.util.Optional;

/** An admin's partial update; an empty discount code removes it. */
public record UpdateSubscriberCommand(Actor actor, String email, Optional<Boolean> hasAccess,
                                      Optional<Boolean> hasPurchased, Optional<String> discountCode,
                                      Optional<String> state) {
}
