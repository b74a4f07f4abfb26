package gather.plan;

import java.io.OutputStream;
import java.nio.file.Path;

/** Where bodies are saved, when they are: the CLI's --output-dir/-O/-P, -o FILE, or -o -. */
public sealed interface SaveTo {
    /** Each body under a safe, unique name in {@code dir}; a file appears only when complete. */
    record Directory(Path dir) implements SaveTo { }

    /** The one URL's body to {@code file}, written whole to a temporary file and renamed over it. */
    record File(Path file) implements SaveTo { }

    /** The one URL's body to a stream (stdout) as it arrives; the stream is flushed, never closed. */
    record Stream(OutputStream out) implements SaveTo { }
}
