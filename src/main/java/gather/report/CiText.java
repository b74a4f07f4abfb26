package gather.report;

import gather.result.CheckFailure;
import gather.result.FetchResult;

/** What the CI reports say about a result: its test name, its failure in words, a cell of a table. */
final class CiText {
    private CiText() { }

    /** The name a CI system shows for a URL: its line's label, else the URL. */
    static String name(FetchResult r) {
        return r.name() != null ? r.name() : r.url();
    }

    /** One failed check, in words. */
    static String check(CheckFailure c) {
        return c.name() + ": expected " + c.expected() + ", seen " + c.seen();
    }

    /** The failure's kind and message (with the status when there was one). */
    static String failure(FetchResult r) {
        return r.error().kind().wireName() + ": " + r.error().message();
    }

    /** Text safe in a markdown table cell: one line, pipes and backticks escaped. */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '|' -> sb.append("\\|");
                case '`' -> sb.append("\\`");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r', '\n', '\t' -> sb.append(' ');
                default -> sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
            }
        }
        return sb.toString();
    }
}
