package dev.prompttracker.application.service;

import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.OutboundPorts;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.in.SetPasswordCommand;
import dev.prompttracker.application.port.in.LogInCommand;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.RestorePromptVersionCommand;
import dev.prompttracker.application.port.in.AddResponseCommand;
import dev.prompttracker.application.port.in.AddPromptToCollectionCommand;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.CreateCollectionCommand;
import dev.prompttracker.application.port.in.CreatePromptCommand;
import dev.prompttracker.application.port.in.DeleteCollectionCommand;
import dev.prompttracker.application.port.in.DeletePromptCommand;
import dev.prompttracker.application.port.in.DeleteResponseCommand;
import dev.prompttracker.application.port.in.DiffPromptVersionsQuery;
import dev.prompttracker.application.port.in.DiffResponsesQuery;
import dev.prompttracker.application.port.in.GetLeaderboardQuery;
import dev.prompttracker.application.port.in.GetPromptRatingsQuery;
import dev.prompttracker.application.port.in.GetPromptVersionQuery;
import dev.prompttracker.application.port.in.ListPromptCollectionsQuery;
import dev.prompttracker.application.port.in.ListPromptVersionsQuery;
import dev.prompttracker.application.port.in.ListResponsesQuery;
import dev.prompttracker.application.port.in.PreferResponseCommand;
import dev.prompttracker.application.port.in.RankResponsesCommand;
import dev.prompttracker.application.port.in.RateResponseCommand;
import dev.prompttracker.application.port.in.RecordProgressCommand;
import dev.prompttracker.application.port.in.RemovePromptFromCollectionCommand;
import dev.prompttracker.application.port.in.ReorderCollectionCommand;
import dev.prompttracker.application.port.in.RefreshSessionCommand;
import dev.prompttracker.application.port.in.RegisterUserCommand;
import dev.prompttracker.application.port.in.RequestMagicLinkCommand;
import dev.prompttracker.application.port.in.SendVerificationEmailCommand;
import dev.prompttracker.application.port.in.SignUpSubscriberCommand;
import dev.prompttracker.application.port.in.UpdateCollectionCommand;
import dev.prompttracker.application.port.in.UpdatePromptCommand;
import dev.prompttracker.application.port.in.UpdateResponseCommand;
import dev.prompttracker.application.port.in.VerifyEmailCommand;
import dev.prompttracker.application.port.in.VerifyMagicLinkCommand;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.application.port.in.AuthResult;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a request costs the metadata store, counted in calls to its ports: each method of a repository is
 * one call to the store (one D1 round trip in Cloudflare mode), so these are the figures the API budget
 * divides. The checks of a write go with it in the same call, and reads of a prompt with its responses
 * are one call.
 */
class StoreCallsTest {
    private final CoreFixture core = new CoreFixture();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final ApplicationServices app = CoreWiring.create(counted(core.ports()),
            AuthSettings.defaults(Set.of(Email.parse("admin@example.com"))), core.content, RateLimits.generous(),
            core.clock);
    private final Actor.SignedIn ada = core.actor(core.registerVerified("ada"));

    private <T> T counting(Class<T> port, T target) {
        return port.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {port},
                (proxy, method, args) -> {
                    calls.add(port.getSimpleName() + "." + method.getName());
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    /** The fixture's ports, with every call to the metadata store's repositories counted. */
    private OutboundPorts counted(OutboundPorts p) {
        return new OutboundPorts(counting(dev.prompttracker.application.port.out.UserRepository.class, p.users()),
                counting(dev.prompttracker.application.port.out.SessionRepository.class, p.sessions()),
                counting(dev.prompttracker.application.port.out.PromptRepository.class, p.prompts()),
                counting(dev.prompttracker.application.port.out.ResponseRepository.class, p.responses()),
                p.blobs(), p.passwordHasher(), p.tokenIssuer(),
                counting(dev.prompttracker.application.port.out.SubscriberRepository.class, p.subscribers()),
                counting(dev.prompttracker.application.port.out.ProgressRepository.class, p.progress()),
                counting(dev.prompttracker.application.port.out.AccessLogRepository.class, p.accessLog()),
                counting(dev.prompttracker.application.port.out.MagicLinkRepository.class, p.magicLinks()),
                p.emailJobs(), p.mailSender(),
                counting(dev.prompttracker.application.port.out.EmailDeliveryRepository.class, p.emailDeliveries()),
                p.rateLimiter(), p.differ(),
                counting(dev.prompttracker.application.port.out.RatingRepository.class, p.ratings()),
                counting(dev.prompttracker.application.port.out.CollectionRepository.class, p.collections()));
    }

    /** The store calls {@code request} made, by port and method. */
    private List<String> callsOf(Runnable request) {
        calls.clear();
        request.run();
        return List.copyOf(calls);
    }

    private String prompt(Actor.SignedIn owner, boolean isPublic) {
        return app.createPrompt().createPrompt(new CreatePromptCommand(owner, "", "question", isPublic, List.of()))
                .prompt().id().value();
    }

    private String respond(String promptId, String model) {
        return app.addResponse().addResponse(new AddResponseCommand(ada, promptId, model, "answer by " + model,
                Optional.empty())).response().id().value();
    }

    @Test
    void aSignInByPasswordAndAPasswordChangeAreTwoCallsEach() {
        ClientInfo client = new ClientInfo("JUnit", "127.0.0.1");
        assertThat(callsOf(() -> app.logIn().logIn(new LogInCommand("ada", "correct horse battery", client))))
                .containsExactly("UserRepository.findByUsername", "SessionRepository.openWithPassword");
        assertThat(callsOf(() -> app.setPassword().setPassword(new SetPasswordCommand(ada, "correct horse battery",
                "a new horse battery", client))))
                .containsExactly("UserRepository.findById", "SessionRepository.changePassword");
    }

    @Test
    void addingAResponseIsOneCallAndSoIsItsRefusal() {
        String id = prompt(ada, true);
        assertThat(callsOf(() -> respond(id, "a"))).containsExactly("ResponseRepository.addIfAllowed");
        Actor.SignedIn bob = core.actor(core.register("bob"));
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.addResponse().addResponse(new AddResponseCommand(bob,
                id, "m", "x", Optional.empty()))).isInstanceOf(Forbidden.class)))
                .containsExactly("ResponseRepository.addIfAllowed");
        for (int i = 1; i < ResponseService.MAX_RESPONSES_PER_PROMPT; i++) {
            respond(id, "m" + i);
        }
        assertThat(callsOf(() -> assertThatThrownBy(() -> respond(id, "over")).isInstanceOf(Conflict.class)))
                .containsExactly("ResponseRepository.addIfAllowed");
    }

    @Test
    void aProgressReportIsOneCallOnceTheSubscriptionIsKnown() {
        app.signUpSubscriber().signUp(new SignUpSubscriberCommand("reader@example.com", "", "", "", "", "", "",
                Actor.ANONYMOUS, ClientInfo.UNKNOWN));
        Actor.SignedIn reader = core.actor(core.registerVerified("reader"));
        Runnable report = () -> app.recordProgress().recordProgress(new RecordProgressCommand(reader, 1, false, 30,
                List.of("intro"), List.of()));
        assertThat(callsOf(report)).as("the first also reads the subscription, then held in memory")
                .containsExactly("SubscriberRepository.findByEmail", "ProgressRepository.merge");
        assertThat(callsOf(report)).containsExactly("ProgressRepository.merge");
    }

    @Test
    void aResponseIsReachedWithItsPromptInOneRead() {
        String id = prompt(ada, false);
        String a = respond(id, "a");
        String b = respond(id, "b");
        String c = respond(id, "c");
        String read = "PromptRepository.findWithResponses";

        assertThat(callsOf(() -> app.listResponses().listResponses(new ListResponsesQuery(ada, id, ""))))
                .containsExactly(read);
        assertThat(callsOf(() -> app.diffResponses().diffResponses(new DiffResponsesQuery(ada, id, a, b))))
                .containsExactly(read);
        assertThat(callsOf(() -> app.updateResponse().updateResponse(new UpdateResponseCommand(ada, id, a,
                Optional.of("a2"), Optional.of("changed"), Optional.empty()))))
                .containsExactly("ResponseRepository.update");
        assertThat(callsOf(() -> app.rateResponse().rateResponse(new RateResponseCommand(ada, id, a, 4, "",
                ClientInfo.UNKNOWN)))).containsExactly("RatingRepository.saveRatingIfAllowed");
        assertThat(callsOf(() -> app.preferResponse().preferResponse(new PreferResponseCommand(ada, id, a, b, "",
                ClientInfo.UNKNOWN)))).containsExactly("RatingRepository.savePreferencesIfAllowed");
        assertThat(callsOf(() -> app.rankResponses().rankResponses(new RankResponsesCommand(ada, id, List.of(c, a, b),
                "", ClientInfo.UNKNOWN)))).containsExactly("RatingRepository.savePreferencesIfAllowed");
        assertThat(callsOf(() -> app.deleteResponse().deleteResponse(new DeleteResponseCommand(ada, id, c))))
                .containsExactly("ResponseRepository.delete");
    }

    @Test
    void aRefusedChangeOfAResponseIsOneCall() {
        String id = prompt(ada, true);
        String a = respond(id, "a");
        Actor.SignedIn bob = core.actor(core.register("bob"));
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.deleteResponse().deleteResponse(
                new DeleteResponseCommand(bob, id, a))).isInstanceOf(Forbidden.class)))
                .containsExactly("ResponseRepository.delete");
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.deleteResponse().deleteResponse(
                new DeleteResponseCommand(ada, id, "no-such-response"))).isInstanceOf(NotFound.class))).hasSize(1);
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.updateResponse().updateResponse(new UpdateResponseCommand(
                bob, id, a, Optional.empty(), Optional.of("not mine"), Optional.empty()))).isInstanceOf(Forbidden.class)))
                .containsExactly("ResponseRepository.update");
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.updateResponse().updateResponse(new UpdateResponseCommand(
                ada, id, "no-such-response", Optional.of("m"), Optional.empty(), Optional.empty())))
                .isInstanceOf(NotFound.class))).hasSize(1);
    }

    @Test
    void updatingOrRestoringAPromptIsAReadAndAWriteThatReadsItBack() {
        String id = prompt(ada, false);
        respond(id, "a");
        UpdatePromptCommand update = new UpdatePromptCommand(ada, id, Optional.empty(), Optional.of("question 2"),
                Optional.empty(), Optional.empty());
        assertThat(callsOf(() -> assertThat(app.updatePrompt().updatePrompt(update).responses()).hasSize(1)))
                .containsExactly("PromptRepository.findById", "PromptRepository.update");
        assertThat(callsOf(() -> assertThat(app.restorePromptVersion().restorePromptVersion(
                new RestorePromptVersionCommand(ada, id, 1, Optional.empty())).prompt().textVersion()).isEqualTo(3)))
                .containsExactly("PromptRepository.findWithVersions", "PromptRepository.update");
        assertThat(callsOf(() -> app.getPrompt().getPrompt(new GetPromptQuery(ada, id))))
                .as("the answer of the write is what readers get next").isEmpty();
    }

    @Test
    void aVersionIsReachedWithItsPromptInOneRead() {
        String id = prompt(ada, false);
        app.updatePrompt().updatePrompt(new UpdatePromptCommand(ada, id, Optional.empty(), Optional.of("question 2"),
                Optional.empty(), Optional.empty()));
        String read = "PromptRepository.findWithVersions";

        assertThat(callsOf(() -> app.listPromptVersions().listPromptVersions(new ListPromptVersionsQuery(ada, id, 1,
                "")))).containsExactly("PromptRepository.findWithVersionPage");
        assertThat(callsOf(() -> app.getPromptVersion().getPromptVersion(new GetPromptVersionQuery(ada, id, 1))))
                .containsExactly(read);
        assertThat(callsOf(() -> app.diffPromptVersions().diffPromptVersions(new DiffPromptVersionsQuery(ada, id, 1,
                2)))).containsExactly(read);
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.getPromptVersion().getPromptVersion(
                new GetPromptVersionQuery(ada, id, 3))).isInstanceOf(NotFound.class))).containsExactly(read);
    }

    @Test
    void deletingAPromptIsOneCallAndSoIsItsRefusal() {
        String id = prompt(ada, true);
        respond(id, "a");
        Actor.SignedIn bob = core.actor(core.register("bob"));
        String delete = "PromptRepository.delete";
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.deletePrompt().deletePrompt(new DeletePromptCommand(bob,
                id))).isInstanceOf(Forbidden.class))).containsExactly(delete);
        assertThat(callsOf(() -> app.deletePrompt().deletePrompt(new DeletePromptCommand(ada, id))))
                .containsExactly(delete);
    }

    @Test
    void aRefusedJudgementIsOneCall() {
        String id = prompt(ada, false);
        String a = respond(id, "a");
        String b = respond(id, "b");
        Actor.SignedIn bob = core.actor(core.register("bob"));
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.rateResponse().rateResponse(new RateResponseCommand(bob,
                id, a, 4, "", ClientInfo.UNKNOWN))).isInstanceOf(NotFound.class)))
                .containsExactly("RatingRepository.saveRatingIfAllowed");
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.preferResponse().preferResponse(new PreferResponseCommand(
                bob, id, a, b, "", ClientInfo.UNKNOWN))).isInstanceOf(NotFound.class)))
                .containsExactly("RatingRepository.savePreferencesIfAllowed");
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.rankResponses().rankResponses(new RankResponsesCommand(ada,
                id, List.of(a), "", ClientInfo.UNKNOWN))).isInstanceOf(Invalid.class))).as("a ranking that names too few")
                .containsExactly("PromptRepository.findWithResponses");
    }

    @Test
    void aPromptsRatingsAndALeaderboardAreOneReadEach() {
        String id = prompt(ada, true);
        String a = respond(id, "a");
        app.rateResponse().rateResponse(new RateResponseCommand(ada, id, a, 4, "", ClientInfo.UNKNOWN));
        String read = "RatingRepository.judgementsOf";
        assertThat(callsOf(() -> app.promptRatings().promptRatings(new GetPromptRatingsQuery(ada, id,
                ClientInfo.UNKNOWN)))).containsExactly(read);
        Actor.SignedIn bob = core.actor(core.register("bob"));
        assertThat(callsOf(() -> app.promptRatings().promptRatings(new GetPromptRatingsQuery(bob, id,
                ClientInfo.UNKNOWN)))).containsExactly(read);
        assertThat(callsOf(() -> app.leaderboard().leaderboard(new GetLeaderboardQuery(ada, "mine",
                ClientInfo.UNKNOWN)))).containsExactly("RatingRepository.leaderboardInputs");
    }

    @Test
    void registeringIsOneCall() {
        assertThat(callsOf(() -> app.registerUser().register(new RegisterUserCommand("carol", "carol@example.com",
                "correct horse battery", ClientInfo.UNKNOWN)))).containsExactly("SessionRepository.register");
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.registerUser().register(new RegisterUserCommand("carol",
                "other@example.com", "correct horse battery", ClientInfo.UNKNOWN))).isInstanceOf(Conflict.class)))
                .as("a taken username").containsExactly("SessionRepository.register");
    }

    @Test
    void refreshingASessionIsOneCallWhateverTheOutcome() {
        AuthResult first = core.register("carol");
        String refresh = "SessionRepository.refresh";
        AuthResult[] second = new AuthResult[1];
        assertThat(callsOf(() -> second[0] = app.refreshSession().refresh(new RefreshSessionCommand(
                first.refreshToken(), ClientInfo.UNKNOWN)))).containsExactly(refresh);
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.refreshSession().refresh(new RefreshSessionCommand(
                first.refreshToken(), ClientInfo.UNKNOWN))).isInstanceOf(Unauthenticated.class)))
                .as("a reused token").containsExactly(refresh);
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.refreshSession().refresh(new RefreshSessionCommand(
                second[0].refreshToken(), ClientInfo.UNKNOWN))).isInstanceOf(Unauthenticated.class)))
                .as("a revoked session").containsExactly(refresh);
    }

    /** Asks for a sign-in link to {@code email} and returns its token, as the email worker mailed it. */
    private String signInLink(String email) {
        app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand(email, ClientInfo.UNKNOWN));
        return core.linkToken(Email.parse(email), "verify");
    }

    @Test
    void signingInByLinkIsOneCallWhetherItMakesTheAccountProvesItsAddressOrIsRefused() {
        String signIn = "SessionRepository.signInByLink";
        app.signUpSubscriber().signUp(new SignUpSubscriberCommand("zoe@example.com", "", "", "", "", "", "",
                Actor.ANONYMOUS, ClientInfo.UNKNOWN));
        String first = signInLink("zoe@example.com");
        assertThat(callsOf(() -> assertThat(app.verifyMagicLink().verifyMagicLink(new VerifyMagicLinkCommand(first,
                ClientInfo.UNKNOWN)).user().username().value()).startsWith("zoe_"))).as("a first sign-in")
                .containsExactly(signIn);
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.verifyMagicLink().verifyMagicLink(
                new VerifyMagicLinkCommand(first, ClientInfo.UNKNOWN))).isInstanceOf(Unauthenticated.class)))
                .as("used already").containsExactly(signIn);

        core.register("carol");
        String proving = signInLink("carol@example.com");
        assertThat(callsOf(() -> assertThat(app.verifyMagicLink().verifyMagicLink(new VerifyMagicLinkCommand(proving,
                ClientInfo.UNKNOWN)).user().emailVerified()).isTrue())).as("proving a registered address")
                .containsExactly(signIn);
        String again = signInLink("carol@example.com");
        assertThat(callsOf(() -> app.verifyMagicLink().verifyMagicLink(new VerifyMagicLinkCommand(again,
                ClientInfo.UNKNOWN)))).as("a proven account").containsExactly(signIn);
    }

    @Test
    void verifyingAnAddressIsOneCallWhetherItKeepsOrEndsThePasswordFindsItProvenOrIsRefused() {
        String verify = "SessionRepository.verifyEmail";
        AuthResult carol = core.register("carol");
        Email carols = Email.parse("carol@example.com");
        String fromOwnSession = core.linkToken(carols, "verify-email");
        app.sendVerificationEmail().sendVerificationEmail(new SendVerificationEmailCommand(core.actor(carol),
                ClientInfo.UNKNOWN));
        String second = core.linkToken(carols, "verify-email");
        assertThat(callsOf(() -> assertThat(app.verifyEmail().verifyEmail(new VerifyEmailCommand(fromOwnSession,
                core.actor(carol), ClientInfo.UNKNOWN)).user().passwordHash()).isPresent()))
                .as("proven from the account's own session").containsExactly(verify);
        assertThat(callsOf(() -> app.verifyEmail().verifyEmail(new VerifyEmailCommand(second, Actor.ANONYMOUS,
                ClientInfo.UNKNOWN)))).as("proven already").containsExactly(verify);
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.verifyEmail().verifyEmail(new VerifyEmailCommand(
                second, Actor.ANONYMOUS, ClientInfo.UNKNOWN))).isInstanceOf(Unauthenticated.class)))
                .as("used already").containsExactly(verify);

        core.register("dave");
        String squatted = core.linkToken(Email.parse("dave@example.com"), "verify-email");
        assertThat(callsOf(() -> assertThat(app.verifyEmail().verifyEmail(new VerifyEmailCommand(squatted,
                Actor.ANONYMOUS, ClientInfo.UNKNOWN)).user().passwordHash()).isEmpty()))
                .as("a password set before the proof removed, the sessions ended").containsExactly(verify);

        String signIn = signInLink("carol@example.com");
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.verifyEmail().verifyEmail(new VerifyEmailCommand(
                signIn, Actor.ANONYMOUS, ClientInfo.UNKNOWN))).isInstanceOf(Unauthenticated.class)))
                .as("a sign-in link").containsExactly(verify);
        core.register("erin");
        String late = core.linkToken(Email.parse("erin@example.com"), "verify-email");
        core.clock.advance(MagicLinkPurpose.VERIFY_EMAIL.lifetime());
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.verifyEmail().verifyEmail(new VerifyEmailCommand(
                late, Actor.ANONYMOUS, ClientInfo.UNKNOWN))).isInstanceOf(Unauthenticated.class)))
                .as("expired").containsExactly(verify);
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.verifyEmail().verifyEmail(new VerifyEmailCommand(
                "made up", Actor.ANONYMOUS, ClientInfo.UNKNOWN))).isInstanceOf(Unauthenticated.class)))
                .as("a made-up token never reaches the store").isEmpty();
    }

    private String collection(Actor.SignedIn owner, boolean isPublic) {
        return app.createCollection().createCollection(new CreateCollectionCommand(owner, "reading", "", isPublic))
                .collection().id().value();
    }

    @Test
    void addingAPromptToACollectionIsOneCallAndSoIsItsRefusal() {
        String collection = collection(ada, true);
        String prompt = prompt(ada, false);
        String add = "CollectionRepository.addItem";
        Runnable adding = () -> app.addPromptToCollection().addPromptToCollection(new AddPromptToCollectionCommand(
                ada, collection, prompt, Optional.of(0), ClientInfo.UNKNOWN));
        assertThat(callsOf(adding)).containsExactly(add);
        assertThat(callsOf(adding)).as("already in it").containsExactly(add);
        Actor.SignedIn bob = core.actor(core.register("bob"));
        String bobs = prompt(bob, true);
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.addPromptToCollection().addPromptToCollection(
                new AddPromptToCollectionCommand(bob, collection, bobs, Optional.empty(), ClientInfo.UNKNOWN)))
                .isInstanceOf(Forbidden.class))).containsExactly(add);
        String bobsPrivate = prompt(bob, false);
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.addPromptToCollection().addPromptToCollection(
                new AddPromptToCollectionCommand(ada, collection, bobsPrivate, Optional.empty(), ClientInfo.UNKNOWN)))
                .isInstanceOf(NotFound.class))).as("a prompt she may not read").containsExactly(add);
    }

    @Test
    void deletingACollectionIsOneCallAndSoIsItsRefusal() {
        String collection = collection(ada, true);
        Actor.SignedIn bob = core.actor(core.register("bob"));
        String delete = "CollectionRepository.delete";
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.deleteCollection().deleteCollection(
                new DeleteCollectionCommand(bob, collection))).isInstanceOf(Forbidden.class))).containsExactly(delete);
        assertThat(callsOf(() -> app.deleteCollection().deleteCollection(new DeleteCollectionCommand(ada, collection))))
                .containsExactly(delete);
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.deleteCollection().deleteCollection(
                new DeleteCollectionCommand(ada, collection))).isInstanceOf(NotFound.class))).containsExactly(delete);
    }

    @Test
    void changingACollectionIsOneCallAndSoIsItsRefusal() {
        String collection = collection(ada, false);
        Actor.SignedIn bob = core.actor(core.register("bob"));
        String revise = "CollectionRepository.revise";
        assertThat(callsOf(() -> app.updateCollection().updateCollection(new UpdateCollectionCommand(ada, collection,
                Optional.of("renamed"), Optional.empty(), Optional.of(true))))).containsExactly(revise);
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.updateCollection().updateCollection(
                new UpdateCollectionCommand(bob, collection, Optional.of("mine"), Optional.empty(), Optional.empty())))
                .isInstanceOf(Forbidden.class))).containsExactly(revise);
    }

    @Test
    void removingAPromptFromACollectionIsOneCallAndSoIsItsRefusal() {
        String collection = collection(ada, true);
        String prompt = prompt(ada, false);
        app.addPromptToCollection().addPromptToCollection(new AddPromptToCollectionCommand(ada, collection, prompt,
                Optional.empty(), ClientInfo.UNKNOWN));
        Actor.SignedIn bob = core.actor(core.register("bob"));
        String remove = "CollectionRepository.removeItem";
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.removePromptFromCollection().removePromptFromCollection(
                new RemovePromptFromCollectionCommand(bob, collection, prompt))).isInstanceOf(Forbidden.class)))
                .containsExactly(remove);
        assertThat(callsOf(() -> app.removePromptFromCollection().removePromptFromCollection(
                new RemovePromptFromCollectionCommand(ada, collection, prompt)))).containsExactly(remove);
        assertThat(callsOf(() -> app.removePromptFromCollection().removePromptFromCollection(
                new RemovePromptFromCollectionCommand(ada, collection, prompt)))).as("not in it").containsExactly(remove);
    }

    @Test
    void reorderingACollectionIsOneCallAndSoIsItsRefusal() {
        String collection = collection(ada, true);
        String first = prompt(ada, false);
        String second = prompt(ada, true);
        for (String prompt : List.of(first, second)) {
            app.addPromptToCollection().addPromptToCollection(new AddPromptToCollectionCommand(ada, collection, prompt,
                    Optional.empty(), ClientInfo.UNKNOWN));
        }
        String reorder = "CollectionRepository.reorder";
        assertThat(callsOf(() -> app.reorderCollection().reorderCollection(new ReorderCollectionCommand(ada, collection,
                List.of(second, first), Optional.empty())))).containsExactly(reorder);
        assertThat(callsOf(() -> app.reorderCollection().reorderCollection(new ReorderCollectionCommand(ada, collection,
                List.of(), Optional.of(new ReorderCollectionCommand.Move(first, 1)))))).containsExactly(reorder);
        Actor.SignedIn bob = core.actor(core.register("bob"));
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.reorderCollection().reorderCollection(
                new ReorderCollectionCommand(bob, collection, List.of(first, second), Optional.empty())))
                .isInstanceOf(Forbidden.class))).containsExactly(reorder);
        String elsewhere = prompt(ada, false);
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.reorderCollection().reorderCollection(
                new ReorderCollectionCommand(ada, collection, List.of(), Optional.of(new ReorderCollectionCommand.Move(
                        elsewhere, 0))))).isInstanceOf(Invalid.class))).as("not in it").containsExactly(reorder);
    }

    @Test
    void theCollectionsHoldingAPromptAreOneRead() {
        String prompt = prompt(ada, false);
        String holding = "CollectionRepository.holding";
        assertThat(callsOf(() -> app.listPromptCollections().listPromptCollections(new ListPromptCollectionsQuery(ada,
                prompt)))).containsExactly(holding);
        Actor.SignedIn bob = core.actor(core.register("bob"));
        assertThat(callsOf(() -> assertThatThrownBy(() -> app.listPromptCollections().listPromptCollections(
                new ListPromptCollectionsQuery(bob, prompt))).isInstanceOf(NotFound.class))).containsExactly(holding);
    }
}
