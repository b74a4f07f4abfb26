package gather.engine;

import gather.body.PartialFile;
import gather.body.Validators;
import gather.http1.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an output directory already holds for one URL under -C (resume) and -N (timestamping):
 * the header fields that ask the server about it, and what the server's answer means for it
 * ({@link #decide}, a pure function tested as a table).
 *
 * <p>Resume ({@code Range: bytes=N-} with {@code If-Range}) starts from the part an earlier run
 * kept ({@link PartialFile}), else from the saved file itself when the directory's sidecar
 * ({@link Validators}) says what it was saved from. Without a validator nothing is appended:
 * {@code If-Range} is what proves the server's bytes continue ours, so a part or file gather
 * cannot prove is downloaded again in full. Timestamping sends {@code If-None-Match} /
 * {@code If-Modified-Since} for a saved file the sidecar knows, unless a part is being resumed.
 */
final class LocalCopy {
    /** Where resumed bytes come from. */
    enum Base { NONE, PART, FILE }

    /** What the final response means for what is on disk. */
    enum Outcome {
        /** As without -C/-N: save the body when its status is accepted. */
        NORMAL,
        /** 304 to our validators: the saved file stands. */
        NOT_MODIFIED,
        /** 206 continuing exactly where our bytes end: append. */
        APPEND,
        /** 416 whose total is our size: what we have is whole. */
        WHOLE,
        /** The server's answer does not fit our bytes: ask again without Range, from nothing. */
        START_OVER
    }

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");
    private static final Pattern UNSATISFIED = Pattern.compile("bytes\\s+\\*/(\\d{1,18})");

    final String name;
    final String url;
    final PartialFile partial; // null without -C
    final Path target;
    final Base base;
    final long offset;
    /** What the bytes we have (the part, or the saved file) were saved from; null when nothing is known. */
    final Validators.Entry known;
    final boolean conditional;

    private LocalCopy(String name, String url, PartialFile partial, Path target, Base base, long offset,
                      Validators.Entry known, boolean conditional) {
        this.name = name;
        this.url = url;
        this.partial = partial;
        this.target = target;
        this.base = base;
        this.offset = offset;
        this.known = known;
        this.conditional = conditional;
    }

    /** Looks at the directory for this URL's file. */
    static LocalCopy look(Path dir, String name, String url, Validators sidecar, boolean resume, boolean timestamping) {
        PartialFile partial = resume ? new PartialFile(dir, name) : null;
        Path target = dir.resolve(name);
        if (resume) {
            Validators.Entry part = partial.resumable();
            if (part != null && part.url().equals(url) && part.rangeValidator() != null) {
                try {
                    return new LocalCopy(name, url, partial, target, Base.PART, partial.partSize(), part, false);
                } catch (IOException ignored) {
                    // gone meanwhile: as if there were none
                }
            }
        }
        Validators.Entry saved = Files.isRegularFile(target) ? sidecar.get(name, url) : null;
        if (saved == null) {
            return new LocalCopy(name, url, partial, target, Base.NONE, 0, null, false);
        }
        if (timestamping) {
            return new LocalCopy(name, url, partial, target, Base.NONE, 0, saved, true);
        }
        long size;
        try {
            size = Files.size(target);
        } catch (IOException e) {
            size = 0;
        }
        boolean canResume = resume && size > 0 && saved.rangeValidator() != null;
        return new LocalCopy(name, url, partial, target, canResume ? Base.FILE : Base.NONE, canResume ? size : 0,
                saved, false);
    }

    /** The same URL asked again from nothing: no Range, no conditions; a part is dropped. */
    LocalCopy startOver() {
        if (partial != null && base == Base.PART) {
            partial.discard();
        }
        return new LocalCopy(name, url, partial, target, Base.NONE, 0, null, false);
    }

    /** The header fields this copy asks the server with. */
    List<RequestSpec.Field> fields() {
        List<RequestSpec.Field> f = new ArrayList<>(2);
        if (base != Base.NONE) {
            f.add(new RequestSpec.Field("Range", "bytes=" + offset + "-"));
            f.add(new RequestSpec.Field("If-Range", known.rangeValidator()));
        } else if (conditional) {
            if (known.etag() != null) {
                f.add(new RequestSpec.Field("If-None-Match", known.etag()));
            }
            if (known.lastModified() != null) {
                f.add(new RequestSpec.Field("If-Modified-Since", known.lastModified()));
            }
        }
        return f;
    }

    Outcome decide(int status, Headers headers) {
        return decide(status, headers.first("Content-Range"), headers.first("ETag"), base != Base.NONE ? offset : -1,
                known == null ? null : known.rangeValidator(), conditional);
    }

    /**
     * @param offset    the Range's first byte, or -1 when no Range was sent
     * @param validator the If-Range value sent
     */
    static Outcome decide(int status, String contentRange, String etag, long offset, String validator,
                          boolean conditional) {
        if (status == 304 && conditional) {
            return Outcome.NOT_MODIFIED;
        }
        if (offset < 0) {
            return Outcome.NORMAL;
        }
        if (status == 206) {
            Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.strip());
            if (m == null || !m.matches() || Long.parseLong(m.group(1)) != offset
                    || Long.parseLong(m.group(2)) < offset
                    || !m.group(3).equals("*") && Long.parseLong(m.group(2)) >= Long.parseLong(m.group(3))) {
                return Outcome.START_OVER;
            }
            boolean sentEtag = validator != null && validator.startsWith("\"");
            if (sentEtag && etag != null && !etag.strip().equals(validator)) {
                return Outcome.START_OVER; // another representation's bytes: never append them to ours
            }
            return Outcome.APPEND;
        }
        if (status == 416) {
            Matcher m = contentRange == null ? null : UNSATISFIED.matcher(contentRange.strip());
            return m != null && m.matches() && Long.parseLong(m.group(1)) == offset ? Outcome.WHOLE : Outcome.START_OVER;
        }
        return Outcome.NORMAL;
    }

    /** The bytes we have, to hash ahead of the rest. */
    InputStream readBase() throws IOException {
        return base == Base.PART ? partial.readPart() : Files.newInputStream(target);
    }

    /** What the response says the body is (for the part's note and the sidecar), falling back on what we knew. */
    Validators.Entry origin(Headers h) {
        String etag = h.first("ETag");
        String lastModified = h.first("Last-Modified");
        if (etag == null && lastModified == null && known != null) {
            return known;
        }
        return new Validators.Entry(url, etag == null ? null : etag.strip(),
                lastModified == null ? null : lastModified.strip());
    }
}
