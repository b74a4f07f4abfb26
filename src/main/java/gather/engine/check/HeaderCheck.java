package gather.engine.check;

import gather.plan.CheckSet;
import gather.result.CheckFailure;
import java.util.List;

/** --expect-header 'Name[: value]': the response has the header (name case-insensitive), one of its values containing value. */
record HeaderCheck(CheckSet.HeaderExpectation expected) implements Check {
    @Override
    public String name() {
        return "expect-header";
    }

    @Override
    public CheckFailure evaluate(CheckContext c) {
        List<String> values = c.headers(expected.name());
        boolean ok = expected.value().isEmpty() ? !values.isEmpty() : values.stream().anyMatch(v -> v.contains(expected.value()));
        if (ok) {
            return null;
        }
        return failure(expected.toString(), values.isEmpty() ? "no " + expected.name() + " header"
                : expected.name() + ": " + String.join(", ", values));
    }
}
