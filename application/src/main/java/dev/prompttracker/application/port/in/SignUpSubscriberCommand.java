package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.auth.Actor;

/**
 * Join the email list. Raw input; the names and the source fields are optional. Nothing an admin owns
 * (access, purchase, discount code) can be set here. {@code actor} is the caller: only the proven
 * owner of an address may bring it back after it unsubscribed.
 */
public record SignUpSubscriberCommand(String email, String firstName, String lastName, String referrer,
                                      String utmSource, String utmMedium, String utmCampaign, Actor actor,
                                      ClientInfo client) {
}
