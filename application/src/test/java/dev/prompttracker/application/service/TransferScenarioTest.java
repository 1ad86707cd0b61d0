package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.AddPromptToCollectionCommand;
import dev.prompttracker.application.port.in.AddResponseCommand;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.CreateCollectionCommand;
import dev.prompttracker.application.port.in.CreatePromptCommand;
import dev.prompttracker.application.port.in.DeleteCollectionCommand;
import dev.prompttracker.application.port.in.DeletePromptCommand;
import dev.prompttracker.application.port.in.ExportDataQuery;
import dev.prompttracker.application.port.in.ExportEntry;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.ImportDataCommand;
import dev.prompttracker.application.port.in.ImportItem;
import dev.prompttracker.application.port.in.ImportReport;
import dev.prompttracker.application.port.in.ImportReport.Kind;
import dev.prompttracker.application.port.in.PreferResponseCommand;
import dev.prompttracker.application.port.in.RateResponseCommand;
import dev.prompttracker.application.port.in.ResponseView;
import dev.prompttracker.application.port.in.UpdatePromptCommand;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.error.TooLarge;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.prompt.VersionMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Export and import through the real services: the exact round trip, idempotence, foreign ids, skips and limits. */
class TransferScenarioTest {
    private final CoreFixture core = new CoreFixture();
    private final Actor.SignedIn ada = core.actor(core.register("ada"));
    private final Actor.SignedIn bob = core.actor(core.register("bob"));

    private String prompt(Actor.SignedIn owner, String title, String content, boolean isPublic, String... tags) {
        core.clock.advance(Duration.ofMillis(7));
        return core.app.createPrompt().createPrompt(new CreatePromptCommand(owner, title, content, isPublic,
                List.of(tags))).prompt().id().value();
    }

    private ResponseView answer(Actor.SignedIn owner, String prompt, String model, String text) {
        core.clock.advance(Duration.ofMillis(7));
        return core.app.addResponse().addResponse(new AddResponseCommand(owner, prompt, model, text, Optional.of(false)));
    }

    /** Ada's data: a prompt with three versions, responses judged, a second prompt, a collection holding Bob's too. */
    private List<String> seedAda() {
        String bobs = prompt(bob, "", "Bob's public prompt", true);
        String first = prompt(ada, "Haiku", "Write a haiku", false, "poetry", "short");
        core.clock.advance(Duration.ofSeconds(1));
        core.app.updatePrompt().updatePrompt(new UpdatePromptCommand(ada, first, Optional.empty(),
                Optional.of("Write a haiku about autumn"), Optional.empty(), Optional.empty(), Optional.of("autumn")));
        core.clock.advance(Duration.ofSeconds(1));
        core.app.updatePrompt().updatePrompt(new UpdatePromptCommand(ada, first, Optional.of("Autumn haiku"),
                Optional.empty(), Optional.of(true), Optional.empty()));
        ResponseView a = answer(ada, first, "gpt-4o", "Leaves fall\nquietly");
        ResponseView b = answer(ada, first, "claude", "Red maple **drifts**");
        core.app.rateResponse().rateResponse(new RateResponseCommand(ada, first, a.response().id().value(), 4,
                "nice", ClientInfo.UNKNOWN));
        core.app.preferResponse().preferResponse(new PreferResponseCommand(ada, first, b.response().id().value(),
                a.response().id().value(), "more vivid", ClientInfo.UNKNOWN));
        String second = prompt(ada, "", "Summarise this: 🍂 " + "x".repeat(300), false);
        answer(ada, second, "gpt-4o", "A summary");
        core.clock.advance(Duration.ofMillis(7));
        String collection = core.app.createCollection().createCollection(new CreateCollectionCommand(ada, "Autumn",
                "seasonal\nprompts", true)).collection().id().value();
        for (String p : List.of(second, bobs, first)) {
            core.clock.advance(Duration.ofMillis(7));
            core.app.addPromptToCollection().addPromptToCollection(new AddPromptToCollectionCommand(ada, collection, p,
                    Optional.empty(), ClientInfo.UNKNOWN));
        }
        return List.of(first, second, collection);
    }

    private List<ImportItem> export(Actor.SignedIn actor) {
        return items(core.app.exportData().exportData(new ExportDataQuery(actor, "jsonl")));
    }

    private ImportReport importAll(Actor actor, String format, List<ImportItem> items) {
        return core.app.importData().importData(new ImportDataCommand(actor, format, items.iterator()));
    }

    /** The export's records as an upload of them would read: only what the file carries. */
    static List<ImportItem> items(Iterator<ExportEntry> entries) {
        List<ImportItem> items = new ArrayList<>();
        while (entries.hasNext()) {
            String at = "record " + (items.size() + 1);
            items.add(switch (entries.next()) {
                case ExportEntry.Header h -> new ImportItem.OwnHeader(at, h.format(), h.formatVersion(), h.owner().value());
                case ExportEntry.PromptEntry p -> new ImportItem.OwnPrompt(at, p.prompt().id().value(),
                        p.prompt().ownerId().value(), p.prompt().title().map(Title::value).orElse(""), p.text().value(),
                        p.prompt().tags().strings(), p.prompt().isPublic(), p.prompt().createdAt(),
                        p.prompt().updatedAt(), p.prompt().textVersion());
                case ExportEntry.VersionEntry v -> new ImportItem.OwnVersion(at, v.version().promptId().value(),
                        v.version().number(), v.version().title().map(Title::value).orElse(""), v.text().value(),
                        v.version().authorId().value(), v.version().message().map(VersionMessage::value).orElse(""),
                        v.version().createdAt());
                case ExportEntry.ResponseEntry r -> new ImportItem.OwnResponse(at, r.response().id().value(),
                        r.response().promptId().value(), r.response().modelName().value(), r.text().value(),
                        r.response().isMarkdown(), r.response().promptVersion(), r.response().createdAt(),
                        r.response().updatedAt());
                case ExportEntry.RatingEntry r -> new ImportItem.OwnRating(at, r.rating().promptId().value(),
                        r.rating().responseId().value(), r.rating().stars().value(), r.rating().note().value(),
                        r.rating().updatedAt());
                case ExportEntry.PreferenceEntry p -> new ImportItem.OwnPreference(at, p.preference().promptId().value(),
                        p.preference().chosen().value(), p.preference().rejected().value(),
                        p.preference().reason().value(), p.preference().updatedAt());
                case ExportEntry.CollectionEntry c -> new ImportItem.OwnCollection(at, c.collection().id().value(),
                        c.collection().ownerId().value(), c.collection().name().value(),
                        c.collection().description().value(), c.collection().isPublic(),
                        c.promptIds().stream().map(id -> id.value()).toList(), c.collection().createdAt(),
                        c.collection().updatedAt());
            });
        }
        return items;
    }

    private static long count(List<ImportItem> items, Class<? extends ImportItem> kind) {
        return items.stream().filter(kind::isInstance).count();
    }

    @Test
    void exportDeleteImportGivesTheSameExportAgain() {
        List<String> seeded = seedAda();
        List<ImportItem> before = export(ada);
        assertThat(count(before, ImportItem.OwnPrompt.class)).isEqualTo(2);
        assertThat(count(before, ImportItem.OwnVersion.class)).isEqualTo(4);
        assertThat(count(before, ImportItem.OwnResponse.class)).isEqualTo(3);
        assertThat(count(before, ImportItem.OwnRating.class)).isEqualTo(1);
        assertThat(count(before, ImportItem.OwnPreference.class)).isEqualTo(1);
        assertThat(count(before, ImportItem.OwnCollection.class)).isEqualTo(1);
        int blobs = core.blobs.keys().size();

        // A deleted prompt is remembered as missing; the import brings its id back all the same.
        core.app.deletePrompt().deletePrompt(new DeletePromptCommand(ada, seeded.get(0)));
        assertThatThrownBy(() -> core.app.getPrompt().getPrompt(new GetPromptQuery(ada, seeded.get(0))))
                .isInstanceOf(NotFound.class);
        core.app.deletePrompt().deletePrompt(new DeletePromptCommand(ada, seeded.get(1)));
        core.app.deleteCollection().deleteCollection(new DeleteCollectionCommand(ada, seeded.get(2)));

        ImportReport report = importAll(ada, "jsonl", before);
        assertThat(report.skipped()).isEmpty();
        assertThat(report.notes()).isEmpty();
        assertThat(report.count(Kind.PROMPT)).isEqualTo(new ImportReport.Count(2, 0));
        assertThat(report.count(Kind.VERSION)).isEqualTo(new ImportReport.Count(4, 0));
        assertThat(report.count(Kind.RESPONSE)).isEqualTo(new ImportReport.Count(3, 0));
        assertThat(report.count(Kind.RATING)).isEqualTo(new ImportReport.Count(1, 0));
        assertThat(report.count(Kind.PREFERENCE)).isEqualTo(new ImportReport.Count(1, 0));
        assertThat(report.count(Kind.COLLECTION)).isEqualTo(new ImportReport.Count(1, 0));
        assertThat(export(ada)).as("the same records, field for field").isEqualTo(before);
        assertThat(core.app.getPrompt().getPrompt(new GetPromptQuery(ada, seeded.get(0))).content().value())
                .isEqualTo("Write a haiku about autumn");
        assertThat(core.blobs.keys()).as("versions sharing a text share one body again").hasSize(blobs);
    }

    @Test
    void theSameUserInAFreshStoreGetsTheSameExport() {
        seedAda();
        List<ImportItem> before = export(ada);
        CoreFixture fresh = new CoreFixture();
        fresh.users.create(core.users.findById(ada.id()).orElseThrow());
        fresh.users.create(core.users.findById(bob.id()).orElseThrow());
        ImportReport report = fresh.app.importData().importData(new ImportDataCommand(ada, "jsonl", before.iterator()));
        assertThat(report.skippedCount()).isZero();
        assertThat(report.notes()).singleElement().satisfies(note -> assertThat(note.reason())
                .contains("Autumn").contains("without 1 prompt"));
        List<ImportItem> after = items(fresh.app.exportData().exportData(new ExportDataQuery(ada, "")));
        assertThat(after.subList(0, after.size() - 1)).isEqualTo(before.subList(0, before.size() - 1));
        ImportItem.OwnCollection collection = (ImportItem.OwnCollection) after.getLast();
        assertThat(collection.promptIds()).as("Bob's prompt is not in this store")
                .containsExactlyElementsOf(((ImportItem.OwnCollection) before.getLast()).promptIds().stream()
                        .filter(id -> fresh.prompts.findById(new dev.prompttracker.domain.prompt.PromptId(id)).isPresent())
                        .toList());
    }

    @Test
    void importingTheSameFileTwiceCreatesNothingTheSecondTime() {
        seedAda();
        List<ImportItem> file = export(ada);
        int blobs = core.blobs.keys().size();
        ImportReport again = importAll(ada, "jsonl", file);
        for (Kind kind : Kind.values()) {
            assertThat(again.count(kind).created()).as(kind.label()).isZero();
        }
        assertThat(again.count(Kind.PROMPT).alreadyPresent()).isEqualTo(2);
        assertThat(again.count(Kind.VERSION).alreadyPresent()).isEqualTo(4);
        assertThat(again.count(Kind.RESPONSE).alreadyPresent()).isEqualTo(3);
        assertThat(again.count(Kind.RATING).alreadyPresent()).isEqualTo(1);
        assertThat(again.count(Kind.PREFERENCE).alreadyPresent()).isEqualTo(1);
        assertThat(again.count(Kind.COLLECTION).alreadyPresent()).isEqualTo(1);
        assertThat(again.skippedCount()).isZero();
        assertThat(export(ada)).isEqualTo(file);
        assertThat(core.blobs.keys()).as("no body written for what was there").hasSize(blobs);
    }

    @Test
    void anotherUsersExportGetsIdsOfItsOwnOnceAndLeavesTheOriginalAlone() {
        seedAda();
        List<ImportItem> adas = export(ada);
        ImportReport first = importAll(bob, "jsonl", adas);
        assertThat(first.skippedCount()).isZero();
        assertThat(first.count(Kind.PROMPT).created()).isEqualTo(2);
        assertThat(first.count(Kind.RESPONSE).created()).isEqualTo(3);
        assertThat(first.count(Kind.RATING).created()).isEqualTo(1);
        assertThat(first.count(Kind.PREFERENCE).created()).isEqualTo(1);
        assertThat(first.count(Kind.COLLECTION).created()).isEqualTo(1);

        List<ImportItem> bobs = export(bob);
        List<String> adaIds = adas.stream().filter(ImportItem.OwnPrompt.class::isInstance)
                .map(i -> ((ImportItem.OwnPrompt) i).id()).toList();
        List<ImportItem.OwnPrompt> copies = bobs.stream().filter(ImportItem.OwnPrompt.class::isInstance)
                .map(ImportItem.OwnPrompt.class::cast).filter(p -> !p.text().equals("Bob's public prompt")).toList();
        assertThat(copies).hasSize(2).allSatisfy(p -> {
            assertThat(adaIds).doesNotContain(p.id());
            assertThat(p.ownerId()).isEqualTo(bob.id().value());
        });
        ImportItem.OwnCollection copy = (ImportItem.OwnCollection) bobs.getLast();
        assertThat(copy.promptIds()).as("Bob's copies, and Bob's own prompt under its own id").hasSize(3)
                .contains(copies.getFirst().id(), copies.getLast().id());

        ImportReport second = importAll(bob, "jsonl", adas);
        assertThat(second.count(Kind.PROMPT)).isEqualTo(new ImportReport.Count(0, 2));
        assertThat(second.count(Kind.RESPONSE)).isEqualTo(new ImportReport.Count(0, 3));
        assertThat(second.count(Kind.COLLECTION)).isEqualTo(new ImportReport.Count(0, 1));
        assertThat(export(bob)).isEqualTo(bobs);
        assertThat(export(ada)).as("Ada's data untouched").isEqualTo(adas);
    }

    @Test
    void idsOfSomeoneElsesRecordsAreSkippedNeverTouched() {
        seedAda();
        List<ImportItem> adas = export(ada);
        // A file claiming to be Bob's own, with Ada's ids: it must not reach Ada's data.
        List<ImportItem> forged = new ArrayList<>(adas.stream().map(item -> switch (item) {
            case ImportItem.OwnHeader h -> new ImportItem.OwnHeader(h.location(), h.format(), h.formatVersion(),
                    bob.id().value());
            case ImportItem.OwnPrompt p -> new ImportItem.OwnPrompt(p.location(), p.id(), bob.id().value(),
                    "Mine now", p.text(), p.tags(), p.isPublic(), p.createdAt(), p.updatedAt(), p.textVersion());
            default -> item;
        }).toList());
        ImportReport report = importAll(bob, "jsonl", forged);
        assertThat(report.count(Kind.PROMPT).created()).isZero();
        assertThat(report.count(Kind.RESPONSE).created()).isZero();
        assertThat(report.skipped()).extracting(ImportReport.Issue::reason)
                .contains("its id is taken by a prompt of another account", "its prompt was not imported");
        assertThat(export(ada)).isEqualTo(adas);
    }

    @Test
    void aBadRecordIsSkippedWithItsReasonAndTheOthersLand() {
        String owner = ada.id().value();
        java.time.Instant t = core.clock.instant();
        String p1 = java.util.UUID.randomUUID().toString();
        String p2 = java.util.UUID.randomUUID().toString();
        String p3 = java.util.UUID.randomUUID().toString();
        List<ImportItem> file = List.of(
                new ImportItem.OwnHeader("line 1", ExportEntry.FORMAT, 1, owner),
                new ImportItem.OwnPrompt("line 2", p1, owner, "", "good one", List.of(), false, t, t, 1),
                new ImportItem.OwnVersion("line 3", p1, 1, "", "good one", owner, "", t),
                new ImportItem.OwnPrompt("line 4", p2, owner, "x".repeat(201), "bad title", List.of(), false, t, t, 1),
                new ImportItem.OwnVersion("line 5", p2, 1, "", "bad title", owner, "", t),
                new ImportItem.OwnResponse("line 6", java.util.UUID.randomUUID().toString(), p2, "m", "orphan", true, 1, t, t),
                new ImportItem.OwnPrompt("line 7", p3, owner, "", "two", List.of(), false, t, t, 2),
                new ImportItem.OwnVersion("line 8", p3, 1, "", "one", owner, "", t),
                new ImportItem.OwnVersion("line 9", p3, 2, "", "   ", owner, "", t),
                new ImportItem.OwnResponse("line 10", java.util.UUID.randomUUID().toString(), p1, "", "no model", true, 1, t, t),
                new ImportItem.Unreadable("line 11", "not JSON"),
                new ImportItem.OwnResponse("line 12", java.util.UUID.randomUUID().toString(), p1, "m", "fine", true, 1, t, t));
        int blobsBefore = core.blobs.keys().size();
        ImportReport report = importAll(ada, "jsonl", file);
        assertThat(report.count(Kind.PROMPT).created()).isEqualTo(1);
        assertThat(report.count(Kind.RESPONSE).created()).isEqualTo(1);
        assertThat(report.skipped()).extracting(ImportReport.Issue::location)
                .containsExactly("line 4", "line 5", "line 6", "line 7", "line 10", "line 11");
        assertThat(report.skipped().get(0).reason()).contains("title");
        assertThat(report.skipped().get(2).reason()).isEqualTo("its prompt was not imported");
        assertThat(report.skipped().get(3).reason()).contains("line 9").contains("content");
        assertThat(report.skipped().get(4).reason()).contains("model");
        assertThat(report.skippedCount()).isEqualTo(6);
        assertThat(core.blobs.keys()).as("the refused prompt's version bodies were removed again")
                .hasSize(blobsBefore + 2);
    }

    @Test
    void foreignPromptsGetContentIdsAndImportOnce() {
        List<ImportItem> file = List.of(
                new ImportItem.ForeignPrompt("row 1", Optional.of("Linux terminal"), "Act as a terminal",
                        List.of("dev"), List.of(new ImportItem.ForeignResponse("gpt-4o", "$ ls"),
                        new ImportItem.ForeignResponse("gpt-4o", "$ ls"))),
                new ImportItem.ForeignPrompt("row 2", Optional.empty(), "Act as a poet", List.of(), List.of()),
                new ImportItem.ForeignPrompt("row 3", Optional.empty(), "  ", List.of(), List.of()));
        ImportReport first = importAll(ada, "prompts-chat-csv", file);
        assertThat(first.count(Kind.PROMPT)).isEqualTo(new ImportReport.Count(2, 0));
        assertThat(first.count(Kind.RESPONSE)).as("the same answer twice is one").isEqualTo(new ImportReport.Count(1, 0));
        assertThat(first.skipped()).singleElement().satisfies(s -> assertThat(s.location()).isEqualTo("row 3"));
        ImportReport second = importAll(ada, "prompts-chat-csv", file);
        assertThat(second.count(Kind.PROMPT)).isEqualTo(new ImportReport.Count(0, 2));
        assertThat(second.count(Kind.RESPONSE)).isEqualTo(new ImportReport.Count(0, 1));
        ImportReport bobs = importAll(bob, "prompts-chat-csv", file);
        assertThat(bobs.count(Kind.PROMPT)).as("ids are per person").isEqualTo(new ImportReport.Count(2, 0));
    }

    @Test
    void anUploadThatIsNotAnExportOrTooLongStopsTheImport() {
        java.time.Instant t = core.clock.instant();
        assertThatThrownBy(() -> importAll(ada, "jsonl", List.of(new ImportItem.OwnPrompt("line 1",
                java.util.UUID.randomUUID().toString(), ada.id().value(), "", "x", List.of(), false, t, t, 1))))
                .isInstanceOf(Invalid.class).hasMessageContaining("header");
        assertThatThrownBy(() -> importAll(ada, "jsonl", List.of(new ImportItem.OwnHeader("line 1", "other-tool", 1,
                ada.id().value())))).isInstanceOf(Invalid.class);
        Iterator<ImportItem> endless = IntStream.iterate(1, i -> i + 1)
                .<ImportItem>mapToObj(i -> new ImportItem.Unreadable("line " + i, "not JSON")).iterator();
        assertThatThrownBy(() -> core.app.importData().importData(new ImportDataCommand(ada, "jsonl", endless)))
                .isInstanceOf(TooLarge.class).hasMessageContaining(String.valueOf(ImportService.MAX_RECORDS));
        assertThatThrownBy(() -> importAll(Actor.ANONYMOUS, "jsonl", List.of()))
                .isInstanceOf(Unauthenticated.class);
    }

    @Test
    void oneImportAtATimePerPerson() {
        Iterator<ImportItem> reentrant = new Iterator<>() {
            private boolean asked;

            @Override
            public boolean hasNext() {
                if (!asked) {
                    asked = true;
                    assertThatThrownBy(() -> importAll(ada, "jsonl", List.of())).isInstanceOf(RateLimited.class)
                            .hasMessageContaining("still running");
                    assertThat(importAll(bob, "jsonl", List.of()).skippedCount()).as("others may").isZero();
                }
                return false;
            }

            @Override
            public ImportItem next() {
                throw new java.util.NoSuchElementException();
            }
        };
        core.app.importData().importData(new ImportDataCommand(ada, "jsonl", reentrant));
        assertThat(importAll(ada, "jsonl", List.of()).skippedCount()).as("free again").isZero();
    }
}
