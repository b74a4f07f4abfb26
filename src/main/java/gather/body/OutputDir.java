package gather.body;

import gather.plan.SaveTo;
import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where saved bodies go. --output-dir DIR (and -O, -P): a safe, unique file name per URL (claimed
 * in input order, so names are deterministic). -o FILE: that one name, replacing a file there.
 * Either way a body is written to a hidden temporary file in the same directory, created with the
 * default permissions (0666 less the umask, as curl's files), and renamed into place only when
 * complete. -o -: the body goes to a stream (stdout) as it arrives.
 */
public final class OutputDir {
    static final int MAX_NAME = 200;

    private final Path dir;
    /** -o FILE: the only name (claim returns it); null for a directory of unique names. */
    private final String fixedName;
    /** -o -: the stream every body goes to; null when saving files. */
    private final OutputStream stream;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<String> claimed = new HashSet<>();

    public OutputDir(Path dir) {
        this(dir, null, null);
    }

    private OutputDir(Path dir, String fixedName, OutputStream stream) {
        this.dir = dir;
        this.fixedName = fixedName;
        this.stream = stream;
    }

    public static OutputDir of(SaveTo to) {
        return switch (to) {
            case SaveTo.Directory d -> new OutputDir(d.dir());
            case SaveTo.File f -> {
                Path abs = f.file().toAbsolutePath();
                yield new OutputDir(abs.getParent(), abs.getFileName().toString(), null);
            }
            case SaveTo.Stream s -> new OutputDir(null, "-", s.out());
        };
    }

    public Path dir() {
        return dir;
    }

    /** Claims a unique name derived from a URL path (e.g. "/a/b.html?x=1" -> "b.html_x=1"). */
    public String claim(String host, String pathAndQuery) {
        if (fixedName != null) {
            return fixedName;
        }
        String base = safeName(host, pathAndQuery);
        lock.lock();
        try {
            String name = base;
            for (int i = 1; !claimed.add(name.toLowerCase(Locale.ROOT)); i++) {
                name = withSuffix(base, "-" + i);
            }
            return name;
        } finally {
            lock.unlock();
        }
    }

    static String safeName(String host, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        String last = path.substring(path.lastIndexOf('/') + 1);
        last = decode(last);
        String name = last.isEmpty() ? (path.equals("/") ? host : "index") + ".html" : last;
        if (!query.isEmpty()) {
            name = name + "_" + decode(query);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '-' || c == '_' || c == '=' || c == '+' || c == ',';
            sb.append(ok ? c : '_');
        }
        String s = sb.toString();
        while (s.startsWith(".")) { // no hidden files, no "." or ".."
            s = "_" + s.substring(1);
        }
        if (s.length() > MAX_NAME) {
            s = withSuffix(s, "").substring(0, MAX_NAME);
        }
        return s.isEmpty() ? "index.html" : s;
    }

    private static String withSuffix(String name, String suffix) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        if (ext.length() > 16) {
            stem = name;
            ext = "";
        }
        int room = MAX_NAME - suffix.length() - ext.length();
        if (stem.length() > room) {
            stem = stem.substring(0, Math.max(1, room));
        }
        return stem + suffix + ext;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** A body being written: a temporary file until {@link #commit()}. */
    public final class Pending implements AutoCloseable {
        private final Path temp;
        private final Path target;
        private final OutputStream out;
        private boolean committed;

        private Pending(String name) throws FetchException {
            if (stream != null) {
                this.target = null;
                this.temp = null;
                this.out = new FilterOutputStream(stream) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // stdout stays open for the summary's streams
                    }
                };
                return;
            }
            this.target = dir.resolve(name);
            try {
                Files.createDirectories(dir);
                this.temp = createTemp();
                this.out = new java.io.BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.WRITE), 64 * 1024);
            } catch (IOException e) {
                throw new FetchException(ErrorKind.IO, "cannot create a file in " + dir + ": " + e.getMessage(), e);
            }
        }

        /**
         * A new hidden file with the default permissions: Files.createTempFile would make it 0600,
         * and the rename would keep that; a saved page is 0644 under umask 022, as curl's.
         */
        private Path createTemp() throws IOException {
            for (int i = 0; ; i++) {
                Path p = dir.resolve(".gather-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
                try {
                    return Files.createFile(p);
                } catch (FileAlreadyExistsException e) {
                    if (i == 100) {
                        throw e;
                    }
                }
            }
        }

        public OutputStream out() {
            return out;
        }

        /** Moves the finished file into place and returns its path. */
        public Path commit() throws FetchException {
            if (stream != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new FetchException(ErrorKind.IO, "cannot write the body to stdout: " + e.getMessage(), e);
                }
                committed = true;
                return Path.of("-");
            }
            try {
                out.close();
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                committed = true;
                return target;
            } catch (IOException e) {
                throw new FetchException(ErrorKind.IO, "cannot save " + target + ": " + e.getMessage(), e);
            }
        }

        /** Discards the temporary file unless committed. */
        @Override
        public void close() {
            if (stream != null) {
                try {
                    out.flush(); // what arrived before a failure has been written, as curl does
                } catch (IOException ignored) {
                    // the result already failed
                }
                return;
            }
            if (!committed) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the file goes anyway
                }
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    public Pending open(String name) throws FetchException {
        return new Pending(name);
    }
}
