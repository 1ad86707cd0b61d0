package dev.prompttracker.application.service;

import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.application.port.in.Cached;
import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.OutboundPorts;
import dev.prompttracker.application.CacheSettings;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.in.AddResponseCommand;
import dev.prompttracker.application.port.in.CreatePromptCommand;
import dev.prompttracker.application.port.in.DeletePromptCommand;
import dev.prompttracker.application.port.in.DeleteResponseCommand;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.ListPromptsQuery;
import dev.prompttracker.application.port.in.ListPublicPromptsQuery;
import dev.prompttracker.application.port.in.PromptView;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.application.port.in.UpdatePromptCommand;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-process caches of assembled prompts and list pages: hot reads skip the stores, and no write is ever hidden. */
class PromptCacheTest {
    private final CoreFixture fixture = new CoreFixture();
    private final AtomicInteger storeReads = new AtomicInteger();
    private final AtomicInteger listReads = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean storeDown = new java.util.concurrent.atomic.AtomicBoolean();

    /** The fixture's stores, with the prompt reads counted. */
    private ApplicationServices instance(CacheSettings cache) {
        PromptRepository counted = (PromptRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PromptRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findWithResponses")) {
                        storeReads.incrementAndGet();
                        if (storeDown.get()) {
                            throw new Unavailable("the metadata store (D1) did not answer", null);
                        }
                    }
                    if (method.getName().startsWith("list")) {
                        listReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(fixture.prompts, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        OutboundPorts ports = fixture.ports();
        return CoreWiring.create(new OutboundPorts(ports.users(), ports.sessions(), counted, ports.responses(),
                        ports.blobs(), ports.passwordHasher(), ports.tokenIssuer(), ports.subscribers(), ports.progress(),
                        ports.accessLog(), ports.magicLinks(), ports.emailJobs(), ports.mailSender(),
                        ports.emailDeliveries(), ports.rateLimiter(), ports.differ(), ports.ratings(), ports.collections()),
                AuthSettings.defaults(Set.of(Email.parse("admin@example.com"))), fixture.content, RateLimits.generous(),
                cache, CacheSettings.subscriberDefaults(), fixture.clock);
    }

    private String create(ApplicationServices app, Actor.SignedIn owner, boolean isPublic) {
        String id = app.createPrompt().createPrompt(new CreatePromptCommand(owner, "Hot", "Write a haiku", isPublic,
                List.of("poetry"))).prompt().id().value();
        for (String model : List.of("a", "b", "c")) {
            app.addResponse().addResponse(new AddResponseCommand(owner, id, model, "answer by " + model, Optional.empty()));
        }
        return id;
    }

    private static PromptView read(ApplicationServices app, Actor actor, String id) {
        return app.getPrompt().getPrompt(new GetPromptQuery(actor, id));
    }

    @Test
    void aHotPromptIsAssembledOnceThenServedFromMemory() {
        ApplicationServices app = instance(CacheSettings.promptDefaults());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        String id = create(app, owner, true);
        for (int i = 0; i < 10; i++) {
            assertThat(read(app, i % 2 == 0 ? owner : Actor.ANONYMOUS, id).responses()).hasSize(3);
        }
        assertThat(storeReads).hasValue(1);
    }

    @Test
    void withTheCacheOffEveryReadGoesToTheStores() {
        ApplicationServices app = instance(CacheSettings.disabled());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        String id = create(app, owner, true);
        for (int i = 0; i < 5; i++) {
            read(app, owner, id);
        }
        assertThat(storeReads).hasValue(5);
    }

    @Test
    void everyWriteIsSeenByTheNextRead() {
        ApplicationServices app = instance(CacheSettings.promptDefaults());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        String id = create(app, owner, false);
        assertThat(read(app, owner, id).responses()).hasSize(3);

        ResponseView added = app.addResponse().addResponse(new AddResponseCommand(owner, id, "d", "a fourth answer",
                Optional.empty()));
        assertThat(read(app, owner, id).responses()).hasSize(4);
        app.updatePrompt().updatePrompt(new UpdatePromptCommand(owner, id, Optional.empty(),
                Optional.of("Write two haiku"), Optional.empty(), Optional.empty()));
        assertThat(read(app, owner, id).content().value()).isEqualTo("Write two haiku");
        app.deleteResponse().deleteResponse(new DeleteResponseCommand(owner, id, added.response().id().value()));
        assertThat(read(app, owner, id).responses()).hasSize(3);
        app.deletePrompt().deletePrompt(new DeletePromptCommand(owner, id));
        assertThatThrownBy(() -> read(app, owner, id)).isInstanceOf(NotFound.class);
    }

    @Test
    void aCachedPrivatePromptIsStillOnlyItsOwners() {
        ApplicationServices app = instance(CacheSettings.promptDefaults());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        Actor.SignedIn stranger = fixture.actor(fixture.register("stranger"));
        String id = create(app, owner, false);
        read(app, owner, id);
        assertThatThrownBy(() -> read(app, stranger, id)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> read(app, Actor.ANONYMOUS, id)).isInstanceOf(NotFound.class);
    }

    @Test
    void aWriteThroughAnotherInstanceIsSeenHereWithinTheTimeToLive() {
        ApplicationServices here = instance(CacheSettings.promptDefaults());
        ApplicationServices there = instance(CacheSettings.promptDefaults());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        String id = create(here, owner, true);
        read(here, owner, id);
        there.addResponse().addResponse(new AddResponseCommand(owner, id, "d", "from elsewhere", Optional.empty()));
        assertThat(read(here, owner, id).responses()).as("still within the time to live").hasSize(3);
        fixture.clock.advance(CacheSettings.promptDefaults().timeToLive());
        assertThat(read(here, owner, id).responses()).hasSize(4);
    }

    @Test
    void whileTheStoreIsDownAnExpiredPromptIsStillServedForABoundedTime() {
        CacheSettings settings = CacheSettings.promptDefaults().withStaleIfError(Duration.ofMinutes(5));
        ApplicationServices app = instance(settings);
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        String id = create(app, owner, true);
        String cold = create(app, owner, true);
        read(app, owner, id);

        fixture.clock.advance(settings.timeToLive().plusSeconds(1));
        storeDown.set(true);
        assertThat(read(app, Actor.ANONYMOUS, id).responses()).as("stale, while the store is down").hasSize(3);
        assertThat(storeReads).as("the store was asked first").hasValue(2);
        assertThatThrownBy(() -> read(app, owner, cold)).as("nothing kept to stand in")
                .isInstanceOf(Unavailable.class);

        fixture.clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> read(app, owner, id)).as("past stale-if-error").isInstanceOf(Unavailable.class);
        storeDown.set(false);
        assertThat(read(app, owner, id).responses()).hasSize(3);
    }

    @Test
    void aWriteMadeHereIsNeverHiddenByAStaleAnswer() {
        CacheSettings settings = CacheSettings.promptDefaults().withStaleIfError(Duration.ofMinutes(5));
        ApplicationServices app = instance(settings);
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        String id = create(app, owner, true);
        read(app, owner, id);
        app.addResponse().addResponse(new AddResponseCommand(owner, id, "d", "a fourth", Optional.empty()));
        storeDown.set(true);
        assertThatThrownBy(() -> read(app, owner, id)).as("the entry went stale with the write")
                .isInstanceOf(Unavailable.class);
    }

    @Test
    void withoutStaleIfErrorAnOutageIsAnError() {
        ApplicationServices app = instance(CacheSettings.promptDefaults());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        String id = create(app, owner, true);
        read(app, owner, id);
        fixture.clock.advance(CacheSettings.promptDefaults().timeToLive());
        storeDown.set(true);
        assertThatThrownBy(() -> read(app, owner, id)).isInstanceOf(Unavailable.class);
    }

    @Test
    void aReadThatRacedAWriteCannotStoreItsOlderResult() {
        PromptReadModel model = new PromptReadModel(CacheSettings.promptDefaults(), fixture.clock);
        ApplicationServices app = instance(CacheSettings.promptDefaults());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        String id = create(app, owner, true);
        PromptView older = read(app, owner, id);
        PromptId key = older.prompt().id();

        model.view(key, () -> {
            model.write(owner.id(), Optional.of(key), () -> { }); // a write lands while the read is still assembling
            return older;
        });
        assertThat(model.view(key)).isEmpty();

        model.view(key, () -> older);
        assertThat(model.view(key)).map(Cached::value).containsSame(older);
    }

    @Test
    void whatTheEdgePrintedIsKeptWithTheEntryAndCountsAgainstTheBudget() {
        PromptReadModel model = new PromptReadModel(new CacheSettings(Duration.ofMinutes(1), 64 * 1024),
                fixture.clock);
        ApplicationServices app = instance(CacheSettings.disabled());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        PromptView view = read(app, owner, create(app, owner, true));
        PromptId key = view.prompt().id();
        model.view(key, () -> view);
        long before = model.bytes();
        java.util.concurrent.atomic.AtomicInteger prints = new java.util.concurrent.atomic.AtomicInteger();

        byte[] first = model.view(key).orElseThrow().printed("json", () -> {
            prints.incrementAndGet();
            return new byte[2048];
        });
        byte[] again = model.view(key).orElseThrow().printed("json", () -> new byte[1]);

        assertThat(again).isSameAs(first);
        assertThat(prints).hasValue(1);
        assertThat(model.bytes()).isGreaterThanOrEqualTo(before + 2048);
        model.write(owner.id(), Optional.of(key), () -> { });
        assertThat(model.bytes()).as("the printed form went with its entry").isZero();
    }

    @Test
    void theCacheKeepsToItsMemoryBudgetDroppingTheLeastRecentlyUsed() {
        PromptReadModel model = new PromptReadModel(new CacheSettings(Duration.ofMinutes(1), 32 * 1024),
                fixture.clock);
        ApplicationServices app = instance(CacheSettings.disabled());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        List<PromptView> views = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            views.add(read(app, owner, create(app, owner, true)));
        }
        for (PromptView view : views) {
            model.view(view.prompt().id(), () -> view);
        }
        assertThat(model.view(views.getLast().prompt().id())).isPresent();
        assertThat(model.view(views.getFirst().prompt().id())).as("evicted").isEmpty();
        assertThat(model.bytes()).isLessThanOrEqualTo(32 * 1024);
    }

    private static Page<PromptSummary> list(ApplicationServices app, Actor actor, String tag) {
        return app.listPrompts().listPrompts(new ListPromptsQuery(actor, 50, "", tag));
    }

    private static List<Integer> responseCounts(Page<PromptSummary> page) {
        return page.items().stream().map(PromptSummary::responseCount).toList();
    }

    @Test
    void aListPageIsReadOnceThenServedFromMemoryAsTheSameInstance() {
        ApplicationServices app = instance(CacheSettings.promptDefaults());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        create(app, owner, false);
        ListPromptsQuery query = new ListPromptsQuery(owner, 50, "", "");
        assertThat(app.listCachedPrompts().listCachedPrompts(query)).as("not read yet").isEmpty();
        Page<PromptSummary> first = app.listPrompts().listPrompts(query);
        for (int i = 0; i < 5; i++) {
            assertThat(app.listPrompts().listPrompts(query)).isSameAs(first);
        }
        assertThat(app.listCachedPrompts().listCachedPrompts(query)).map(Cached::value).containsSame(first);
        assertThat(listReads).hasValue(1);
        assertThat(list(app, owner, "poetry").items()).as("another filter is another page").hasSize(1);
        assertThat(listReads).hasValue(2);
    }

    @Test
    void everyWriteToTheOwnersPromptsIsSeenByTheNextList() {
        ApplicationServices app = instance(CacheSettings.promptDefaults());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        String id = create(app, owner, false);
        assertThat(responseCounts(list(app, owner, ""))).containsExactly(3);

        String second = create(app, owner, false);
        assertThat(responseCounts(list(app, owner, ""))).containsExactly(3, 3);
        ResponseView added = app.addResponse().addResponse(new AddResponseCommand(owner, id, "d", "a fourth answer",
                Optional.empty()));
        assertThat(responseCounts(list(app, owner, ""))).containsExactlyInAnyOrder(3, 4);
        app.deleteResponse().deleteResponse(new DeleteResponseCommand(owner, id, added.response().id().value()));
        assertThat(responseCounts(list(app, owner, ""))).containsExactly(3, 3);
        app.updatePrompt().updatePrompt(new UpdatePromptCommand(owner, second, Optional.of("Renamed"),
                Optional.empty(), Optional.empty(), Optional.of(List.of("prose"))));
        assertThat(list(app, owner, "poetry").items()).hasSize(1);
        app.deletePrompt().deletePrompt(new DeletePromptCommand(owner, id));
        assertThat(list(app, owner, "").items()).extracting(s -> s.prompt().id().value()).containsExactly(second);
    }

    @Test
    void aCachedListIsOnlyItsOwnersAndThePublicListSeesEveryonesWrites() {
        ApplicationServices app = instance(CacheSettings.promptDefaults());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        Actor.SignedIn stranger = fixture.actor(fixture.register("stranger"));
        create(app, owner, true);
        assertThat(list(app, owner, "").items()).hasSize(1);
        assertThat(list(app, stranger, "").items()).isEmpty();
        assertThat(app.listCachedPrompts().listCachedPrompts(new ListPromptsQuery(Actor.ANONYMOUS, 50, "", "")))
                .isEmpty();

        ListPublicPromptsQuery everyone = new ListPublicPromptsQuery(50, "", "");
        assertThat(app.listPublicPrompts().listPublicPrompts(everyone).items()).hasSize(1);
        create(app, stranger, true);
        assertThat(app.listPublicPrompts().listPublicPrompts(everyone).items()).hasSize(2);
    }

    @Test
    void anInvalidListQueryIsNotAnsweredFromMemoryButRefusedTheOrdinaryWay() {
        ApplicationServices app = instance(CacheSettings.promptDefaults());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        ListPromptsQuery forged = new ListPromptsQuery(owner, 50, "not-a-page-token", "");
        assertThat(app.listCachedPrompts().listCachedPrompts(forged)).isEmpty();
        assertThatThrownBy(() -> app.listPrompts().listPrompts(forged)).isInstanceOf(Invalid.class);
    }

    @Test
    void withTheCacheOffEveryListGoesToTheStore() {
        ApplicationServices app = instance(CacheSettings.disabled());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        create(app, owner, true);
        for (int i = 0; i < 3; i++) {
            list(app, owner, "");
        }
        assertThat(listReads).hasValue(3);
    }

    @Test
    void aListReadThatRacedAWriteCannotStoreItsOlderPage() {
        PromptReadModel model = new PromptReadModel(CacheSettings.promptDefaults(), fixture.clock);
        ApplicationServices app = instance(CacheSettings.disabled());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        create(app, owner, true);
        Page<PromptSummary> older = list(app, owner, "");
        PromptReadModel.ListKey key = new PromptReadModel.ListKey(owner.id(), PromptRepository.PromptFilter.none(),
                PromptService.pageRequest(50, ""));

        model.page(key, () -> {
            model.write(owner.id(), Optional.empty(), () -> { }); // a write lands while the page is being read
            return older;
        });
        assertThat(model.page(key)).isEmpty();

        model.page(key, () -> older);
        assertThat(model.page(key)).map(Cached::value).containsSame(older);
        model.write(owner.id(), Optional.empty(), () -> { });
        assertThat(model.page(key)).as("an entry read before a write").isEmpty();
    }

    @Test
    void aWriteThroughAnotherInstanceShowsInTheListWithinTheTimeToLive() {
        ApplicationServices here = instance(CacheSettings.promptDefaults());
        ApplicationServices there = instance(CacheSettings.promptDefaults());
        Actor.SignedIn owner = fixture.actor(fixture.register("owner"));
        create(here, owner, false);
        assertThat(list(here, owner, "").items()).hasSize(1);
        create(there, owner, false);
        assertThat(list(here, owner, "").items()).as("still within the time to live").hasSize(1);
        fixture.clock.advance(CacheSettings.promptDefaults().timeToLive());
        assertThat(list(here, owner, "").items()).hasSize(2);
    }
}
