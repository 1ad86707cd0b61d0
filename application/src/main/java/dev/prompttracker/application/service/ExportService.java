package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.ExportDataQuery;
import dev.prompttracker.application.port.in.ExportDataUseCase;
import dev.prompttracker.application.port.in.ExportEntry;
import dev.prompttracker.application.port.out.CollectionRepository;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.RatingRepository;
import dev.prompttracker.application.port.out.ResponseRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.collection.CollectionItem;
import dev.prompttracker.domain.collection.CollectionSummary;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.page.PageSize;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.rating.Preference;
import dev.prompttracker.domain.rating.Rating;
import dev.prompttracker.domain.user.UserId;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything of the caller's as a lazy sequence of records (transfer.proto's ExportData): a page of
 * prompts is read when the records before it are taken, each body when its record is taken.
 */
final class ExportService implements ExportDataUseCase {
    /** Prompts per page read from the store; their records are queued as metadata, bodies read one at a time. */
    static final int PROMPT_PAGE = 20;
    static final int VERSION_PAGE = 100;

    private final PromptRepository prompts;
    private final ResponseRepository responses;
    private final RatingRepository ratings;
    private final CollectionRepository collections;
    private final Bodies bodies;
    private final Clock clock;

    ExportService(PromptRepository prompts, ResponseRepository responses, RatingRepository ratings,
                  CollectionRepository collections, Bodies bodies, Clock clock) {
        this.prompts = prompts;
        this.responses = responses;
        this.ratings = ratings;
        this.collections = collections;
        this.bodies = bodies;
        this.clock = clock;
    }

    @Override
    public Iterator<ExportEntry> exportData(ExportDataQuery query) {
        Actor.SignedIn actor = AuthService.signedIn(query.actor());
        if (!query.format().isEmpty() && !query.format().equals("jsonl")) {
            throw Invalid.field("format", "must be jsonl");
        }
        return new Records(actor.id());
    }

    /** The records, produced as they are taken: a queue of suppliers, refilled a page at a time. */
    private final class Records implements Iterator<ExportEntry> {
        private final UserId owner;
        private final Deque<Supplier<ExportEntry>> queued = new ArrayDeque<>();
        private Optional<PageCursor> nextPrompts = Optional.empty();
        private Optional<PageCursor> nextCollections = Optional.empty();
        private Stage stage = Stage.PROMPTS;

        Records(UserId owner) {
            this.owner = owner;
            queued.add(() -> new ExportEntry.Header(ExportEntry.FORMAT, ExportEntry.FORMAT_VERSION, clock.instant(),
                    owner));
        }

        @Override
        public boolean hasNext() {
            while (queued.isEmpty() && stage != Stage.DONE) {
                refill();
            }
            return !queued.isEmpty();
        }

        @Override
        public ExportEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return queued.removeFirst().get();
        }

        private void refill() {
            switch (stage) {
                case PROMPTS -> {
                    Page<PromptSummary> page = prompts.listByOwner(owner, PromptRepository.PromptFilter.none(),
                            new PageRequest(PageSize.of(PROMPT_PAGE), nextPrompts));
                    page.items().forEach(summary -> queuePrompt(summary.prompt()));
                    nextPrompts = page.next();
                    if (nextPrompts.isEmpty()) {
                        stage = Stage.COLLECTIONS;
                    }
                }
                case COLLECTIONS -> {
                    Page<CollectionSummary> page = collections.listByOwner(owner,
                            new PageRequest(PageSize.of(PROMPT_PAGE), nextCollections));
                    // Metadata only (ids), so the page's collections are read now; one deleted meanwhile is left out.
                    for (CollectionSummary summary : page.items()) {
                        collections.findWithItems(summary.collection().id()).ifPresent(contents -> {
                            ExportEntry entry = new ExportEntry.CollectionEntry(contents.collection(),
                                    contents.items().stream().map(CollectionItem::promptId).toList());
                            queued.add(() -> entry);
                        });
                    }
                    nextCollections = page.next();
                    if (nextCollections.isEmpty()) {
                        stage = Stage.DONE;
                    }
                }
                case DONE -> {
                }
            }
        }

        /** The prompt's records in the file's order; the metadata is read now, the bodies when taken. */
        private void queuePrompt(Prompt prompt) {
            queued.add(() -> new ExportEntry.PromptEntry(prompt, bodies.read(prompt.contentKey())));
            for (PromptVersion version : versionsOldestFirst(prompt)) {
                queued.add(() -> new ExportEntry.VersionEntry(version, bodies.read(version.contentKey())));
            }
            for (Response response : responses.listByPrompt(prompt.id(), Optional.empty())) {
                queued.add(() -> new ExportEntry.ResponseEntry(response, bodies.read(response.contentKey())));
            }
            // Sorted, so that two exports of the same data are the same file.
            for (Rating rating : ratings.ratingsBy(prompt.id(), owner).stream()
                    .sorted(Comparator.comparing(r -> r.responseId().value())).toList()) {
                queued.add(() -> new ExportEntry.RatingEntry(rating));
            }
            for (Preference preference : ratings.preferencesBy(prompt.id(), owner).stream()
                    .sorted(Comparator.comparing(Preference::pairKey)).toList()) {
                queued.add(() -> new ExportEntry.PreferenceEntry(preference));
            }
        }

        private List<PromptVersion> versionsOldestFirst(Prompt prompt) {
            List<PromptVersion> all = new ArrayList<>();
            Optional<Integer> before = Optional.empty();
            while (true) {
                List<PromptVersion> page = prompts.listVersions(prompt.id(), VERSION_PAGE, before);
                all.addAll(page);
                if (page.size() < VERSION_PAGE) {
                    break;
                }
                before = Optional.of(page.getLast().number());
            }
            return all.reversed();
        }
    }

    private enum Stage { PROMPTS, COLLECTIONS, DONE }
}
