package gather.result;

/**
 * One check a response did not pass: the check's name (the option that asked for it, without
 * dashes: {@code expect-text}), what it expected and what was seen, both as short text.
 */
public record CheckFailure(String name, String expected, String seen) {
    public CheckFailure {
        if (name == null || expected == null || seen == null) {
            throw new IllegalArgumentException("a check failure needs a name, what was expected and what was seen");
        }
    }
}
