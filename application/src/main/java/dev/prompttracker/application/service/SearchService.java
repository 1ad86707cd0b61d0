package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.IndexSearchBodiesUseCase;
import dev.prompttracker.application.port.in.SearchPromptsQuery;
import dev.prompttracker.application.port.in.SearchPromptsUseCase;
import dev.prompttracker.application.port.in.SearchResults;
import dev.prompttracker.application.port.out.BlobStore;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.PromptRepository.SearchCriteria;
import dev.prompttracker.application.port.out.PromptRepository.SearchPage;
import dev.prompttracker.application.port.out.PromptRepository.UnindexedBody;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.page.PageSize;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Tag;
import dev.prompttracker.domain.search.SearchQuery;
import dev.prompttracker.domain.search.SearchText;
import dev.prompttracker.domain.user.UserId;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Full-text search: parses the user's query into a safe {@link SearchQuery}, narrows it to what the
 * caller may read (their own prompts and public ones; never another user's private prompt), and pages
 * by offset up to {@value #MAX_RESULTS} hits deep. Also fills in the index for bodies stored before it.
 */
final class SearchService implements SearchPromptsUseCase, IndexSearchBodiesUseCase {
    /** Deepest hit a client can page to: relevance pages are offsets, and deep offsets cost the store. */
    static final int MAX_RESULTS = 1000;
    /** Bodies indexed per pass of {@link #indexMissingBodies}: one read and one write of the metadata store. */
    static final int INDEX_BATCH = 20;
    private static final String TOKEN_PREFIX = "s1|";

    private final PromptRepository prompts;
    private final BlobStore blobs;
    private final Quotas quotas;

    SearchService(PromptRepository prompts, BlobStore blobs, Quotas quotas) {
        this.prompts = prompts;
        this.blobs = blobs;
        this.quotas = quotas;
    }

    @Override
    public SearchResults searchPrompts(SearchPromptsQuery query) {
        InputCheck check = new InputCheck();
        Optional<List<Tag>> tag = check.field(() -> query.tag().isBlank() ? List.of()
                : List.of(parseFilter("tag", () -> Tag.parse(query.tag()))));
        Optional<List<ModelName>> model = check.field(() -> query.model().isBlank() ? List.of()
                : List.of(parseFilter("model", () -> ModelName.parse(query.model()))));
        Optional<PageSize> size = check.field(() -> PageSize.of(query.pageSize()));
        Optional<Integer> offset = check.field(() -> parseToken(query.pageToken()));
        Optional<Optional<Instant>> from = check.field(() -> instant("from", query.from(), false));
        Optional<Optional<Instant>> to = check.field(() -> instant("to", query.to(), true));
        Optional<String> scope = check.field(() -> scope(query.scope()));
        check.done();
        SearchQuery parsed = SearchQuery.parse(query.q(), tag.orElseThrow(), model.orElseThrow());
        if (from.orElseThrow().isPresent() && to.orElseThrow().isPresent()
                && !from.orElseThrow().get().isBefore(to.orElseThrow().get())) {
            throw Invalid.field("to", "must be after from");
        }
        Optional<UserId> owner = switch (scope.orElseThrow()) {
            case "own" -> Optional.of(AuthService.signedIn(query.actor()).id());
            case "public" -> Optional.empty();
            default -> query.actor().userId();
        };
        boolean includePublic = !scope.orElseThrow().equals("own");
        if (query.actor() instanceof Actor.Anonymous) {
            quotas.anonymousRead(query.client());
        }
        int first = offset.orElseThrow();
        int limit = Math.min(size.orElseThrow().value(), MAX_RESULTS - first);
        SearchPage page = prompts.search(new SearchCriteria(parsed, owner, includePublic, from.orElseThrow(),
                to.orElseThrow(), first, limit));
        int next = first + page.hits().size();
        return new SearchResults(page.hits(),
                page.more() && next < MAX_RESULTS ? Optional.of(token(next)) : Optional.empty());
    }

    @Override
    public int indexMissingBodies() {
        List<UnindexedBody> missing = prompts.unindexedBodies(INDEX_BATCH);
        if (missing.isEmpty()) {
            return 0;
        }
        Map<BlobKey, byte[]> found = blobs.getAll(missing.stream().map(UnindexedBody::key).toList());
        List<SearchText> texts = new ArrayList<>();
        for (UnindexedBody body : missing) {
            byte[] bytes = found.get(body.key());
            // A body lost from blob storage keeps its preview, so the pass ends all the same.
            String text = bytes == null ? body.preview().value() : new String(bytes, StandardCharsets.UTF_8);
            texts.add(body.ofPrompt() ? SearchText.ofPrompt(body.key(), text) : SearchText.ofResponse(body.key(), text));
        }
        prompts.indexBodies(texts);
        return texts.size();
    }

    private static <T> T parseFilter(String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (Invalid invalid) {
            throw Invalid.field(field, invalid.fieldErrors().getFirst().message());
        }
    }

    private static String scope(String raw) {
        String scope = raw.strip().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("", "own", "public").contains(scope)) {
            throw Invalid.field("scope", "must be own, public, or empty for both your prompts and public ones");
        }
        return scope;
    }

    /** A date ({@code 2026-12-31}, a whole UTC day: {@code to} includes it) or an RFC 3339 time. */
    static Optional<Instant> instant(String field, String raw, boolean endOfRange) {
        String text = raw.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return Optional.of((endOfRange ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (text.length() <= 40) {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            }
        } catch (DateTimeException | ArithmeticException malformed) {
            // answered below
        }
        throw Invalid.field(field, "must be a date like 2026-12-31 or a time like 2026-12-31T23:59:59Z");
    }

    static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int parseToken(String token) {
        if (token.isEmpty()) {
            return 0;
        }
        Invalid invalid = Invalid.field("pageToken", "is not a search page token issued by this server");
        if (token.length() > 40) {
            throw invalid;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!plain.startsWith(TOKEN_PREFIX)) {
                throw invalid;
            }
            int offset = Integer.parseInt(plain.substring(TOKEN_PREFIX.length()));
            if (offset < 1 || offset >= MAX_RESULTS) {
                throw invalid;
            }
            return offset;
        } catch (IllegalArgumentException malformed) {
            throw invalid;
        }
    }
}
