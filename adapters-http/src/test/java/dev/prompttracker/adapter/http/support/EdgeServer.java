package dev.prompttracker.adapter.http.support;

import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import dev.prompttracker.adapter.http.EdgeSettings;
import dev.prompttracker.adapter.http.HttpEdge;
import dev.prompttracker.adapter.security.NimbusTokenIssuer;
import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.ContentSettings;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.fake.InMemoryAccessLogRepository;
import dev.prompttracker.application.fake.InMemoryEmailDeliveryRepository;
import dev.prompttracker.application.fake.InMemoryEmailJobQueue;
import dev.prompttracker.application.fake.InMemoryMagicLinkRepository;
import dev.prompttracker.application.fake.InMemoryMailSender;
import dev.prompttracker.application.fake.InMemoryProgressRepository;
import dev.prompttracker.application.fake.InMemoryRateLimiter;
import dev.prompttracker.application.fake.InMemorySubscriberRepository;
import dev.prompttracker.application.OutboundPorts;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.application.port.out.MagicLinkRepository;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.application.fake.InMemoryPasswordHasher;
import dev.prompttracker.application.fake.InMemoryPromptRepository;
import dev.prompttracker.application.fake.InMemoryResponseRepository;
import dev.prompttracker.application.fake.InMemorySessionRepository;
import dev.prompttracker.application.fake.InMemoryUserRepository;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.application.service.CoreWiring;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.proto.v1.AuthResult;
import dev.prompttracker.proto.v1.RegisterRequest;
import dev.prompttracker.proto.v1.VerifyEmailRequest;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real edge (as {@code bootstrap} builds it) on an ephemeral loopback port, over the core wired
 * to in-memory fakes and the real JWT issuer. The clock is the tests' own.
 */
public final class EdgeServer extends ServerExtension {
    public static final String ISSUER = "prompt-tracker-test";
    public static final String AUDIENCE = "prompt-tracker-api";
    public static final String ALLOWED_ORIGIN = "https://app.example";
    public static final String ADMIN_EMAIL = "boss@example.com";
    public static final String FRONTEND_URL = "https://app.example";
    private static final AtomicInteger USERS = new AtomicInteger();

    public final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    public final byte[] secret = new byte[32];
    public final BreakableBlobStore blobs = new BreakableBlobStore();
    public final InMemoryPasswordHasher hasher = new InMemoryPasswordHasher();
    public final InMemoryPromptRepository prompts = new InMemoryPromptRepository();
    public final InMemorySubscriberRepository subscribers = new InMemorySubscriberRepository();
    public final InMemoryEmailJobQueue emailJobs = new InMemoryEmailJobQueue(clock, 3);
    public final InMemoryMailSender mail = new InMemoryMailSender();
    public final InMemoryMagicLinkRepository magicLinks = new InMemoryMagicLinkRepository();
    /** Makes the account, subscriber and link stores unreachable. */
    public final Outage storeOutage = new Outage();
    /** Makes the email queue unreachable. */
    public final Outage queueOutage = new Outage();
    public final ApplicationServices app;
    private EdgeSettings settings;
    /** The fast route layer is on unless the build runs the suite without it ({@code -Dedge.fastPaths=false}). */
    public static final boolean FAST_PATHS = Boolean.parseBoolean(System.getProperty("edge.fastPaths", "true"));

    public EdgeServer() {
        this(RateLimits.generous());
    }

    public EdgeServer(RateLimits limits) {
        this(new EdgeSettings(List.of(ALLOWED_ORIGIN, "http://localhost:5173"), 64 * 1024, Duration.ofSeconds(10), true),
                limits);
    }

    public EdgeServer(EdgeSettings settings, RateLimits limits) {
        this.settings = settings.withFastPaths(FAST_PATHS);
        new SecureRandom().nextBytes(secret);
        NimbusTokenIssuer tokens = new NimbusTokenIssuer(secret, ISSUER, AUDIENCE,
                AuthSettings.MAX_ACCESS_TOKEN_TTL, clock);
        InMemoryUserRepository users = new InMemoryUserRepository();
        this.app = CoreWiring.create(new OutboundPorts(
                        storeOutage.around(UserRepository.class, users),
                        new InMemorySessionRepository(users, magicLinks), prompts, new InMemoryResponseRepository(prompts), blobs,
                        hasher, tokens, storeOutage.around(SubscriberRepository.class, subscribers),
                        new InMemoryProgressRepository(), new InMemoryAccessLogRepository(),
                        storeOutage.around(MagicLinkRepository.class, magicLinks),
                        queueOutage.around(EmailJobQueue.class, emailJobs), mail,
                        new InMemoryEmailDeliveryRepository(subscribers), new InMemoryRateLimiter(clock),
                        new dev.prompttracker.application.fake.InMemorySequenceDiffer(),
                        new dev.prompttracker.application.fake.InMemoryRatingRepository(prompts),
                        new dev.prompttracker.application.fake.InMemoryCollectionRepository(prompts)),
                AuthSettings.defaults(Set.of(Email.parse(ADMIN_EMAIL))),
                ContentSettings.defaults(URI.create(FRONTEND_URL)), limits, clock);
    }

    private java.util.Optional<dev.prompttracker.adapter.http.web.WebApp> web = java.util.Optional.empty();

    /** Serves this browser app too (the {@code web} module is not on this module's classpath). */
    public EdgeServer withWebApp(dev.prompttracker.adapter.http.web.WebApp webApp) {
        this.web = java.util.Optional.of(webApp);
        return this;
    }

    @Override
    protected void configure(ServerBuilder sb) {
        HttpEdge.configure(sb, app, settings, web);
    }

    /** This server with the fast route layer on or off, whatever the build chose. */
    public EdgeServer fastPaths(boolean on) {
        settings = settings.withFastPaths(on);
        return this;
    }

    /** A second server over this one's core (same stores, clock and tokens), its fast route layer on or off. */
    public ServerExtension twin(boolean fastPaths) {
        EdgeSettings twinSettings = settings.withFastPaths(fastPaths);
        return new ServerExtension() {
            @Override
            protected void configure(ServerBuilder sb) {
                HttpEdge.configure(sb, app, twinSettings, web);
            }
        };
    }

    public RestTransport rest() {
        return new RestTransport(blockingWebClient());
    }

    public GrpcTransport grpc() {
        return new GrpcTransport(httpUri());
    }

    public Stream<Transport> transports() {
        return Stream.of(rest(), grpc());
    }

    /** Both transports, sending {@code extraHeaders} with every call (as a proxy in front would). */
    public Stream<Transport> transports(HttpHeaders extraHeaders) {
        return Stream.of(new RestTransport(blockingWebClient(client -> client.addHeaders(extraHeaders))),
                new GrpcTransport(httpUri(), extraHeaders));
    }

    /** Registers a new, unique account over the given transport and returns its tokens (its address unproven). */
    public AuthResult newUser(Transport transport) {
        String name = "user" + USERS.incrementAndGet() + "_" + Long.toString(System.nanoTime() % 100_000, 36);
        return transport.call(Rpcs.REGISTER, null, RegisterRequest.newBuilder()
                .setUsername(name).setEmail(name + "@example.com").setPassword("correct horse battery").build()).ok();
    }

    /** Proves the address of a registered account with the emailed link, from its own session; the new tokens. */
    public AuthResult verified(Transport transport, AuthResult registered) {
        String token = mailedToken(registered.getUser().getEmail(), "verify-email");
        return transport.call(Rpcs.VERIFY_EMAIL, registered.getAccessToken(),
                VerifyEmailRequest.newBuilder().setToken(token).build()).ok();
    }

    /** Runs the email worker and returns the token of the newest {@code /auth/<path>?token=} link mailed to {@code email}. */
    public String mailedToken(String email, String path) {
        app.deliverEmails().deliverPending(100);
        Pattern link = Pattern.compile(Pattern.quote(FRONTEND_URL) + "/auth/" + Pattern.quote(path)
                + "\\?token=([A-Za-z0-9_-]+)");
        List<MailMessage> sent = mail.sent();
        for (int i = sent.size() - 1; i >= 0; i--) {
            Matcher matcher = link.matcher(sent.get(i).textBody());
            if (sent.get(i).to().value().equals(email) && matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no /auth/" + path + " link was mailed to " + email);
    }
}
