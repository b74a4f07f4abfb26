package gather.engine.check;

import gather.result.CheckFailure;
import java.util.List;

/** --expect-text: the decoded body contains the text (as UTF-8 bytes), searched as it streams. */
record TextCheck(String text) implements Check {
    @Override
    public String name() {
        return "expect-text";
    }

    @Override
    public List<String> searches() {
        return List.of(text);
    }

    @Override
    public CheckFailure evaluate(CheckContext c) {
        return c.bodyContains(text) ? null : failure(text, "not in the body (" + c.bytes() + " bytes)");
    }
}
