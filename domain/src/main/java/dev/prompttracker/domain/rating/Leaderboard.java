package dev.prompttracker.domain.rating;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Models ranked by their Bradley–Terry score, with the wins, losses and ratings behind it. */
public record Leaderboard(List<ModelStanding> standings) {
    public Leaderboard {
        standings = List.copyOf(standings);
    }

    public static Leaderboard of(Collection<ModelComparison> comparisons, Collection<ModelRatings> ratings) {
        Map<String, Double> strengths = BradleyTerry.strengths(comparisons, BradleyTerry.DEFAULT_PRIOR);
        Map<String, long[]> record = new HashMap<>();
        TreeSet<String> models = new TreeSet<>();
        for (ModelComparison c : comparisons) {
            models.add(c.winner());
            models.add(c.loser());
            if (!c.winner().equals(c.loser())) {
                record.computeIfAbsent(c.winner(), k -> new long[2])[0] += c.count();
                record.computeIfAbsent(c.loser(), k -> new long[2])[1] += c.count();
            }
        }
        Map<String, ModelRatings> rated = new HashMap<>();
        for (ModelRatings r : ratings) {
            models.add(r.model());
            rated.merge(r.model(), r, (a, b) -> new ModelRatings(a.model(), a.count() + b.count(),
                    a.starsSum() + b.starsSum()));
        }
        List<ModelStanding> standings = models.stream().map(model -> {
            long[] wl = record.getOrDefault(model, new long[2]);
            ModelRatings r = rated.getOrDefault(model, new ModelRatings(model, 0, 0));
            Optional<Double> average = r.count() == 0 ? Optional.empty()
                    : Optional.of((double) r.starsSum() / r.count());
            return new ModelStanding(model, wl[0], wl[1], r.count(), average,
                    BradleyTerry.score(strengths.getOrDefault(model, 1.0)));
        }).sorted(Comparator.comparingDouble(ModelStanding::score).reversed()
                .thenComparing(ModelStanding::model)).toList();
        return new Leaderboard(standings);
    }
}
