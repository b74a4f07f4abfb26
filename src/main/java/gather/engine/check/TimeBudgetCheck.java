package gather.engine.check;

import gather.result.CheckFailure;
import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * A latency budget: --max-ttfb (request sent to first response byte, of the final exchange) and
 * --max-latency (the result's total: from the end of the queue wait to the last body byte,
 * redirects and retries included). At most the budget passes.
 */
record TimeBudgetCheck(String name, Duration budget, ToLongFunction<CheckContext> measure) implements Check {
    static TimeBudgetCheck ttfb(Duration budget) {
        return new TimeBudgetCheck("max-ttfb", budget, CheckContext::ttfbNanos);
    }

    static TimeBudgetCheck latency(Duration budget) {
        return new TimeBudgetCheck("max-latency", budget, CheckContext::latencyNanos);
    }

    @Override
    public CheckFailure evaluate(CheckContext c) {
        long seen = measure.applyAsLong(c);
        return seen <= budget.toNanos() ? null : failure(DurationText.of(budget), DurationText.millis(seen));
    }
}
