package dev.prompttracker.domain.error;

import java.util.List;

/** Input that breaks a rule; carries every field that was wrong. */
public final class Invalid extends DomainException {
    private final List<FieldError> fieldErrors;

    public Invalid(List<FieldError> fieldErrors) {
        super(summary(fieldErrors));
        if (fieldErrors.isEmpty()) {
            throw new IllegalArgumentException("an Invalid needs at least one field error");
        }
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static Invalid field(String field, String message) {
        return new Invalid(List.of(new FieldError(field, message)));
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    private static String summary(List<FieldError> errors) {
        StringBuilder text = new StringBuilder("invalid input");
        String separator = ": ";
        for (FieldError error : errors) {
            text.append(separator).append(error.field()).append(' ').append(error.message());
            separator = "; ";
        }
        return text.toString();
    }
}
