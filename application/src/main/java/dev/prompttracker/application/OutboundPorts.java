package dev.prompttracker.application;

import dev.prompttracker.application.port.out.AccessLogRepository;
import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.application.port.out.CollectionRepository;
import dev.prompttracker.application.port.out.EmailDeliveryRepository;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.application.port.out.MagicLinkRepository;
import dev.prompttracker.application.port.out.MailSender;
import dev.prompttracker.application.port.out.PasswordHasher;
import dev.prompttracker.application.port.out.ProgressRepository;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.RateLimiter;
import dev.prompttracker.application.port.out.RatingRepository;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.application.port.out.SequenceDiffer;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.application.port.out.TokenIssuer;
import dev.prompttracker.application.port.out.UserRepository;

import java.util.Objects;

/** Every outbound port the core needs, chosen by the wiring (real adapters in production, fakes in tests). */
public record OutboundPorts(UserRepository users, SessionRepository sessions, PromptRepository prompts,
                            ResponseRepository responses, BlobStore blobs, PasswordHasher passwordHasher,
                            TokenIssuer tokenIssuer, SubscriberRepository subscribers, ProgressRepository progress,
                            AccessLogRepository accessLog, MagicLinkRepository magicLinks, EmailJobQueue emailJobs,
                            MailSender mailSender, EmailDeliveryRepository emailDeliveries, RateLimiter rateLimiter,
                            SequenceDiffer differ, RatingRepository ratings, CollectionRepository collections) {
    public OutboundPorts {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(responses, "responses");
        Objects.requireNonNull(blobs, "blobs");
        Objects.requireNonNull(passwordHasher, "passwordHasher");
        Objects.requireNonNull(tokenIssuer, "tokenIssuer");
        Objects.requireNonNull(subscribers, "subscribers");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(accessLog, "accessLog");
        Objects.requireNonNull(magicLinks, "magicLinks");
        Objects.requireNonNull(emailJobs, "emailJobs");
        Objects.requireNonNull(mailSender, "mailSender");
        Objects.requireNonNull(emailDeliveries, "emailDeliveries");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
        Objects.requireNonNull(differ, "differ");
        Objects.requireNonNull(ratings, "ratings");
        Objects.requireNonNull(collections, "collections");
    }
}
