package gather.report;

import gather.result.CheckFailure;
import gather.result.FetchResult;
import gather.result.Transcript;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The run's secrets (--secret, --secret-env), hidden from everything gather prints: one value
 * owned by the run and applied at the output boundary, to each result before any report sees it
 * ({@link #apply(FetchResult)}) and to every other message ({@link #text}). A secret is also found
 * in the forms output gives it: percent-encoded (in a URL) and shell-quoted (in a reproduce
 * command). With no secrets it is the identity and costs nothing.
 */
public final class Redactor {
    public static final String PLACEHOLDER = "<secret>";
    public static final Redactor NONE = new Redactor(List.of());

    /** Every form of every secret, longest first, so a secret inside another is never half-hidden. */
    private final List<String> forms;

    private Redactor(List<String> forms) {
        this.forms = forms;
    }

    /** @param secrets the values to hide (empty ones are ignored) */
    public static Redactor of(List<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s == null || s.isEmpty()) {
                continue;
            }
            forms.add(s);
            forms.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            forms.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
            forms.add(s.replace("'", "'\\''"));
        }
        if (forms.isEmpty()) {
            return NONE;
        }
        List<String> sorted = new ArrayList<>(forms);
        sorted.sort((a, b) -> Integer.compare(b.length(), a.length())); // longest first
        return new Redactor(List.copyOf(sorted));
    }

    public boolean isEmpty() {
        return forms.isEmpty();
    }

    /** The text with every secret replaced by {@link #PLACEHOLDER}; null stays null. */
    public String text(String s) {
        if (s == null || forms.isEmpty()) {
            return s;
        }
        for (String f : forms) {
            if (s.contains(f)) {
                s = s.replace(f, PLACEHOLDER);
            }
        }
        return s;
    }

    /** The result with {@link #text} applied to every text it holds (the failure's exception is kept for --debug). */
    public FetchResult apply(FetchResult r) {
        if (forms.isEmpty()) {
            return r;
        }
        return r.mapText(this::text);
    }

}
