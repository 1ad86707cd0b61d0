package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.PreferenceRecord;
import dev.prompttracker.application.port.out.RatingRepository;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.PromptWithResponses;
import dev.prompttracker.domain.prompt.ResponseId;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.rating.ModelComparison;
import dev.prompttracker.domain.rating.ModelRatings;
import dev.prompttracker.domain.rating.Preference;
import dev.prompttracker.domain.rating.Rating;
import dev.prompttracker.domain.rating.RatingScope;
import dev.prompttracker.domain.rating.ResponseRatings;
import dev.prompttracker.domain.user.UserId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Ratings and preferences in memory, beside the prompts and responses of the {@link InMemoryPromptRepository}
 * given. Those repositories tell this one which responses they delete, and their judgements go in the
 * same unit, as in the SQL store (a response id that comes back, as an import brings it, has none).
 */
public final class InMemoryRatingRepository implements RatingRepository {
    private final InMemoryPromptRepository store;
    private final Map<String, Rating> ratings = new LinkedHashMap<>();
    private final TreeMap<String, Preference> preferences = new TreeMap<>();

    public InMemoryRatingRepository(InMemoryPromptRepository store) {
        this.store = store;
        store.responseDeleted.add(id -> {
            ratings.values().removeIf(r -> r.responseId().equals(id));
            preferences.values().removeIf(p -> p.chosen().equals(id) || p.rejected().equals(id));
        });
    }

    private static String cursorOf(Preference p) {
        return p.raterId().value() + "/" + p.pairKey();
    }

    @Override
    public void saveRating(Rating rating) {
        synchronized (store) {
            purge();
            if (!store.responses.containsKey(rating.responseId())) {
                throw new NotFound("response not found");
            }
            ratings.put(rating.responseId().value() + "/" + rating.raterId().value(), rating);
        }
    }

    @Override
    public void savePreferences(List<Preference> saved) {
        synchronized (store) {
            purge();
            for (Preference p : saved) {
                if (!store.responses.containsKey(p.chosen()) || !store.responses.containsKey(p.rejected())) {
                    throw new NotFound("response not found");
                }
            }
            saved.forEach(p -> preferences.put(cursorOf(p), p));
        }
    }

    @Override
    public Optional<Judged> saveRatingIfAllowed(Rating rating) {
        synchronized (store) {
            Optional<PromptWithResponses> found = store.findWithResponses(rating.promptId());
            boolean allowed = found.filter(f -> judgeable(f, rating.raterId(), Set.of(rating.responseId()), false))
                    .isPresent();
            if (allowed) {
                saveRating(rating);
            }
            return found.map(f -> new Judged(f, allowed));
        }
    }

    @Override
    public Optional<Judged> savePreferencesIfAllowed(List<Preference> saved, boolean wholeRanking) {
        synchronized (store) {
            Preference judge = RatingRepository.sameJudge(saved);
            Set<ResponseId> named = new HashSet<>();
            saved.forEach(p -> {
                named.add(p.chosen());
                named.add(p.rejected());
            });
            Optional<PromptWithResponses> found = store.findWithResponses(judge.promptId());
            boolean allowed = found.filter(f -> judgeable(f, judge.raterId(), named, wholeRanking)).isPresent();
            if (allowed) {
                savePreferences(saved);
            }
            return found.map(f -> new Judged(f, allowed));
        }
    }

    /** The prompt is readable by the rater and holds every response named (when {@code exactly}, no other). */
    private static boolean judgeable(PromptWithResponses found, UserId rater, Set<ResponseId> named, boolean exactly) {
        Set<ResponseId> held = found.responses().stream().map(Response::id).collect(Collectors.toSet());
        return found.prompt().isReadableBy(Optional.of(rater)) && held.containsAll(named)
                && (!exactly || held.size() == named.size());
    }

    @Override
    public List<Rating> ratingsBy(PromptId prompt, UserId rater) {
        synchronized (store) {
            purge();
            return ratings.values().stream().filter(r -> r.promptId().equals(prompt) && r.raterId().equals(rater))
                    .toList();
        }
    }

    @Override
    public List<Preference> preferencesBy(PromptId prompt, UserId rater) {
        synchronized (store) {
            purge();
            return preferences.values().stream()
                    .filter(p -> p.promptId().equals(prompt) && p.raterId().equals(rater)).toList();
        }
    }

    @Override
    public Optional<PromptJudgements> judgementsOf(PromptId prompt, Optional<UserId> viewer) {
        synchronized (store) {
            return store.findById(prompt).map(found -> viewer.map(rater -> new PromptJudgements(found,
                    ratingsBy(prompt, rater), preferencesBy(prompt, rater),
                    found.isOwnedBy(rater) ? ratingTotals(prompt) : List.of()))
                    .orElseGet(() -> new PromptJudgements(found, List.of(), List.of(), List.of())));
        }
    }

    @Override
    public LeaderboardInputs leaderboardInputs(RatingScope scope) {
        synchronized (store) {
            return new LeaderboardInputs(comparisons(scope), modelRatings(scope));
        }
    }

    private List<ResponseRatings> ratingTotals(PromptId prompt) {
        synchronized (store) {
            purge();
            Map<dev.prompttracker.domain.prompt.ResponseId, long[]> sums = new LinkedHashMap<>();
            ratings.values().stream().filter(r -> r.promptId().equals(prompt)).forEach(r -> {
                long[] s = sums.computeIfAbsent(r.responseId(), k -> new long[2]);
                s[0]++;
                s[1] += r.stars().value();
            });
            return sums.entrySet().stream().map(e -> new ResponseRatings(e.getKey(), e.getValue()[0],
                    e.getValue()[1])).toList();
        }
    }

    private List<ModelComparison> comparisons(RatingScope scope) {
        synchronized (store) {
            purge();
            Map<List<String>, Long> counts = new LinkedHashMap<>();
            inScope(preferences.values().stream(), scope, Preference::raterId, Preference::promptId).forEach(p ->
                    counts.merge(List.of(model(p.chosen()), model(p.rejected())), 1L, Long::sum));
            return counts.entrySet().stream()
                    .map(e -> new ModelComparison(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList();
        }
    }

    private List<ModelRatings> modelRatings(RatingScope scope) {
        synchronized (store) {
            purge();
            Map<String, long[]> sums = new LinkedHashMap<>();
            inScope(ratings.values().stream(), scope, Rating::raterId, Rating::promptId).forEach(r -> {
                long[] s = sums.computeIfAbsent(model(r.responseId()), k -> new long[2]);
                s[0]++;
                s[1] += r.stars().value();
            });
            return sums.entrySet().stream().map(e -> new ModelRatings(e.getKey(), e.getValue()[0], e.getValue()[1]))
                    .toList();
        }
    }

    @Override
    public List<PreferenceRecord> preferencesAfter(RatingScope scope, Optional<String> cursor, int limit) {
        synchronized (store) {
            purge();
            var from = cursor.isPresent() ? preferences.tailMap(cursor.get(), false) : preferences;
            List<PreferenceRecord> page = new ArrayList<>();
            inScope(from.values().stream(), scope, Preference::raterId, Preference::promptId).limit(limit)
                    .forEach(p -> {
                        Prompt prompt = store.prompts.get(p.promptId());
                        Response chosen = store.responses.get(p.chosen());
                        Response rejected = store.responses.get(p.rejected());
                        page.add(new PreferenceRecord(cursorOf(p), p.promptId(), prompt.contentKey(), p.chosen(),
                                chosen.modelName(), chosen.contentKey(), p.rejected(), rejected.modelName(),
                                rejected.contentKey(), p.reason(), p.updatedAt()));
                    });
            return page;
        }
    }

    private String model(dev.prompttracker.domain.prompt.ResponseId response) {
        return store.responses.get(response).modelName().value();
    }

    private <T> Stream<T> inScope(Stream<T> items, RatingScope scope, java.util.function.Function<T, UserId> rater,
                                  java.util.function.Function<T, PromptId> prompt) {
        return switch (scope) {
            case RatingScope.Mine mine -> items.filter(i -> rater.apply(i).equals(mine.rater()));
            case RatingScope.Public ignored -> items.filter(i -> store.prompts.get(prompt.apply(i)).isPublic());
        };
    }

    /** Drops judgements whose response was deleted. */
    private void purge() {
        ratings.values().removeIf(r -> !store.responses.containsKey(r.responseId()));
        preferences.values().removeIf(p -> !store.responses.containsKey(p.chosen())
                || !store.responses.containsKey(p.rejected()));
    }

}
