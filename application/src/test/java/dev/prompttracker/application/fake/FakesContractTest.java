package dev.prompttracker.application.fake;

import dev.prompttracker.application.contract.BlobStoreContract;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.contract.PasswordHasherContract;
import dev.prompttracker.application.contract.PromptRepositoryContract;
import dev.prompttracker.application.contract.ResponseRepositoryContract;
import dev.prompttracker.application.contract.SessionRepositoryContract;
import dev.prompttracker.application.contract.TokenIssuerContract;
import dev.prompttracker.application.contract.UserRepositoryContract;
import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.application.port.out.PasswordHasher;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.application.port.out.TokenIssuer;
import dev.prompttracker.application.port.out.UserRepository;
import org.junit.jupiter.api.Nested;

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
        private final InMemorySessionRepository sessions = new InMemorySessionRepository();

        @Override
        public SessionRepository sessions() {
            return sessions;
        }

        @Override
        public UserRepository users() {
            return users;
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
