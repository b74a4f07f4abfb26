package gather.engine.check;

import gather.result.CheckFailure;
import java.util.regex.Pattern;

/** --expect-regex: the pattern is found (Java regex, {@code find}) in the decoded body read as UTF-8 text. */
record RegexCheck(Pattern pattern) implements Check {
    @Override
    public String name() {
        return "expect-regex";
    }

    @Override
    public boolean needsBody() {
        return true;
    }

    @Override
    public CheckFailure evaluate(CheckContext c) {
        String text = c.bodyText();
        if (text == null) {
            return failure(pattern.pattern(), "body larger than " + c.bodyLimit() + " bytes: not searched");
        }
        return pattern.matcher(text).find() ? null : failure(pattern.pattern(), "no match in the body (" + c.bytes() + " bytes)");
    }
}
