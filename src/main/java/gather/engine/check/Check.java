package gather.engine.check;

import gather.result.CheckFailure;
import java.util.List;

/**
 * One thing a URL's final response must satisfy. A check is an immutable value, shared by every
 * URL it applies to; what a response showed comes in the {@link CheckContext}. Adding a check is
 * one class implementing this, and a line in {@link Checks#of}.
 */
public interface Check {
    /** The option that asked for it, without dashes ({@code expect-text}): the {@code name} in a result's {@code checks}. */
    String name();

    /** Null when the response passes; else what was expected and what was seen. */
    CheckFailure evaluate(CheckContext c);

    /** Byte strings this check looks for in the decoded body as it streams (found or not: {@link CheckContext#bodyContains}). */
    default List<String> searches() {
        return List.of();
    }

    /** This check reads the decoded body whole ({@link CheckContext#bodyText}), kept only up to a bound. */
    default boolean needsBody() {
        return false;
    }

    /** A failure of this check, with what it expected. */
    default CheckFailure failure(String expected, String seen) {
        return new CheckFailure(name(), expected, seen);
    }
}
