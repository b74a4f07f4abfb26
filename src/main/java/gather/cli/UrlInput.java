package gather.cli;

import gather.engine.Engine;
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

    private UrlInput(List<String> args, BufferedReader reader, boolean stdin) {
        this.args = args.iterator();
        this.reader = reader;
        this.stdin = stdin;
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
            try (UrlInput in = open(List.of(), file, InputStream.nullInputStream())) {
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
        return new UrlInput(args, r, "-".equals(file));
    }

    @Override
    public String next() throws IOException {
        if (args.hasNext()) {
            return args.next();
        }
        if (reader == null) {
            return null;
        }
        String line;
        while ((line = reader.readLine()) != null) {
            String url = UrlLine.url(line);
            if (url != null) {
                return url;
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
