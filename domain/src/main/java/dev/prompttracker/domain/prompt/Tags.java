package dev.prompttracker.domain.prompt;

import dev.prompttracker.domain.error.Invalid;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The tags of a prompt: at most {@value #MAX_COUNT}, unique after normalisation, in the order given
 * (duplicates such as {@code AI} and {@code ai} collapse into the first).
 */
public record Tags(List<Tag> values) {
    public static final int MAX_COUNT = 20;

    public Tags {
        Objects.requireNonNull(values, "values");
        values = List.copyOf(values);
        if (values.size() > MAX_COUNT) {
            throw Invalid.field("tags", "at most " + MAX_COUNT + " tags");
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("duplicate tags");
        }
    }

    public static Tags none() {
        return new Tags(List.of());
    }

    public static Tags parse(List<String> raw) {
        if (raw == null) {
            return none();
        }
        if (raw.size() > MAX_COUNT * 4) {
            // Refuse absurd lists before normalising them one by one.
            throw Invalid.field("tags", "at most " + MAX_COUNT + " tags");
        }
        LinkedHashSet<Tag> unique = new LinkedHashSet<>();
        for (String each : raw) {
            unique.add(Tag.parse(each));
        }
        return new Tags(new ArrayList<>(unique));
    }

    public List<String> strings() {
        return values.stream().map(Tag::value).toList();
    }

    public boolean contains(Tag tag) {
        return values.contains(tag);
    }
}
