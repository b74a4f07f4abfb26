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
     */
    static void validate(String file, CheckSet defaults) throws IOException {
        if (file == null || file.equals("-")) {
            return;
        }
        try (UrlInput in = open(List.of(), file, InputStream.nullInputStream(), defaults)) {
            while (in.nextEntry() != null) {
                // each line parsed and thrown away
            }
        }
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
            try {
                InputEntry entry = UrlLine.parse(line, lineNumber, defaults);
                if (entry != null) {
                    return entry;
                }
            } catch (UrlLine.Invalid e) {
                throw new BadLine(file + ":" + lineNumber + ": " + e.getMessage());
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
