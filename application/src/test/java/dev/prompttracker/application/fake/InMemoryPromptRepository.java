package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.PromptWithVersions;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.prompt.Tag;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.UserId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Prompts and their responses in memory; {@link InMemoryResponseRepository} shares the responses. */
public final class InMemoryPromptRepository implements PromptRepository {
    private static final Comparator<Prompt> NEWEST_UPDATE_FIRST = Comparator.comparing(Prompt::updatedAt)
            .thenComparing(p -> p.id().value()).reversed();
    /** Stable sort over insertion order, so responses created in the same instant keep their order. */
    static final Comparator<Response> OLDEST_FIRST = Comparator.comparing(Response::createdAt);

    final Map<PromptId, Prompt> prompts = new LinkedHashMap<>();
    final Map<ResponseId, Response> responses = new LinkedHashMap<>();
    /** Each prompt's versions, oldest first. */
    final Map<PromptId, List<PromptVersion>> versions = new LinkedHashMap<>();
    /** Each collection's prompts in order ({@link InMemoryCollectionRepository} shares them): a deleted prompt leaves them. */
    final Map<dev.prompttracker.domain.collection.CollectionId, List<PromptId>> collectionItems = new LinkedHashMap<>();
    /** Told the ids of deleted responses, in the same unit as the delete (the ratings fake drops their judgements). */
    final List<java.util.function.Consumer<ResponseId>> responseDeleted = new ArrayList<>();
    /** The searchable text of current bodies, by blob key (absent: the index would hold the preview). */
    final Map<BlobKey, String> searchTexts = new LinkedHashMap<>();

    @Override
    public synchronized void create(Prompt prompt, SearchText text) {
        if (prompts.putIfAbsent(prompt.id(), prompt) != null) {
            throw new Conflict("this prompt already exists");
        }
        versions.put(prompt.id(), new ArrayList<>(List.of(PromptVersion.of(prompt, prompt.ownerId(), Optional.empty()))));
        index(text);
    }

    @Override
    public synchronized void importPrompt(Prompt prompt, List<PromptVersion> versions, SearchText text) {
        PromptRepository.checkImport(prompt, versions, text);
        if (prompts.putIfAbsent(prompt.id(), prompt) != null) {
            throw new Conflict("this prompt already exists");
        }
        this.versions.put(prompt.id(), new ArrayList<>(versions));
        index(text);
    }

    /** Keeps a text only while its body is current, as the SQL store does. */
    synchronized void index(SearchText text) {
        boolean current = prompts.values().stream().anyMatch(p -> p.contentKey().equals(text.key()))
                || responses.values().stream().anyMatch(r -> r.contentKey().equals(text.key()));
        if (current) {
            searchTexts.put(text.key(), text.text());
        }
    }

    synchronized void prune() {
        searchTexts.keySet().removeIf(key -> prompts.values().stream().noneMatch(p -> p.contentKey().equals(key))
                && responses.values().stream().noneMatch(r -> r.contentKey().equals(key)));
    }

    @Override
    public synchronized Optional<Prompt> findById(PromptId id) {
        return Optional.ofNullable(prompts.get(id));
    }

    @Override
    public synchronized Optional<PromptWithResponses> findWithResponses(PromptId id) {
        return findById(id).map(prompt -> new PromptWithResponses(prompt, responses.values().stream()
                .filter(r -> r.promptId().equals(id)).sorted(OLDEST_FIRST).toList()));
    }

    @Override
    public synchronized PromptWithResponses update(Prompt revised, Optional<PromptVersion> newVersion,
                                                   Optional<SearchText> newText) {
        Prompt stored = prompts.get(revised.id());
        if (stored == null) {
            throw new NotFound("prompt not found");
        }
        if (stored.version() != revised.version() - 1) {
            throw new Conflict("the prompt was changed at the same time; reload it and try again");
        }
        prompts.put(revised.id(), revised);
        newVersion.ifPresent(version -> versions.get(revised.id()).add(version));
        newText.ifPresent(this::index);
        prune();
        return findWithResponses(revised.id()).orElseThrow();
    }

    @Override
    public synchronized Optional<PromptWithVersions> findWithVersions(PromptId id, java.util.Set<Integer> numbers) {
        return findById(id).map(prompt -> new PromptWithVersions(prompt, versions.getOrDefault(id, List.of()).stream()
                .filter(v -> numbers.contains(v.number())).toList()));
    }

    @Override
    public synchronized Optional<PromptWithVersions> findWithVersionPage(PromptId id, int limit,
                                                                         Optional<Integer> before) {
        return findById(id).map(prompt -> new PromptWithVersions(prompt, listVersions(id, limit, before)));
    }

    @Override
    public synchronized List<PromptVersion> listVersions(PromptId id, int limit, Optional<Integer> before) {
        return versions.getOrDefault(id, List.of()).reversed().stream()
                .filter(v -> before.map(b -> v.number() < b).orElse(true)).limit(limit).toList();
    }

    @Override
    public synchronized Deletion delete(PromptId id, UserId owner) {
        Prompt stored = prompts.get(id);
        if (stored == null || !stored.isOwnedBy(owner)) {
            return Deletion.refused(Optional.ofNullable(stored));
        }
        Prompt removed = prompts.remove(id);
        java.util.Set<BlobKey> keys = new java.util.LinkedHashSet<>();
        keys.add(removed.contentKey());
        versions.remove(id).forEach(version -> keys.add(version.contentKey()));
        collectionItems.values().forEach(items -> items.remove(id));
        responses.values().removeIf(response -> {
            if (response.promptId().equals(id)) {
                keys.add(response.contentKey());
                responseDeleted.forEach(listener -> listener.accept(response.id()));
                return true;
            }
            return false;
        });
        prune();
        return new Deletion(List.copyOf(keys), Optional.empty());
    }

    @Override
    public synchronized Page<PromptSummary> listByOwner(UserId owner, PromptFilter filter, PageRequest page) {
        Predicate<Prompt> matches = prompt -> prompt.isOwnedBy(owner);
        if (filter.tag().isPresent()) {
            matches = matches.and(prompt -> prompt.tags().contains(filter.tag().get()));
        }
        return list(matches, page);
    }

    @Override
    public synchronized Page<PromptSummary> listPublic(Optional<Tag> tag, PageRequest page) {
        Predicate<Prompt> matches = Prompt::isPublic;
        if (tag.isPresent()) {
            matches = matches.and(prompt -> prompt.tags().contains(tag.get()));
        }
        return list(matches, page);
    }

    @Override
    public synchronized SearchPage search(SearchCriteria criteria) {
        return new InMemorySearch(this).search(criteria);
    }

    @Override
    public synchronized List<UnindexedBody> unindexedBodies(int limit) {
        List<UnindexedBody> missing = new ArrayList<>();
        prompts.values().stream().filter(p -> !searchTexts.containsKey(p.contentKey()))
                .forEach(p -> missing.add(new UnindexedBody(p.contentKey(), true, p.contentPreview())));
        responses.values().stream().filter(r -> !searchTexts.containsKey(r.contentKey()))
                .forEach(r -> missing.add(new UnindexedBody(r.contentKey(), false, r.contentPreview())));
        return missing.stream().limit(limit).toList();
    }

    @Override
    public synchronized void indexBodies(List<SearchText> texts) {
        texts.forEach(this::index);
    }

    /** A prompt stored as before the search index: no searchable text for its body (tests of the re-index). */
    public synchronized void forgetSearchText(PromptId id) {
        searchTexts.remove(prompts.get(id).contentKey());
        responses.values().stream().filter(r -> r.promptId().equals(id)).forEach(r -> searchTexts.remove(r.contentKey()));
    }

    int responseCount(PromptId id) {
        return (int) responses.values().stream().filter(r -> r.promptId().equals(id)).count();
    }

    private Page<PromptSummary> list(Predicate<Prompt> matches, PageRequest page) {
        Predicate<Prompt> afterCursor = prompt -> page.after().map(cursor -> isAfter(prompt, cursor)).orElse(true);
        int size = page.size().value();
        List<Prompt> found = prompts.values().stream().filter(matches).filter(afterCursor)
                .sorted(NEWEST_UPDATE_FIRST).limit(size + 1L).toList();
        List<PromptSummary> items = found.stream().limit(size)
                .map(prompt -> new PromptSummary(prompt, (int) responses.values().stream()
                        .filter(r -> r.promptId().equals(prompt.id())).count()))
                .toList();
        Optional<PageCursor> next = found.size() > size
                ? Optional.of(new PageCursor(items.getLast().prompt().updatedAt(), items.getLast().prompt().id().value()))
                : Optional.empty();
        return new Page<>(items, next);
    }

    private static boolean isAfter(Prompt prompt, PageCursor cursor) {
        int byTime = prompt.updatedAt().compareTo(cursor.at());
        return byTime < 0 || (byTime == 0 && prompt.id().value().compareTo(cursor.id()) < 0);
    }
}
