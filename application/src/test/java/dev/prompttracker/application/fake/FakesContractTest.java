package dev.prompttracker.application.fake;

import dev.prompttracker.application.contract.AccessLogRepositoryContract;
import dev.prompttracker.application.contract.BlobStoreContract;
import dev.prompttracker.application.contract.CacheContract;
import dev.prompttracker.application.contract.EmailDeliveryRepositoryContract;
import dev.prompttracker.application.contract.EmailJobQueueContract;
import dev.prompttracker.application.contract.MagicLinkRepositoryContract;
import dev.prompttracker.application.contract.MailSenderContract;
import dev.prompttracker.application.contract.ProgressRepositoryContract;
import dev.prompttracker.application.contract.RateLimiterContract;
import dev.prompttracker.application.contract.SubscriberRepositoryContract;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.contract.PasswordHasherContract;
import dev.prompttracker.application.contract.PromptRepositoryContract;
import dev.prompttracker.application.contract.RatingRepositoryContract;
import dev.prompttracker.application.contract.ResponseRepositoryContract;
import dev.prompttracker.application.contract.SessionRepositoryContract;
import dev.prompttracker.application.contract.TokenIssuerContract;
import dev.prompttracker.application.contract.UserRepositoryContract;
import dev.prompttracker.application.port.out.AccessLogRepository;
import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.application.port.out.Cache;
import dev.prompttracker.application.port.out.EmailDeliveryRepository;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.application.port.out.MagicLinkRepository;
import dev.prompttracker.application.port.out.MailSender;
import dev.prompttracker.application.port.out.ProgressRepository;
import dev.prompttracker.application.port.out.RateLimiter;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.application.port.out.PasswordHasher;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.RatingRepository;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.application.port.out.TokenIssuer;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.application.contract.SequenceDifferContract;
import dev.prompttracker.application.port.out.SequenceDiffer;
import org.junit.jupiter.api.Nested;

import java.util.List;

/** The in-memory fakes pass the same contracts as the real adapters, so tests on fakes mean something. */
class FakesContractTest {

    @Nested
    class Users implements UserRepositoryContract {
        private final InMemoryUserRepository users = new InMemoryUserRepository();

        @Override
        public UserRepository users() {
            return users;
        }
    }

    @Nested
    class Sessions implements SessionRepositoryContract {
        private final InMemoryUserRepository users = new InMemoryUserRepository();
        private final InMemoryMagicLinkRepository links = new InMemoryMagicLinkRepository();
        private final InMemorySessionRepository sessions = new InMemorySessionRepository(users, links);

        @Override
        public SessionRepository sessions() {
            return sessions;
        }

        @Override
        public UserRepository users() {
            return users;
        }

        @Override
        public MagicLinkRepository links() {
            return links;
        }
    }

    @Nested
    class Prompts implements PromptRepositoryContract, ResponseRepositoryContract {
        private final InMemoryUserRepository users = new InMemoryUserRepository();
        private final InMemoryPromptRepository prompts = new InMemoryPromptRepository();
        private final InMemoryResponseRepository responses = new InMemoryResponseRepository(prompts);

        @Override
        public PromptRepository prompts() {
            return prompts;
        }

        @Override
        public ResponseRepository responses() {
            return responses;
        }

        @Override
        public UserRepository users() {
            return users;
        }
    }

    @Nested
    class Ratings implements RatingRepositoryContract {
        private final InMemoryUserRepository users = new InMemoryUserRepository();
        private final InMemoryPromptRepository prompts = new InMemoryPromptRepository();
        private final InMemoryResponseRepository responses = new InMemoryResponseRepository(prompts);
        private final InMemoryRatingRepository ratings = new InMemoryRatingRepository(prompts);

        @Override
        public RatingRepository ratings() {
            return ratings;
        }

        @Override
        public PromptRepository prompts() {
            return prompts;
        }

        @Override
        public ResponseRepository responses() {
            return responses;
        }

        @Override
        public UserRepository users() {
            return users;
        }
    }

    @Nested
    class Collections implements dev.prompttracker.application.contract.CollectionRepositoryContract {
        private final InMemoryUserRepository users = new InMemoryUserRepository();
        private final InMemoryPromptRepository prompts = new InMemoryPromptRepository();
        private final InMemoryResponseRepository responses = new InMemoryResponseRepository(prompts);
        private final InMemoryCollectionRepository collections = new InMemoryCollectionRepository(prompts);

        @Override
        public dev.prompttracker.application.port.out.CollectionRepository collections() {
            return collections;
        }

        @Override
        public PromptRepository prompts() {
            return prompts;
        }

        @Override
        public ResponseRepository responses() {
            return responses;
        }

        @Override
        public UserRepository users() {
            return users;
        }
    }

    @Nested
    class Differ implements SequenceDifferContract {
        @Override
        public SequenceDiffer differ() {
            return new InMemorySequenceDiffer();
        }
    }

    @Nested
    class Subscribers implements SubscriberRepositoryContract, EmailDeliveryRepositoryContract {
        private final InMemorySubscriberRepository subscribers = new InMemorySubscriberRepository();
        private final InMemoryEmailDeliveryRepository deliveries = new InMemoryEmailDeliveryRepository(subscribers);

        @Override
        public SubscriberRepository subscribers() {
            return subscribers;
        }

        @Override
        public EmailDeliveryRepository deliveries() {
            return deliveries;
        }
    }

    @Nested
    class Progress implements ProgressRepositoryContract {
        private final InMemoryProgressRepository progress = new InMemoryProgressRepository();

        @Override
        public ProgressRepository progress() {
            return progress;
        }
    }

    @Nested
    class AccessLog implements AccessLogRepositoryContract {
        private final InMemoryAccessLogRepository log = new InMemoryAccessLogRepository();

        @Override
        public AccessLogRepository accessLog() {
            return log;
        }
    }

    @Nested
    class MagicLinks implements MagicLinkRepositoryContract {
        private final InMemoryMagicLinkRepository links = new InMemoryMagicLinkRepository();

        @Override
        public MagicLinkRepository links() {
            return links;
        }
    }

    @Nested
    class Queue implements EmailJobQueueContract {
        private final MutableClock clock = new MutableClock(Fixtures.T0);
        private final InMemoryEmailJobQueue queue = new InMemoryEmailJobQueue(clock, MAX_ATTEMPTS);

        @Override
        public EmailJobQueue queue() {
            return queue;
        }

        @Override
        public MutableClock clock() {
            return clock;
        }
    }

    @Nested
    class Mail implements MailSenderContract {
        private final InMemoryMailSender sender = new InMemoryMailSender();

        @Override
        public MailSender sender() {
            return sender;
        }

        @Override
        public List<MailMessage> delivered() {
            return sender.sent();
        }
    }

    @Nested
    class Limiter implements RateLimiterContract {
        private final MutableClock clock = new MutableClock(Fixtures.T0);
        private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);

        @Override
        public RateLimiter limiter() {
            return limiter;
        }

        @Override
        public MutableClock clock() {
            return clock;
        }
    }

    @Nested
    class Caches implements CacheContract {
        private final MutableClock clock = new MutableClock(Fixtures.T0);
        private final InMemoryCache cache = new InMemoryCache(clock);

        @Override
        public Cache cache() {
            return cache;
        }

        @Override
        public MutableClock clock() {
            return clock;
        }
    }

    @Nested
    class Blobs implements BlobStoreContract {
        private final InMemoryBlobStore blobs = new InMemoryBlobStore();

        @Override
        public BlobStore blobs() {
            return blobs;
        }
    }

    @Nested
    class Hasher implements PasswordHasherContract {
        private final InMemoryPasswordHasher hasher = new InMemoryPasswordHasher();

        @Override
        public PasswordHasher hasher() {
            return hasher;
        }
    }

    @Nested
    class Tokens implements TokenIssuerContract {
        private final MutableClock clock = new MutableClock(Fixtures.T0);
        private final InMemoryTokenIssuer issuer = new InMemoryTokenIssuer(clock);

        @Override
        public TokenIssuer issuer() {
            return issuer;
        }

        @Override
        public MutableClock clock() {
            return clock;
        }
    }
}
