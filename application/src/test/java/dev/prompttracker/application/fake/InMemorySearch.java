package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.PromptRepository.SearchCriteria;
import dev.prompttracker.application.port.out.PromptRepository.SearchPage;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.prompt.PromptSummary;
import dev.prompttracker.domain.prompt.Response;
import dev.prompttracker.domain.search.Highlighted;
import dev.prompttracker.domain.search.SearchHit;
import dev.prompttracker.domain.search.SearchQuery;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A small stand-in for the SQL store's full-text index: the same fields and column weights, words
 * folded for case and accents, phrases within one field, prefixes on a phrase's last word; the score
 * is the weighted count of matches rather than bm25. Called with the repository's lock held.
 */
final class InMemorySearch {
    /** title, text, responses, models, tags: the SQL store's bm25 weights. */
    private static final double[] WEIGHTS = {10, 4, 1, 2, 2};
    private static final int SNIPPET_WORDS = 16;
    private final InMemoryPromptRepository store;

    InMemorySearch(InMemoryPromptRepository store) {
        this.store = store;
    }

    private record Scored(Prompt prompt, double score, List<String> fields) {
    }

    SearchPage search(SearchCriteria criteria) {
        SearchQuery query = criteria.query();
        List<Scored> matches = new ArrayList<>();
        for (Prompt prompt : store.prompts.values()) {
            boolean visible = criteria.owner().map(prompt::isOwnedBy).orElse(false)
                    || (criteria.includePublic() && prompt.isPublic());
            if (!visible || criteria.from().map(f -> prompt.createdAt().isBefore(f)).orElse(false)
                    || criteria.to().map(t -> !prompt.createdAt().isBefore(t)).orElse(false)) {
                continue;
            }
            List<Response> responses = store.responses.values().stream()
                    .filter(r -> r.promptId().equals(prompt.id())).toList();
            if (!query.tags().stream().allMatch(prompt.tags()::contains)) {
                continue;
            }
            if (!query.models().stream().allMatch(m -> responses.stream().anyMatch(r ->
                    r.modelName().value().toLowerCase(Locale.ROOT).equals(m.value().toLowerCase(Locale.ROOT))))) {
                continue;
            }
            List<String> fields = List.of(
                    prompt.title().map(t -> t.value()).orElse(""),
                    store.searchTexts.getOrDefault(prompt.contentKey(), prompt.contentPreview().value()),
                    String.join("\n", responses.stream().map(r -> store.searchTexts.getOrDefault(r.contentKey(),
                            r.contentPreview().value())).toList()),
                    String.join("\n", responses.stream().map(r -> r.modelName().value()).toList()),
                    String.join("\n", prompt.tags().strings()));
            double score = 0;
            boolean all = true;
            for (SearchQuery.Term term : query.included()) {
                int hits = 0;
                for (int f = 0; f < fields.size(); f++) {
                    int count = count(words(fields.get(f)), words(term.text()), term.prefix());
                    score += WEIGHTS[f] * count;
                    hits += count;
                }
                all &= hits > 0;
            }
            boolean excluded = query.excluded().stream().anyMatch(term -> fields.stream()
                    .anyMatch(field -> count(words(field), words(term.text()), term.prefix()) > 0));
            if (all && !excluded) {
                matches.add(new Scored(prompt, score, fields));
            }
        }
        matches.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(s -> s.prompt().updatedAt(), Comparator.reverseOrder())
                .thenComparing(s -> s.prompt().id().value(), Comparator.reverseOrder()));
        List<SearchHit> hits = matches.stream().skip(criteria.offset()).limit(criteria.limit())
                .map(s -> new SearchHit(new PromptSummary(s.prompt(), store.responseCount(s.prompt().id())),
                        mark(s.fields().getFirst(), query, Integer.MAX_VALUE), snippet(s.fields(), query)))
                .toList();
        return new SearchPage(hits, matches.size() > criteria.offset() + criteria.limit());
    }

    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    static List<String> words(String text) {
        return java.util.Arrays.stream(fold(text).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
    }

    private static int count(List<String> field, List<String> phrase, boolean prefix) {
        if (phrase.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (int i = 0; i + phrase.size() <= field.size(); i++) {
            boolean match = true;
            for (int j = 0; j < phrase.size() && match; j++) {
                String word = field.get(i + j);
                boolean last = j == phrase.size() - 1;
                match = last && prefix ? word.startsWith(phrase.get(j)) : word.equals(phrase.get(j));
            }
            count += match ? 1 : 0;
        }
        return count;
    }

    private static boolean matchesAnyWord(String word, SearchQuery query) {
        String folded = fold(word);
        return query.included().stream().anyMatch(term -> {
            List<String> parts = words(term.text());
            return parts.stream().anyMatch(folded::equals)
                    || (term.prefix() && !parts.isEmpty() && folded.startsWith(parts.getLast()));
        });
    }

    /** The text with every word of an included term marked, cut to {@code maxWords} words from the first match. */
    private static Highlighted mark(String text, SearchQuery query, int maxWords) {
        String[] pieces = text.split("(?<=[^\\p{L}\\p{N}])(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])(?=[^\\p{L}\\p{N}])");
        int first = 0;
        for (int i = 0; i < pieces.length; i++) {
            if (matchesAnyWord(pieces[i], query)) {
                first = i;
                break;
            }
        }
        int start = maxWords == Integer.MAX_VALUE ? 0 : Math.max(0, first - 4);
        StringBuilder marked = new StringBuilder();
        int words = 0;
        for (int i = start; i < pieces.length && words < 2L * maxWords; i++, words++) {
            boolean match = !pieces[i].isBlank() && matchesAnyWord(pieces[i], query);
            marked.append(match ? Highlighted.MATCH_START + pieces[i] + Highlighted.MATCH_END : pieces[i]);
        }
        return Highlighted.fromMarked(marked.toString());
    }

    private static Highlighted snippet(List<String> fields, SearchQuery query) {
        for (int f : new int[] {1, 2, 0, 3, 4}) {
            Highlighted marked = mark(fields.get(f), query, SNIPPET_WORDS);
            if (marked.hasMatch()) {
                return marked;
            }
        }
        return mark(fields.get(1), query, SNIPPET_WORDS);
    }
}
