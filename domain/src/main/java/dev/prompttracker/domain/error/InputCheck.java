package dev.prompttracker.domain.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Parses several user inputs and reports every failing field at once instead of the first only.
 * Use {@link #field} for each input, then {@link #done()} before using any of the results.
 */
public final class InputCheck {
    private final List<FieldError> errors = new ArrayList<>();

    public <T> Optional<T> field(Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (Invalid invalid) {
            errors.addAll(invalid.fieldErrors());
            return Optional.empty();
        }
    }

    /** Throws one {@link Invalid} naming every failed field, if any failed. */
    public void done() {
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
    }
}
