package gather.cli;

import gather.engine.Engine;
import gather.plan.SaveTo;
import gather.report.Utf8PrintWriter;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Where bodies are saved, in curl's and wget's words: -o FILE and -o - for one URL (curl), -O
 * (curl's --remote-name: the URL's name in the current directory), --output-dir DIR and -P DIR
 * (wget) for a batch.
 */
final class SaveOptions {
    String file;
    boolean remoteName;
    Path dir;

    CliSpec.Section declare(CliSpec.Section s) {
        return s.text("-o, --output=FILE", "With one URL: save its body to FILE, written whole and then renamed over"
                        + " FILE (an existing FILE is replaced, as curl does; a failed URL leaves FILE untouched); '-': write"
                        + " the body to stdout as it arrives (human lines then go to stderr).", v -> file = v)
                .flag("-O, --remote-name", "Save each body in the current directory under the URL's name, as --output-dir .",
                        v -> remoteName = v)
                .value("--output-dir, -P, --directory-prefix=DIR", Path.class, null, "Save each body under DIR: a safe name"
                        + " from the URL's last path segment (index.html for a URL ending in /, HOST.html for the site's"
                        + " root), made unique in input order; a file appears only when its body is complete.", v -> dir = v);
    }

    /** -o: exactly one URL. */
    boolean single() {
        return file != null;
    }

    /** -o -: the body goes to stdout. */
    boolean toStdout() {
        return "-".equals(file);
    }

    /** Checks the options fit together; null when no body is saved. */
    SaveTo saveTo(Function<String, ParameterException> usage, PrintWriter stdout, OutputOptions output) {
        if (file != null && (remoteName || dir != null)) {
            throw usage.apply("-o saves one URL's body; it cannot be used with " + (remoteName ? "-O" : "--output-dir"));
        }
        if (remoteName && dir != null) {
            throw usage.apply("-O saves in the current directory; it cannot be used with --output-dir");
        }
        if (toStdout()) {
            if (output.json || output.jsonl) {
                throw usage.apply("-o - writes the body to stdout: use --summary-file FILE for the JSON, not "
                        + (output.json ? "--json" : "--jsonl"));
            }
            return new SaveTo.Stream(bytes(stdout));
        }
        if (file != null) {
            Path f = Path.of(file);
            Path parent = f.toAbsolutePath().getParent();
            if (Files.isDirectory(f)) {
                throw usage.apply("cannot write -o " + file + ": it is a directory (use --output-dir to save into it)");
            }
            if (parent != null && !Files.isDirectory(parent)) {
                throw usage.apply("cannot write -o " + file + ": " + parent + " is not a directory");
            }
            return new SaveTo.File(f);
        }
        if (remoteName) {
            return new SaveTo.Directory(Path.of("."));
        }
        return dir == null ? null : new SaveTo.Directory(dir);
    }

    /**
     * The one URL of a -o run: a usage error (exit 2, before anything is fetched) when the input holds
     * another. Reads at most two URLs ahead.
     */
    Engine.UrlSource oneUrl(CommandLine cl, Engine.UrlSource source) throws IOException {
        String first = source.next();
        if (first != null && source.next() != null) {
            throw new ParameterException(cl, "-o " + file + " saves one URL's body, but more than one URL was given:"
                    + " use --output-dir DIR (or -O) to save several");
        }
        String[] left = {first};
        return () -> {
            String u = left[0];
            left[0] = null;
            return u;
        };
    }

    /**
     * stdout as bytes: under main's Utf8PrintWriter the stream itself, else (a test's writer) decoded
     * into it. A write error (a closed pipe) fails the URL (io) rather than reading on into nothing.
     */
    private static OutputStream bytes(PrintWriter stdout) {
        OutputStream raw = stdout instanceof Utf8PrintWriter u ? u.bytesAfterCharacters() : new ByteArrayOutputStream() {
            @Override
            public void flush() {
                stdout.write(toString(StandardCharsets.UTF_8));
                reset();
            }
        };
        return new BufferedOutputStream(new FilterOutputStream(raw) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                check();
            }

            @Override
            public void flush() throws IOException {
                out.flush();
                check();
            }

            private void check() throws IOException {
                if (stdout.checkError()) {
                    throw new IOException("stdout was closed");
                }
            }
        }, 1 << 16);
    }
}
