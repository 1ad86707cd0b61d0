package dev.prompttracker.application.service;

import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.OutboundPorts;
import dev.prompttracker.application.fake.InMemoryBlobStore;
import dev.prompttracker.application.fake.InMemoryPasswordHasher;
import dev.prompttracker.application.fake.InMemoryPromptRepository;
import dev.prompttracker.application.fake.InMemoryResponseRepository;
import dev.prompttracker.application.fake.InMemorySessionRepository;
import dev.prompttracker.application.fake.InMemoryTokenIssuer;
import dev.prompttracker.application.fake.InMemoryUserRepository;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.in.AuthResult;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.RegisterUserCommand;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.user.Email;

import java.util.Set;

/** The real services over in-memory fakes and a hand-moved clock. */
final class CoreFixture {
    final MutableClock clock = MutableClock.startingAt("2026-11-22T10:00:00Z");
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final InMemorySessionRepository sessions = new InMemorySessionRepository();
    final InMemoryPromptRepository prompts = new InMemoryPromptRepository();
    final InMemoryResponseRepository responses = new InMemoryResponseRepository(prompts);
    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final InMemoryPasswordHasher hasher = new InMemoryPasswordHasher();
    final InMemoryTokenIssuer tokens = new InMemoryTokenIssuer(clock);
    final ApplicationServices app;

    CoreFixture() {
        this.app = create();
    }

    /** Another instance of the service over the same stores, as a second server would be. */
    ApplicationServices create() {
        return ApplicationServices.create(new OutboundPorts(users, sessions, prompts, responses, blobs, hasher, tokens),
                AuthSettings.defaults(Set.of(Email.parse("admin@example.com"))), clock);
    }

    AuthResult register(String name) {
        return app.registerUser().register(new RegisterUserCommand(name, name + "@example.com",
                "correct horse battery", new ClientInfo("JUnit", "127.0.0.1")));
    }

    Actor.SignedIn actor(AuthResult result) {
        return app.authenticate().authenticate(result.accessToken());
    }
}
