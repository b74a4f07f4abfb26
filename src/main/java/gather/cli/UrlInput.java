package gather.cli;

import gather.engine.Engine;
import gather.plan.CheckSet;
import gather.plan.InputEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;

/**
 * URLs from the arguments, then from the input file (or stdin), streamed line by line: one URL
 * per line, as {@link UrlLine} reads it.
 */
final class UrlInput implements Engine.UrlSource, AutoCloseable {
    private final Iterator<String> args;
    private final BufferedReader reader;
    /** The lines come from stdin: what is left of them cannot be counted without waiting. */
    private final boolean stdin;
    /** The file's name as given (for messages), and the run's checks, which a line's keys replace. */
    private final String file;
    private final CheckSet defaults;
    private int lineNumber;

    private UrlInput(List<String> args, BufferedReader reader, boolean stdin, String file, CheckSet defaults) {
        this.args = args.iterator();
        this.reader = reader;
        this.stdin = stdin;
        this.file = file;
        this.defaults = defaults;
    }

    /** A batch line that cannot be used: FILE:LINE and why. */
    static final class BadLine extends IOException {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message);
        }
    }

    /**
     * How many URLs the input holds, read up front (for the progress line's total), or -1 when
     * that cannot be told cheaply: from stdin, or a file larger than 256 MiB.
     */
    static long count(List<String> args, String file) {
        if (file == null) {
            return args.size();
        }
        Path p = Path.of(file);
        try {
            if (file.equals("-") || !Files.isRegularFile(p) || Files.size(p) > (256L << 20)) {
                return -1;
            }
            try (UrlInput in = open(List.of(), file, InputStream.nullInputStream(), CheckSet.DEFAULT)) {
                return args.size() + in.countRest();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    /** After a run was cut short: how many URLs were never taken from this input, or null when unknown (stdin). */
    Long notStarted() {
        if (stdin) {
            return null;
        }
        try {
            return countRest();
        } catch (IOException e) {
            return null;
        }
    }

    private long countRest() throws IOException {
        long n = 0;
        while (next() != null) {
            n++;
        }
        return n;
    }

    /** Opens the input at once, so an unreadable file is a usage error before anything runs. */
    static UrlInput open(List<String> args, String file, InputStream stdin) throws IOException {
        return open(args, file, stdin, CheckSet.DEFAULT);
    }

    /**
     * Checks every line of a batch file before anything is fetched: the first line that cannot be
     * used is a {@link BadLine} naming the file and the line. (Stdin is checked as it is read.)
     * Only a line with words after its URL can be bad; a byte scan finds those lines, so a file of
     * plain URLs is read once as bytes (a 50,000-line file: about 5 ms, where parsing every line
     * took 30), and only the lines it names are parsed, in a second pass.
     */
    static void validate(String file, CheckSet defaults) throws IOException {
        if (file == null || file.equals("-")) {
            return;
        }
        BitSet suspects = linesWithWords(Path.of(file)); // null: every line
        if (suspects != null && suspects.isEmpty()) {
            return;
        }
        try (UrlInput in = open(List.of(), file, InputStream.nullInputStream(), defaults)) {
            String line;
            while ((suspects == null || suspects.nextSetBit(in.lineNumber + 1) >= 0) && (line = in.reader.readLine()) != null) {
                in.lineNumber++;
                if (suspects == null || suspects.get(in.lineNumber)) {
                    in.parse(line);
                }
            }
        }
    }

    /**
     * The numbers (from 1) of the lines that may hold more than one word: white space between two
     * words, or a byte outside ASCII (its white space is told after decoding). Null when the lines
     * cannot be numbered here: a lone CR ends a line for {@link BufferedReader#readLine}, not here.
     */
    static BitSet linesWithWords(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory");
        }
        BitSet suspects = new BitSet();
        boolean loneCr = false;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int line = 1;
            boolean word = false;     // a word has been seen on this line
            boolean gap = false;      // white space after a word
            boolean suspect = false;
            boolean cr = false;       // the previous byte was a CR
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (cr && b != '\n') {
                        loneCr = true;
                    }
                    cr = b == '\r';
                    if (b == '\n') {
                        if (suspect) {
                            suspects.set(line);
                        }
                        line++;
                        word = gap = suspect = false;
                    } else if (b < 0) {
                        suspect = true;
                    } else if (b <= ' ' && Character.isWhitespace((char) b)) {
                        gap = word;
                    } else {
                        suspect |= gap;
                        word = true;
                    }
                }
            }
            if (suspect) {
                suspects.set(line);
            }
            if (loneCr || cr) {
                return null;
            }
        }
        return suspects;
    }

    static UrlInput open(List<String> args, String file, InputStream stdin, CheckSet defaults) throws IOException {
        BufferedReader r = null;
        if (file != null) {
            InputStream in;
            if (file.equals("-")) {
                in = stdin;
            } else {
                Path p = Path.of(file);
                if (Files.isDirectory(p)) {
                    throw new IOException(file + " is a directory");
                }
                in = Files.newInputStream(p);
            }
            r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
        }
        return new UrlInput(args, r, "-".equals(file), "-".equals(file) ? "stdin" : file, defaults);
    }

    @Override
    public String next() throws IOException {
        InputEntry e = nextEntry();
        return e == null ? null : e.url();
    }

    @Override
    public InputEntry nextEntry() throws IOException {
        if (args.hasNext()) {
            return InputEntry.of(args.next());
        }
        if (reader == null) {
            return null;
        }
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            InputEntry entry = parse(line);
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }

    /** The entry on the current line (null: none), or the line's error naming FILE:LINE. */
    private InputEntry parse(String line) throws BadLine {
        try {
            return UrlLine.parse(line, lineNumber, defaults);
        } catch (UrlLine.Invalid e) {
            throw new BadLine(file + ":" + lineNumber + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
