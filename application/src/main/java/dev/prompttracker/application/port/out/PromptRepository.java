package dev.prompttracker.application.port.out;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.PromptWithVersions;
import dev.prompttracker.domain.prompt.Tag;
import dev.prompttracker.domain.search.SearchHit;
import dev.prompttracker.domain.search.SearchQuery;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Prompt metadata (the bodies are in the {@link BlobStore}). Lists are ordered newest update first.
 * Each prompt is also a document of the full-text search index (title, text, responses' texts, model
 * names, tags), changed in the same unit as the metadata by every write of this port and of
 * {@link ResponseRepository}; the bodies' searchable text comes in as {@link SearchText}.
 */
public interface PromptRepository {

    /**
     * Stores a new prompt with version 1 of its text (written by its owner, no message) and indexes it
     * with {@code text} (the searchable text of its body), as one unit.
     */
    void create(Prompt prompt, SearchText text);

    /**
     * Stores a prompt with the versions it already had (an import): {@code versions} are numbered 1 to
     * {@code prompt.textVersion()} in order, the last one being the prompt's title and body. Indexes it
     * with {@code text} and keeps every id, time and number as given, as one unit. {@code Conflict} when
     * the id exists, {@code NotFound} when the owner does not.
     */
    void importPrompt(Prompt prompt, List<PromptVersion> versions, SearchText text);

    /** What every store checks of the arguments of {@link #importPrompt} before writing anything. */
    static void checkImport(Prompt prompt, List<PromptVersion> versions, SearchText text) {
        if (versions.isEmpty() || versions.size() != prompt.textVersion()) {
            throw new IllegalArgumentException("an imported prompt comes with versions 1 to its text version");
        }
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).number() != i + 1 || !versions.get(i).promptId().equals(prompt.id())) {
                throw new IllegalArgumentException("versions must be the prompt's, numbered 1, 2, 3... in order");
            }
        }
        if (!versions.getLast().contentKey().equals(prompt.contentKey()) || !text.key().equals(prompt.contentKey())) {
            throw new IllegalArgumentException("the last version and the search text are of the prompt's body");
        }
    }

    Optional<Prompt> findById(PromptId id);

    /** The prompt and its responses (oldest first), read as one unit. */
    Optional<PromptWithResponses> findWithResponses(PromptId id);

    /**
     * Stores {@code revised} if the stored version is still {@code revised.version() - 1}, together
     * with {@code newVersion} (its text version, when the title or text changed) and {@code newText}
     * (the searchable text of its body, when the body changed) as one unit; {@code Conflict} when
     * someone else changed it first, {@code NotFound} when it is gone. Answers the prompt as that unit
     * left it, with its responses, read in the same unit (so an answer needs no second call).
     */
    PromptWithResponses update(Prompt revised, Optional<PromptVersion> newVersion, Optional<SearchText> newText);

    /**
     * Deletes the prompt with its tags, versions and responses as one unit, only if it is {@code owner}'s,
     * and returns the blob keys of every deleted row, each once, so the caller can delete the bodies;
     * when it deleted nothing, the prompt as that unit left it instead (empty when there is none), so the
     * caller can tell why.
     */
    Deletion delete(PromptId id, UserId owner);

    /** The prompt and those of its versions numbered in {@code numbers} (oldest first), read as one unit. */
    Optional<PromptWithVersions> findWithVersions(PromptId id, Set<Integer> numbers);

    /** Up to {@code limit} versions of the prompt, newest first, only those numbered below {@code before}. */
    List<PromptVersion> listVersions(PromptId id, int limit, Optional<Integer> before);

    /** The prompt and the versions {@link #listVersions} gives, read as one unit. */
    Optional<PromptWithVersions> findWithVersionPage(PromptId id, int limit, Optional<Integer> before);

    Page<PromptSummary> listByOwner(UserId owner, PromptFilter filter, PageRequest page);

    Page<PromptSummary> listPublic(Optional<Tag> tag, PageRequest page);

    /**
     * The prompts the criteria allow that match the query, most relevant first (ties: newest update
     * first), from {@code offset}, at most {@code limit}; titles and snippets with the matches marked.
     */
    SearchPage search(SearchCriteria criteria);

    /**
     * Up to {@code limit} bodies of current prompts and responses whose searchable text is not indexed
     * yet (prompts stored before the search index existed): the index holds their previews instead.
     */
    List<UnindexedBody> unindexedBodies(int limit);

    /**
     * Indexes the searchable text of bodies listed by {@link #unindexedBodies}, as one unit; a text
     * whose body is no longer current (changed or deleted meanwhile) is skipped.
     */
    void indexBodies(List<SearchText> texts);

    /** What {@link #delete} did: the blob keys of the rows it deleted, or the prompt it kept (if any). */
    record Deletion(List<BlobKey> keys, Optional<Prompt> kept) {
        public Deletion {
            keys = List.copyOf(keys);
            Objects.requireNonNull(kept, "kept");
            if (!keys.isEmpty() && kept.isPresent()) {
                throw new IllegalArgumentException("a prompt is either deleted or kept");
            }
        }

        public static Deletion refused(Optional<Prompt> kept) {
            return new Deletion(List.of(), kept);
        }

        /** A prompt always has a body: deleting it returns at least that key. */
        public boolean deleted() {
            return !keys.isEmpty();
        }
    }

    /** Narrows an owner's list by tag. */
    record PromptFilter(Optional<Tag> tag) {
        public PromptFilter {
            Objects.requireNonNull(tag, "tag");
        }

        public static PromptFilter none() {
            return new PromptFilter(Optional.empty());
        }
    }

    /**
     * Which prompts a search may find: the owner's (when given), public ones (when {@code includePublic}),
     * or both; created in [{@code from}, {@code to}) when given.
     */
    record SearchCriteria(SearchQuery query, Optional<UserId> owner, boolean includePublic,
                          Optional<Instant> from, Optional<Instant> to, int offset, int limit) {
        public SearchCriteria {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (owner.isEmpty() && !includePublic) {
                throw new IllegalArgumentException("a search covers an owner's prompts, public ones or both");
            }
            if (offset < 0 || limit < 1) {
                throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
            }
        }
    }

    /** A page of hits; {@code more} when further hits follow. */
    record SearchPage(List<SearchHit> hits, boolean more) {
        public SearchPage {
            hits = List.copyOf(hits);
        }
    }

    /** A current body whose searchable text the index lacks. */
    record UnindexedBody(BlobKey key, boolean ofPrompt, ContentPreview preview) {
        public UnindexedBody {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(preview, "preview");
        }
    }
}
