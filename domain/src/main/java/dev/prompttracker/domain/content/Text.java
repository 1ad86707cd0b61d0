package dev.prompttracker.domain.content;

/** Character-level checks shared by the value types. Lengths count Unicode code points. */
public final class Text {
    private Text() {
    }

    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** True when the text holds a control character other than tab, CR and LF. */
    public static boolean hasControlCharacters(String value) {
        return value.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r');
    }

    /** True when the text holds any control character, including tab and newlines. */
    public static boolean hasAnyControlCharacter(String value) {
        return value.codePoints().anyMatch(Character::isISOControl);
    }

    /** The first {@code limit} code points, never splitting a surrogate pair. */
    public static String prefix(String value, int limit) {
        if (length(value) <= limit) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, limit));
    }
}
