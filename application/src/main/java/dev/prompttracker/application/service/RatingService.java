package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.ExportPreferencesQuery;
import dev.prompttracker.application.port.in.ExportPreferencesUseCase;
import dev.prompttracker.application.port.in.GetLeaderboardQuery;
import dev.prompttracker.application.port.in.GetLeaderboardUseCase;
import dev.prompttracker.application.port.in.GetPromptRatingsQuery;
import dev.prompttracker.application.port.in.GetPromptRatingsUseCase;
import dev.prompttracker.application.port.in.PreferResponseCommand;
import dev.prompttracker.application.port.in.PreferResponseUseCase;
import dev.prompttracker.application.port.in.PreferenceExample;
import dev.prompttracker.application.port.in.PreferenceExportPage;
import dev.prompttracker.application.port.in.PromptRatings;
import dev.prompttracker.application.port.in.RankResponsesCommand;
import dev.prompttracker.application.port.in.RankResponsesUseCase;
import dev.prompttracker.application.port.in.RateResponseCommand;
import dev.prompttracker.application.port.in.RateResponseUseCase;
import dev.prompttracker.application.port.out.PreferenceRecord;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.out.RatingRepository;
import dev.prompttracker.application.port.out.RatingRepository.Judged;
import dev.prompttracker.application.port.out.RatingRepository.PromptJudgements;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.error.InputCheck;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.rating.Leaderboard;
import dev.prompttracker.domain.rating.Note;
import dev.prompttracker.domain.rating.Preference;
import dev.prompttracker.domain.rating.Ranking;
import dev.prompttracker.domain.rating.Rating;
import dev.prompttracker.domain.rating.RatingScope;
import dev.prompttracker.domain.rating.Stars;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Ratings (1–5 stars and a note) and pairwise preferences of responses, rankings stored as the
 * preferences they imply, the per-model leaderboard and the preference export. Anyone who may read a
 * prompt may judge its responses (their own judgements); only the prompt's owner sees everyone's
 * ratings summed.
 */
final class RatingService implements RateResponseUseCase, PreferResponseUseCase, RankResponsesUseCase,
        GetPromptRatingsUseCase, GetLeaderboardUseCase, ExportPreferencesUseCase {
    static final int DEFAULT_EXPORT_PAGE = 20;
    /** Each line holds up to three bodies of up to 1 MiB: a page stays a bounded read. */
    static final int MAX_EXPORT_PAGE = 50;

    private final RatingRepository ratings;
    private final PromptAccess access;
    private final Bodies bodies;
    private final Quotas quotas;
    private final Clock clock;
    private final ReentrantLock publicBoardFit = new ReentrantLock();
    private volatile FittedBoard publicBoard;

    private record FittedBoard(Leaderboard board, Instant fittedAt) {
    }

    RatingService(RatingRepository ratings, PromptAccess access, Bodies bodies, Quotas quotas, Clock clock) {
        this.ratings = ratings;
        this.access = access;
        this.bodies = bodies;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public Rating rateResponse(RateResponseCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        InputCheck check = new InputCheck();
        Optional<Stars> stars = check.field(() -> new Stars(command.stars()));
        Optional<Note> note = check.field(() -> Note.parse("note", command.note()));
        check.done();
        quotas.write(actor.id());
        Instant now = clock.instant();
        Optional<Save> save = ResponseId.parse(command.responseId()).map(id -> prompt -> ratings.saveRatingIfAllowed(
                new Rating(prompt, id, actor.id(), stars.orElseThrow(), note.orElseThrow(), now)));
        Judged judged = judged(actor, command.promptId(), command.client(), save);
        Response response = PromptAccess.response(judged.found(), command.responseId());
        return saved(judged, new Rating(judged.found().prompt().id(), response.id(), actor.id(), stars.orElseThrow(),
                note.orElseThrow(), now));
    }

    @Override
    public Preference preferResponse(PreferResponseCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        Note reason = Note.parse("reason", command.reason());
        quotas.write(actor.id());
        Instant now = clock.instant();
        Optional<ResponseId> rejectedId = ResponseId.parse(command.rejectedResponseId());
        Optional<Save> save = ResponseId.parse(command.chosenResponseId())
                .flatMap(chosen -> rejectedId.filter(rejected -> !rejected.equals(chosen))
                        .map(rejected -> prompt -> ratings.savePreferencesIfAllowed(List.of(new Preference(prompt,
                                chosen, rejected, actor.id(), reason, now)), false)));
        Judged judged = judged(actor, command.promptId(), command.client(), save);
        Response chosen = PromptAccess.response(judged.found(), command.chosenResponseId());
        Response rejected = PromptAccess.response(judged.found(), command.rejectedResponseId());
        return saved(judged, new Preference(judged.found().prompt().id(), chosen.id(), rejected.id(), actor.id(), reason,
                now));
    }

    @Override
    public List<Preference> rankResponses(RankResponsesCommand command) {
        Actor.SignedIn actor = AuthService.signedIn(command.actor());
        Note reason = Note.parse("reason", command.reason());
        if (command.responseIds().size() > ResponseService.MAX_RESPONSES_PER_PROMPT) {
            throw Invalid.field("responseIds", "a prompt holds at most " + ResponseService.MAX_RESPONSES_PER_PROMPT
                    + " responses");
        }
        quotas.write(actor.id());
        Instant now = clock.instant();
        List<Optional<ResponseId>> parsed = command.responseIds().stream().map(ResponseId::parse).toList();
        List<ResponseId> named = parsed.stream().flatMap(Optional::stream).toList();
        // A ranking that could be right (two or more responses, each once) is saved if the prompt holds
        // exactly those; otherwise the rules below refuse it.
        Optional<Save> save = named.size() == parsed.size() && named.size() >= 2
                && new HashSet<>(named).size() == named.size()
                ? Optional.of(prompt -> ratings.savePreferencesIfAllowed(Ranking.preferences(prompt, named,
                        new LinkedHashSet<>(named), actor.id(), reason, now), true))
                : Optional.empty();
        Judged judged = judged(actor, command.promptId(), command.client(), save);
        Prompt prompt = judged.found().prompt();
        Set<ResponseId> all = judged.found().responses().stream().map(Response::id)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<ResponseId> order = new ArrayList<>();
        for (String raw : command.responseIds()) {
            order.add(ResponseId.parse(raw).filter(all::contains).orElseThrow(() -> Invalid.field("responseIds",
                    "names " + raw + ", which is not a response of this prompt")));
        }
        return saved(judged, Ranking.preferences(prompt.id(), order, all, actor.id(), reason, now));
    }

    /** Saves a judgement of the prompt named, with the checks, in one call to the store. */
    private interface Save extends Function<PromptId, Optional<Judged>> {
    }

    /**
     * The prompt with its responses, checked readable by the caller, as the one call to the store found
     * them: {@code save}, when the request names a judgement that could be saved, else a read.
     */
    private Judged judged(Actor actor, String promptId, ClientInfo client, Optional<Save> save) {
        if (save.isEmpty()) {
            return new Judged(access.readableWithResponses(actor, promptId, client), false);
        }
        return access.readableWith(actor, promptId, client, save.get(), judged -> judged.found().prompt());
    }

    /** The judgement the rules allowed, which the store saved when it checked the same. */
    private static <T> T saved(Judged judged, T judgement) {
        if (!judged.saved()) {
            throw new IllegalStateException("the store refused a judgement the rules allow");
        }
        return judgement;
    }

    @Override
    public PromptRatings promptRatings(GetPromptRatingsQuery query) {
        // The prompt with what this caller may see of its judgements, in one read.
        PromptJudgements found = access.readableWith(query.actor(), query.promptId(), query.client(),
                id -> ratings.judgementsOf(id, query.actor().userId()), PromptJudgements::prompt);
        return new PromptRatings(found.ratings(), found.preferences(), found.totals());
    }

    @Override
    public Leaderboard leaderboard(GetLeaderboardQuery query) {
        RatingScope scope = scope(query.actor(), query.scope(), query.client());
        return scope instanceof RatingScope.Public ? publicLeaderboard() : fit(scope);
    }

    private Leaderboard fit(RatingScope scope) {
        RatingRepository.LeaderboardInputs inputs = ratings.leaderboardInputs(scope);
        return Leaderboard.of(inputs.comparisons(), inputs.modelRatings());
    }

    /** One fit per expiry however many callers ask at once: the others wait for it rather than scan too. */
    private Leaderboard publicLeaderboard() {
        FittedBoard fitted = publicBoard;
        if (fresh(fitted)) {
            return fitted.board();
        }
        publicBoardFit.lock();
        try {
            fitted = publicBoard;
            if (!fresh(fitted)) {
                Instant now = clock.instant();
                fitted = new FittedBoard(fit(RatingScope.PUBLIC), now);
                publicBoard = fitted;
            }
            return fitted.board();
        } finally {
            publicBoardFit.unlock();
        }
    }

    private boolean fresh(FittedBoard fitted) {
        if (fitted == null) {
            return false;
        }
        Instant now = clock.instant();
        return !now.isBefore(fitted.fittedAt()) && now.isBefore(fitted.fittedAt().plus(PUBLIC_LEADERBOARD_MAX_AGE));
    }

    @Override
    public PreferenceExportPage exportPreferences(ExportPreferencesQuery query) {
        InputCheck check = new InputCheck();
        Optional<Integer> size = check.field(() -> pageSize(query.pageSize()));
        Optional<Optional<String>> cursor = check.field(() -> cursor(query.pageToken()));
        check.done();
        RatingScope scope = scope(query.actor(), query.scope(), query.client());
        List<PreferenceRecord> page = ratings.preferencesAfter(scope, cursor.orElseThrow(), size.orElseThrow());
        Set<BlobKey> keys = new LinkedHashSet<>();
        page.forEach(r -> {
            keys.add(r.promptKey());
            keys.add(r.chosenKey());
            keys.add(r.rejectedKey());
        });
        Map<BlobKey, Content> texts = bodies.readAll(keys);
        List<PreferenceExample> examples = page.stream().map(r -> new PreferenceExample(r.promptId(),
                texts.get(r.promptKey()).value(), r.chosen(), texts.get(r.chosenKey()).value(), r.chosenModel(),
                r.rejected(), texts.get(r.rejectedKey()).value(), r.rejectedModel(), r.reason(), r.updatedAt()))
                .toList();
        Optional<String> next = page.size() < size.orElseThrow() ? Optional.empty()
                : Optional.of(token(page.getLast().cursor()));
        return new PreferenceExportPage(examples, next);
    }

    /** The scope asked for; an anonymous caller may only read the public one, and pays an anonymous read for it. */
    private RatingScope scope(Actor actor, String raw, ClientInfo client) {
        RatingScope scope = RatingScope.parse(raw, actor.userId());
        if (actor instanceof Actor.Anonymous) {
            quotas.anonymousRead(client);
        }
        return scope;
    }

    private static int pageSize(int requested) {
        if (requested < 0 || requested > MAX_EXPORT_PAGE) {
            throw Invalid.field("pageSize", "must be 1 to " + MAX_EXPORT_PAGE + " (0 for " + DEFAULT_EXPORT_PAGE + ")");
        }
        return requested == 0 ? DEFAULT_EXPORT_PAGE : requested;
    }

    private static String token(String cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> cursor(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            String cursor = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
            if (cursor.length() > 120 || !cursor.matches("[0-9a-f-]+/[0-9a-f-]+:[0-9a-f-]+")) {
                throw Invalid.field("pageToken", "is not a token this export gave out");
            }
            return Optional.of(cursor);
        } catch (IllegalArgumentException e) {
            throw Invalid.field("pageToken", "is not a token this export gave out");
        }
    }
}
