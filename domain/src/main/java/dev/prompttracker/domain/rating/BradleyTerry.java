package dev.prompttracker.domain.rating;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Bradley–Terry strengths from pairwise wins, fitted by the MM algorithm (Hunter 2004, "MM algorithms
 * for generalized Bradley–Terry models"): {@code p_i <- W_i / sum_j n_ij / (p_i + p_j)}.
 * Chosen over Elo because the fit depends only on the counts, not on the order comparisons were made
 * in, and needs no K factor. A model that never lost or never won has no finite maximum-likelihood
 * strength, so each model also gets {@code prior} virtual wins and losses against a reference of
 * strength 1 (a common regularisation; 0 turns it off). Strengths are returned with geometric mean 1.
 */
public final class BradleyTerry {
    public static final double DEFAULT_PRIOR = 1.0;
    static final int MAX_ITERATIONS = 10_000;
    static final double TOLERANCE = 1e-10;

    private BradleyTerry() {
    }

    public static Map<String, Double> strengths(Collection<ModelComparison> comparisons, double prior) {
        Map<String, Map<String, Double>> games = new HashMap<>();
        Map<String, Double> wins = new HashMap<>();
        TreeSet<String> models = new TreeSet<>();
        for (ModelComparison c : comparisons) {
            models.add(c.winner());
            models.add(c.loser());
            if (c.winner().equals(c.loser())) {
                continue; // a model against itself says nothing about its strength
            }
            wins.merge(c.winner(), (double) c.count(), Double::sum);
            games.computeIfAbsent(c.winner(), k -> new HashMap<>()).merge(c.loser(), (double) c.count(), Double::sum);
            games.computeIfAbsent(c.loser(), k -> new HashMap<>()).merge(c.winner(), (double) c.count(), Double::sum);
        }
        Map<String, Double> p = new HashMap<>();
        models.forEach(m -> p.put(m, 1.0));
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            Map<String, Double> next = new HashMap<>();
            double change = 0;
            for (String i : models) {
                double pi = p.get(i);
                double numerator = wins.getOrDefault(i, 0.0) + prior;
                double denominator = 2 * prior / (pi + 1.0);
                for (Map.Entry<String, Double> game : games.getOrDefault(i, Map.of()).entrySet()) {
                    denominator += game.getValue() / (pi + p.get(game.getKey()));
                }
                double updated = denominator == 0 ? pi : numerator / denominator;
                next.put(i, updated);
                change = Math.max(change, Math.abs(updated - pi) / Math.max(pi, Double.MIN_NORMAL));
            }
            p.putAll(next);
            if (prior == 0) {
                normalise(p);
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        normalise(p);
        return p;
    }

    /** A strength on an Elo-like scale: 1000 for the geometric mean, +400 for ten times as strong. */
    public static double score(double strength) {
        return 1000 + 400 * Math.log10(strength);
    }

    private static void normalise(Map<String, Double> p) {
        if (p.isEmpty()) {
            return;
        }
        double logMean = p.values().stream().mapToDouble(Math::log).sum() / p.size();
        double factor = Math.exp(-logMean);
        p.replaceAll((model, strength) -> strength * factor);
    }
}
