package dev.prompttracker.domain.search;

import dev.prompttracker.domain.content.Text;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a user typed into a search box, parsed into terms that must match, terms that must not, and
 * exact tag and model filters. The grammar (every part optional, separated by spaces):
 * <ul>
 *   <li>{@code word} — the word must occur (in any field); all words must occur;</li>
 *   <li>{@code "a phrase"} — these words in this order;</li>
 *   <li>{@code pre*} — any word starting with {@code pre} (at least {@value #MIN_PREFIX_LENGTH} letters);
 *       {@code "a phr"*} works on a phrase's last word;</li>
 *   <li>{@code -word}, {@code -"a phrase"} — must not occur;</li>
 *   <li>{@code tag:python}, {@code model:gpt-4o}, {@code model:"claude 3"} — only prompts with this
 *       tag, only prompts with a response from this model (exact, case-insensitive for tags).</li>
 * </ul>
 * Letters are matched case- and accent-insensitively; punctuation separates words. Nothing here is
 * an operator of the index's own syntax: an adapter quotes every term. Bad input is {@link Invalid}
 * on field {@code q} with a message that says how to fix it.
 */
public record SearchQuery(List<Term> included, List<Term> excluded, List<Tag> tags, List<ModelName> models) {
    public static final int MAX_LENGTH = 200;
    public static final int MAX_PARTS = 16;
    public static final int MIN_PREFIX_LENGTH = 2;
    private static final String FIELD = "q";

    public SearchQuery {
        included = List.copyOf(included);
        excluded = List.copyOf(excluded);
        tags = List.copyOf(tags);
        models = List.copyOf(models);
        if (included.isEmpty() && tags.isEmpty() && models.isEmpty()) {
            throw new IllegalArgumentException("a search needs a term or a filter");
        }
    }

    /** A word or a phrase (words separated by single spaces), optionally a prefix of its last word. */
    public record Term(String text, boolean prefix) {
        public Term {
            Objects.requireNonNull(text, "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("blank term");
            }
        }
    }

    /** Parses {@code raw}; {@link Invalid} on field {@code q} when it is malformed or holds nothing to search for. */
    public static SearchQuery parse(String raw) {
        return parse(raw, List.of(), List.of());
    }

    /** Parses {@code raw} (which may be blank when a filter is given) together with extra filters. */
    public static SearchQuery parse(String raw, List<Tag> extraTags, List<ModelName> extraModels) {
        String text = raw == null ? "" : raw.strip();
        if (Text.length(text) > MAX_LENGTH) {
            throw invalid("must be at most " + MAX_LENGTH + " characters");
        }
        if (Text.hasAnyControlCharacter(text)) {
            throw invalid("must be one line without control characters");
        }
        Parser parser = new Parser(text);
        parser.run();
        List<Tag> tags = new ArrayList<>(extraTags);
        parser.tags.stream().filter(t -> !tags.contains(t)).forEach(tags::add);
        List<ModelName> models = new ArrayList<>(extraModels);
        parser.models.stream().filter(m -> !models.contains(m)).forEach(models::add);
        if (parser.parts > MAX_PARTS) {
            throw invalid("has " + parser.parts + " parts; at most " + MAX_PARTS + " words, phrases and filters");
        }
        if (parser.included.isEmpty() && tags.isEmpty() && models.isEmpty()) {
            if (!parser.excluded.isEmpty()) {
                throw invalid("only excludes words; add a word to search for, e.g. `python -snake`");
            }
            throw invalid("has nothing to search for; type a word, a \"phrase\", a prefix* or tag:name");
        }
        return new SearchQuery(parser.included, parser.excluded, tags, models);
    }

    private static Invalid invalid(String message) {
        return Invalid.field(FIELD, message);
    }

    /** True when the text holds something the index treats as a word character. */
    public static boolean hasWordCharacter(String text) {
        return text.codePoints().anyMatch(SearchQuery::isWordCharacter);
    }

    static boolean isWordCharacter(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || Character.getType(codePoint) == Character.PRIVATE_USE;
    }

    private static final class Parser {
        private final String text;
        private int at;
        private int parts;
        private final List<Term> included = new ArrayList<>();
        private final List<Term> excluded = new ArrayList<>();
        private final List<Tag> tags = new ArrayList<>();
        private final List<ModelName> models = new ArrayList<>();

        Parser(String text) {
            this.text = text;
        }

        void run() {
            while (true) {
                while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                    at++;
                }
                if (at >= text.length()) {
                    return;
                }
                boolean negated = false;
                if (text.charAt(at) == '-' && at + 1 < text.length() && !Character.isWhitespace(text.charAt(at + 1))) {
                    negated = true;
                    at++;
                }
                if (text.charAt(at) == '"') {
                    String phrase = quoted();
                    if (phrase.isBlank()) {
                        throw invalid("has an empty phrase \"\"; put words between the quotes");
                    }
                    term(phrase, stars(), negated);
                } else {
                    String word = word();
                    String lower = word.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("tag:") || lower.startsWith("model:")) {
                        filter(lower.startsWith("tag:") ? "tag" : "model", word.substring(word.indexOf(':') + 1), negated);
                    } else {
                        boolean prefix = false;
                        while (word.endsWith("*")) {
                            word = word.substring(0, word.length() - 1);
                            prefix = true;
                        }
                        term(word, prefix, negated);
                    }
                }
            }
        }

        /** The text between this quote and the next; the quotes are consumed. */
        private String quoted() {
            int close = text.indexOf('"', at + 1);
            if (close < 0) {
                throw invalid("has a \" without its closing \"; close the phrase or remove the quote");
            }
            String inside = text.substring(at + 1, close);
            at = close + 1;
            return inside;
        }

        private boolean stars() {
            boolean any = false;
            while (at < text.length() && text.charAt(at) == '*') {
                at++;
                any = true;
            }
            return any;
        }

        /** Up to the next space or quote. */
        private String word() {
            int start = at;
            while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && text.charAt(at) != '"') {
                at++;
            }
            return text.substring(start, at);
        }

        private void filter(String name, String inline, boolean negated) {
            parts++;
            if (negated) {
                throw invalid("cannot exclude a " + name + " (-" + name + ":…); search with " + name + ":… to narrow instead");
            }
            String value = inline;
            if (value.isEmpty() && at < text.length() && text.charAt(at) == '"') {
                value = quoted();
            }
            if (value.isBlank()) {
                throw invalid(name + ": needs a value, e.g. " + (name.equals("tag") ? "tag:python" : "model:gpt-4o"));
            }
            try {
                if (name.equals("tag")) {
                    Tag tag = Tag.parse(value);
                    if (!tags.contains(tag)) {
                        tags.add(tag);
                    }
                } else {
                    ModelName model = ModelName.parse(value);
                    if (!models.contains(model)) {
                        models.add(model);
                    }
                }
            } catch (Invalid bad) {
                throw invalid("has a " + name + " filter that is not a valid " + name + ": "
                        + bad.fieldErrors().getFirst().message());
            }
        }

        private void term(String raw, boolean prefix, boolean negated) {
            String words = String.join(" ", raw.strip().split("\\s+"));
            if (!hasWordCharacter(words)) {
                return; // punctuation only: nothing the index could match
            }
            parts++;
            if (prefix) {
                String[] all = words.split(" ");
                long letters = all[all.length - 1].codePoints().filter(SearchQuery::isWordCharacter).count();
                if (letters < MIN_PREFIX_LENGTH) {
                    throw invalid("has a prefix search with fewer than " + MIN_PREFIX_LENGTH
                            + " letters before *; type more of the word");
                }
            }
            (negated ? excluded : included).add(new Term(words, prefix));
        }
    }
}
