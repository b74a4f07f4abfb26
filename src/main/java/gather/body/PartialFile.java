package gather.body;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * -C: a download kept across runs until complete. While it runs, and after it broke, the body is
 * {@code DIR/.NAME.gather-part} and what it is a part of (URL, ETag, Last-Modified) is
 * {@code DIR/.NAME.gather-part.json}, written before the first body byte. Saved names never
 * start with a dot, so neither can collide with one. {@link #commit()} renames the part to NAME
 * and drops the note; a part that broke stays for the next run, unless nothing could identify it
 * (no validator) or it is empty.
 */
public final class PartialFile implements AutoCloseable {
    private final Path target;
    private final Path part;
    private final Path note;
    private OutputStream out;
    private boolean keep;
    private boolean done;

    public PartialFile(Path dir, String name) {
        this.target = dir.resolve(name);
        this.part = dir.resolve("." + name + ".gather-part");
        this.note = dir.resolve("." + name + ".gather-part.json");
    }

    public Path target() {
        return target;
    }

    /** The part on disk and what it belongs to, when both are there and the part holds bytes; else null. */
    public Validators.Entry resumable() {
        try {
            if (!Files.isRegularFile(part) || Files.size(part) == 0) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return Validators.readEntry(note);
    }

    public long partSize() throws IOException {
        return Files.size(part);
    }

    public InputStream readPart() throws IOException {
        return Files.newInputStream(part);
    }

    /**
     * Opens the part for writing: appended to ({@code append}), started from a copy of the saved
     * file ({@code fromTarget}, for a saved file that turned out shorter than the server's), or
     * started over. {@code origin} (null: none) is noted first, so a break leaves a part a later
     * run can prove.
     */
    public OutputStream open(Validators.Entry origin, boolean append, boolean fromTarget) throws FetchException {
        try {
            Files.createDirectories(part.getParent());
            if (origin != null && origin.hasValidator()) {
                Files.write(note, Validators.entryBytes(origin));
                keep = true;
            } else {
                Files.deleteIfExists(note);
            }
            if (fromTarget) {
                Files.copy(target, part, StandardCopyOption.REPLACE_EXISTING);
            }
            out = new BufferedOutputStream(append || fromTarget
                    ? Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : Files.newOutputStream(part), 64 * 1024);
            return out;
        } catch (IOException e) {
            throw new FetchException(ErrorKind.IO, "cannot write " + part + ": " + e.getMessage(), e);
        }
    }

    /** The part is complete (it may never have been opened: a 416 for a part that was whole): it becomes NAME. */
    public Path commit() throws FetchException {
        try {
            if (out != null) {
                out.close();
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(note);
            done = true;
            return target;
        } catch (IOException e) {
            throw new FetchException(ErrorKind.IO, "cannot save " + target + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the part and its note (it belongs to another version, or to nothing provable). */
    public void discard() {
        keep = false;
        try {
            Files.deleteIfExists(part);
            Files.deleteIfExists(note);
        } catch (IOException ignored) {
            // best effort; the next run's note check still guards it
        }
    }

    /** Not committed: the part stays when it can be resumed, and goes otherwise. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // what reached the disk is what the next run resumes from
        }
        if (out == null) {
            return; // never written: leave whatever was there
        }
        try {
            if (!keep || Files.size(part) == 0) {
                discard();
            }
        } catch (IOException e) {
            discard();
        }
    }
}
