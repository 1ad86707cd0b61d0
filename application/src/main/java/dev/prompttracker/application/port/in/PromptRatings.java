package dev.prompttracker.application.port.in;

import dev.prompttracker.domain.rating.Preference;
import dev.prompttracker.domain.rating.Rating;
import dev.prompttracker.domain.rating.ResponseRatings;

import java.util.List;

/**
 * The caller's own ratings and preferences on a prompt, and, for the prompt's owner only, everyone's
 * ratings summed per response ({@code totals}; empty for anyone else).
 */
public record PromptRatings(List<Rating> ratings, List<Preference> preferences, List<ResponseRatings> totals) {
    public PromptRatings {
        ratings = List.copyOf(ratings);
        preferences = List.copyOf(preferences);
        totals = List.copyOf(totals);
    }
}
