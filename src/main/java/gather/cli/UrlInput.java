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

    private UrlInput(List<String> args, BufferedReader reader) {
        this.args = args.iterator();
        this.reader = reader;
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
        return new UrlInput(args, r);
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
