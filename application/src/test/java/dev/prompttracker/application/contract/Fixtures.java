package dev.prompttracker.application.contract;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.prompt.Tags;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.domain.auth.TokenHash;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.session.Session;
import dev.prompttracker.domain.session.SessionId;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid domain objects for contract and service tests. Times are whole milliseconds, as stores keep them. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Fixtures() {
    }

    public static User user(String name) {
        return User.registered(UserId.random(), new Username(name), Email.parse(name + "@example.com"),
                new PasswordHash("$fake$" + name), T0);
    }

    public static User uniqueUser() {
        return user("user" + SEQUENCE.incrementAndGet() + "_" + ThreadLocalRandom.current().nextInt(1_000_000));
    }

    public static Prompt prompt(UserId owner, Instant at, String content, boolean isPublic, String... tags) {
        return new Prompt(PromptId.random(), owner, Title.parseOptional("Title of " + content),
                ContentPreview.of(content), BlobKey.newPromptKey(at), isPublic, Tags.parse(List.of(tags)), at, at, 1, 1);
    }

    public static Response response(PromptId prompt, Instant at, String model, String content) {
        return new Response(ResponseId.random(), prompt, new ModelName(model), ContentPreview.of(content),
                BlobKey.newResponseKey(at), true, at, at, 1, 1);
    }

    /** The searchable text of a fixture prompt's body: its preview (fixture bodies are short). */
    public static SearchText text(Prompt prompt) {
        return SearchText.ofPrompt(prompt.contentKey(), prompt.contentPreview().value());
    }

    public static SearchText text(Response response) {
        return SearchText.ofResponse(response.contentKey(), response.contentPreview().value());
    }

    public static Response store(ResponseRepository responses, Response response) {
        responses.create(response, text(response));
        return response;
    }

    /** A word no other test uses, so searches in a shared store find only this test's prompts. */
    public static String uniqueWord() {
        StringBuilder word = new StringBuilder("zz");
        long n = SEQUENCE.incrementAndGet() * 7919L + ThreadLocalRandom.current().nextLong(1L << 40);
        for (int i = 0; i < 9; i++) {
            word.append((char) ('a' + (int) (n % 26)));
            n /= 26;
        }
        return word.toString();
    }

    public static Session session(UserId user, Instant at, Duration lifetime) {
        return new Session(SessionId.random(), user, at, at, at.plus(lifetime), Optional.empty(), "JUnit/6", "127.0.0.1");
    }

    public static dev.prompttracker.domain.subscriber.Subscriber subscriber(String email, Instant at) {
        return dev.prompttracker.domain.subscriber.Subscriber.signUp(Email.parse(email),
                dev.prompttracker.domain.subscriber.PersonName.parseOptional("Ada", "firstName"), Optional.empty(),
                Optional.empty(), dev.prompttracker.domain.subscriber.SignupSource.parse("https://blog.example/post",
                        "newsletter", "email", "launch"), at);
    }

    public static String uniqueEmail() {
        return "reader" + SEQUENCE.incrementAndGet() + "_" + ThreadLocalRandom.current().nextInt(1_000_000)
                + "@example.com";
    }

    public static TokenHash randomHash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return new TokenHash(HexFormat.of().formatHex(bytes));
    }
}
