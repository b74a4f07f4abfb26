package gather.cli;

import gather.engine.Engine;
import gather.plan.InputEntry;
import gather.report.RunSummary;
import java.io.IOException;
import java.util.Map;

/**
 * --shard K/N: this run's share of the input, by position: the URL at 0-based input position p
 * belongs to shard (p mod N) + 1, so every shard gets a like mix of the batch, and each result keeps
 * its position in the whole input as its index (gather merge puts them back in order).
 * {@code --shard auto} takes K and N from the CI runner: GitLab's CI_NODE_INDEX (1-based) and
 * CI_NODE_TOTAL; a Kubernetes Indexed Job's JOB_COMPLETION_INDEX (0-based) with the total from
 * {@code --shard auto/N} or GATHER_SHARD_TOTAL.
 */
final class Shard implements Engine.UrlSource {
    private final Engine.UrlSource all;
    private final int index;
    private final int total;
    private long position;

    Shard(Engine.UrlSource all, int index, int total) {
        this.all = all;
        this.index = index;
        this.total = total;
    }

    /** K/N, auto or auto/N; a value that cannot be used is an IllegalArgumentException saying why. */
    static RunSummary.Shard parse(String value, Map<String, String> env) {
        String v = value.strip();
        if (v.equals("auto") || v.startsWith("auto/")) {
            Integer given = v.equals("auto") ? null : number(v.substring(5), "N");
            String gitlabIndex = env.get("CI_NODE_INDEX");
            String gitlabTotal = env.get("CI_NODE_TOTAL");
            if (gitlabIndex != null && gitlabTotal != null) {
                return of(number(gitlabIndex, "CI_NODE_INDEX"), given != null ? given : number(gitlabTotal, "CI_NODE_TOTAL"));
            }
            String k8s = env.get("JOB_COMPLETION_INDEX");
            if (k8s != null) {
                String total = given != null ? String.valueOf(given) : env.get("GATHER_SHARD_TOTAL");
                if (total == null) {
                    throw new IllegalArgumentException("JOB_COMPLETION_INDEX is set, but not the total: use --shard auto/N"
                            + " or GATHER_SHARD_TOTAL");
                }
                return of(number(k8s, "JOB_COMPLETION_INDEX") + 1, number(total, "the total"));
            }
            throw new IllegalArgumentException("--shard auto found no runner index (CI_NODE_INDEX and CI_NODE_TOTAL,"
                    + " or JOB_COMPLETION_INDEX)");
        }
        int slash = v.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("--shard takes K/N (e.g. 2/3) or auto");
        }
        return of(number(v.substring(0, slash), "K"), number(v.substring(slash + 1), "N"));
    }

    private static RunSummary.Shard of(int k, int n) {
        if (n < 1 || k < 1 || k > n) {
            throw new IllegalArgumentException("--shard " + k + "/" + n + ": K must be between 1 and N");
        }
        return new RunSummary.Shard(k, n);
    }

    private static int number(String s, String what) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard: " + what + " '" + s + "' is not a whole number");
        }
    }

    @Override
    public String next() throws IOException {
        InputEntry e = nextEntry();
        return e == null ? null : e.url();
    }

    @Override
    public InputEntry nextEntry() throws IOException {
        InputEntry e;
        while ((e = all.nextEntry()) != null) {
            long p = position++;
            if (p % total == index - 1) {
                return e.at(p);
            }
        }
        return null;
    }
}
