package gather.report;

import gather.result.FetchResult;
import java.io.PrintWriter;

/**
 * GitHub Actions' workflow commands: an {@code ::error} line per failed URL (a {@code ::warning}
 * for one --allow-error allows), pointing at its batch file's line when it has one, so the failure
 * shows on that line of the file in the pull request. Written as each URL finishes.
 */
public final class GithubAnnotations implements Report {
    private final PrintWriter out;
    private final String file;

    /** @param file the batch file's path as given (annotations point into it), or null */
    public GithubAnnotations(PrintWriter out, String file) {
        this.out = out;
        this.file = file;
    }

    @Override
    public void onResult(FetchResult r) {
        if (!r.ok()) {
            out.print(line(r, file));
        }
    }

    @Override
    public void finish(RunSummary run) {
        out.flush();
    }

    @Override
    public void flush() {
        out.flush();
    }

    static String line(FetchResult r, String file) {
        StringBuilder sb = new StringBuilder(160).append(r.allowed() ? "::warning " : "::error ");
        if (file != null && r.line() != null) {
            sb.append("file=").append(property(file)).append(",line=").append(r.line()).append(',');
        }
        sb.append("title=").append(property("gather: " + CiText.name(r))).append("::");
        StringBuilder message = new StringBuilder(CiText.failure(r));
        if (r.checks().size() > 1) {
            r.checks().forEach(c -> message.append('\n').append(CiText.check(c)));
        }
        if (r.reproduce() != null) {
            message.append("\nreproduce: ").append(r.reproduce());
        }
        return sb.append(data(message.toString())).append('\n').toString();
    }

    /** A command's message: %, CR and LF escaped as GitHub's runner expects. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A command's property value: also ':' and ','. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
