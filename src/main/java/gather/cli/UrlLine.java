package gather.cli;

import gather.plan.CheckSet;
import gather.plan.InputEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.TypeConversionException;

/**
 * One line of a URL file: white space around it trimmed; blank and comment-only lines hold no URL;
 * {@code #} after white space starts a comment (a URL holds no raw space, and a {@code #} inside a
 * URL, its fragment, follows no space: {@code http://x/#top} keeps it). After the URL, optional
 * {@code key=value} words (values in double quotes when they hold spaces, {@code \"} inside) set
 * this URL's checks, each replacing the option of the same meaning:
 *
 * <pre>https://shop.example/health status=200 contains="ok" max_ms=500 name="shop health"</pre>
 *
 * Keys: {@code status} (as --accept-status), {@code contains} (--expect-text), {@code regex},
 * {@code header}, {@code json} (each repeatable: the line's values replace the option's list),
 * {@code sha256}, {@code max_ms} (--max-latency), {@code max_ttfb_ms} (--max-ttfb), and
 * {@code name}, a label for reports. A line whose words hold no key=value at all is one URL with
 * a space in it: a failed result (invalid_url), as any bad URL in a batch.
 */
final class UrlLine {
    /** A line that cannot be used; the message says why, the caller adds the file and line. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private UrlLine() { }

    /** The URL on this line, or null when it holds none. */
    static String url(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.charAt(0) == '#') {
            return null;
        }
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
            end++;
        }
        return t.substring(0, end);
    }

    /**
     * The line's URL and what its words say, or null when it holds no URL.
     *
     * @param defaults the run's checks, which the line's keys replace
     */
    static InputEntry parse(String line, int lineNumber, CheckSet defaults) {
        String url = url(line);
        if (url == null) {
            return null;
        }
        String rest = line.strip().substring(url.length());
        List<String> words;
        try {
            words = ShellWords.split(rest);
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
        if (words.isEmpty()) {
            return new InputEntry(url, lineNumber, null, null);
        }
        if (words.stream().noneMatch(w -> w.indexOf('=') > 0)) {
            // no key=value at all: the line is one (bad) URL with a space in it, which becomes a failed
            // result (invalid_url) as the contract says, not a usage error
            return new InputEntry(withoutComment(line.strip()), lineNumber, null, null);
        }
        CheckSet checks = defaults;
        String name = null;
        List<String> contains = new ArrayList<>();
        List<Pattern> regexes = new ArrayList<>();
        List<CheckSet.HeaderExpectation> headers = new ArrayList<>();
        List<CheckSet.JsonExpectation> json = new ArrayList<>();
        boolean anyCheck = false;
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new Invalid("'" + w + "' is not key=value");
            }
            String key = w.substring(0, eq);
            String value = w.substring(eq + 1);
            try {
                switch (key) {
                    case "name" -> name = value;
                    case "status" -> checks = checks.withStatus(new Converters.Statuses().convert(value));
                    case "contains" -> {
                        if (value.isEmpty()) {
                            throw new Invalid("contains needs a non-empty text");
                        }
                        contains.add(value);
                    }
                    case "regex" -> regexes.add(new Converters.Regex().convert(value));
                    case "header" -> headers.add(header(value));
                    case "json" -> json.add(new Converters.JsonExpectation().convert(value));
                    case "sha256" -> checks = checks.withSha256(new Converters.Sha256().convert(value));
                    case "max_ms" -> checks = checks.withMaxLatency(millis(key, value));
                    case "max_ttfb_ms" -> checks = checks.withMaxTtfb(millis(key, value));
                    default -> throw new Invalid("unknown key '" + key + "' (known: status, contains, regex, header,"
                            + " json, sha256, max_ms, max_ttfb_ms, name)");
                }
            } catch (TypeConversionException e) {
                throw new Invalid(key + ": " + e.getMessage());
            }
            anyCheck |= !key.equals("name");
        }
        checks = contains.isEmpty() ? checks : checks.withTexts(contains);
        checks = regexes.isEmpty() ? checks : checks.withRegexes(regexes);
        checks = headers.isEmpty() ? checks : checks.withHeaders(headers);
        checks = json.isEmpty() ? checks : checks.withJson(json);
        return new InputEntry(url, lineNumber, name, anyCheck ? checks : null);
    }

    /** The line up to a # that follows white space. */
    private static String withoutComment(String t) {
        for (int i = 1; i < t.length(); i++) {
            if (t.charAt(i) == '#' && Character.isWhitespace(t.charAt(i - 1))) {
                return t.substring(0, i).strip();
            }
        }
        return t;
    }

    private static CheckSet.HeaderExpectation header(String value) {
        int colon = value.indexOf(':');
        String name = (colon < 0 ? value : value.substring(0, colon)).strip();
        if (name.isEmpty() || !gather.http1.RequestWriter.validName(name)) {
            throw new Invalid("header: '" + value + "' is not 'Name' or 'Name: value'");
        }
        return new CheckSet.HeaderExpectation(name, colon < 0 ? "" : value.substring(colon + 1).strip());
    }

    private static Duration millis(String key, String value) {
        try {
            long ms = Long.parseLong(value);
            if (ms < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new Invalid(key + ": '" + value + "' is not a whole number of milliseconds");
        }
    }
}
