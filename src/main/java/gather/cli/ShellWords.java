package gather.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Words of a line as a POSIX shell splits them, without any expansion: white space separates;
 * single quotes keep everything up to the next one; double quotes keep everything but allow
 * {@code \"} and {@code \\}; a {@code #} that starts a word starts a comment. For the config
 * file's lines and a batch line's {@code key=value} words.
 */
final class ShellWords {
    private ShellWords() { }

    /** The words of one line, as a POSIX shell splits them (quotes, no expansion); a comment ends it. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                if (c == '#') {
                    break;
                }
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' quote");
                }
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length() && (line.charAt(j + 1) == '"' || line.charAt(j + 1) == '\\')) {
                        d = line.charAt(++j);
                    }
                    word.append(d);
                }
                if (j >= line.length()) {
                    throw new IllegalArgumentException("unterminated \" quote");
                }
                i = j;
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
