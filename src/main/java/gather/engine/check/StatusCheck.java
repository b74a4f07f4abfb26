package gather.engine.check;

import gather.plan.StatusSet;
import gather.result.CheckFailure;

/** --accept-status: the final status is one of the accepted ones (default 200-299). */
record StatusCheck(StatusSet accepted) implements Check {
    static final String NAME = "accept-status";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckFailure evaluate(CheckContext c) {
        return accepted.accepts(c.status()) ? null : failure(accepted.toString(), String.valueOf(c.status()));
    }
}
