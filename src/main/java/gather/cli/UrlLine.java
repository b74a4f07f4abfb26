package gather.cli;

/**
 * One line of a URL file: white space around it trimmed; blank and comment-only lines hold no URL;
 * {@code #} after white space starts a comment (a URL holds no raw space, and a {@code #} inside a
 * URL, its fragment, follows no space: {@code http://x/#top} keeps it). Words that may follow the
 * URL on its line are parsed here too, when there are any.
 */
final class UrlLine {
    private UrlLine() { }

    /** The URL on this line, or null when it holds none. */
    static String url(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.charAt(0) == '#') {
            return null;
        }
        for (int i = 1; i < t.length(); i++) {
            if (t.charAt(i) == '#' && Character.isWhitespace(t.charAt(i - 1))) {
                return t.substring(0, i).strip();
            }
        }
        return t;
    }
}
