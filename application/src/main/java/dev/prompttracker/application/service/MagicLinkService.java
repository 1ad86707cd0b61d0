package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.AuthResult;
import dev.prompttracker.application.port.in.PurgeExpiredMagicLinksUseCase;
import dev.prompttracker.application.port.in.RequestMagicLinkCommand;
import dev.prompttracker.application.port.in.RequestMagicLinkUseCase;
import dev.prompttracker.application.port.in.VerifyMagicLinkCommand;
import dev.prompttracker.application.port.in.VerifyMagicLinkUseCase;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.application.port.out.MagicLinkRepository;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.EmailJobKind;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Passwordless sign-in by email. Requesting a link does the same work for every address — check the
 * limits, queue a job — and answers the same; whether the address is known, and the link itself, are
 * the email worker's business ({@link LinkMail}), so neither the answer nor its timing tells anyone
 * which addresses have accounts. Using a link is one atomic, single-use, purpose-bound write, one call
 * to the store, which proves the address and opens the session.
 */
final class MagicLinkService implements RequestMagicLinkUseCase, VerifyMagicLinkUseCase, PurgeExpiredMagicLinksUseCase {
    private static final String INVALID_LINK = "this sign-in link is invalid, used or expired";
    /** Expired links are kept a day for investigation, then purged. */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);
    /** Names tried for a first sign-in's account before giving up. */
    private static final int NAME_ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MagicLinkRepository links;
    private final EmailJobQueue emailJobs;
    private final AuthService auth;
    private final Quotas quotas;
    private final Clock clock;

    MagicLinkService(MagicLinkRepository links, EmailJobQueue emailJobs, AuthService auth, Quotas quotas, Clock clock) {
        this.links = links;
        this.emailJobs = emailJobs;
        this.auth = auth;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public void requestMagicLink(RequestMagicLinkCommand command) {
        Email email = Email.parse(command.email());
        quotas.magicLink(command.client(), email);
        emailJobs.enqueue(EmailJob.create(EmailJobKind.MAGIC_LINK, email, Map.of(), clock.instant()));
    }

    @Override
    public AuthResult verifyMagicLink(VerifyMagicLinkCommand command) {
        quotas.verifyMagicLink(command.client());
        if (!auth.secretTokens().isGenuine(command.token())) {
            throw new Unauthenticated(INVALID_LINK);
        }
        Instant now = clock.instant();
        TokenHash link = OpaqueTokens.hash(command.token());
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            // A subscriber's first sign-in makes an account without a password, named after the address.
            SessionRepository.NewAccount account = new SessionRepository.NewAccount(UserId.random(), nameSuffix());
            try {
                return auth.signInByLink(link, command.actor(), account, command.client(), now)
                        .orElseThrow(() -> new Unauthenticated(INVALID_LINK));
            } catch (Conflict taken) {
                // The new account's name was taken: nothing was stored and the link is still unused.
            }
        }
        throw new Conflict("could not choose a username; try again");
    }

    @Override
    public int purgeExpiredMagicLinks() {
        return links.deleteExpiredBefore(clock.instant().minus(KEEP_EXPIRED));
    }

    /** What tells apart the accounts named after the same address part ({@link Username#forEmail}). */
    private static String nameSuffix() {
        return Integer.toString(RANDOM.nextInt(36 * 36 * 36 * 36), 36);
    }
}
