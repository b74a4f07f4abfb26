package gather.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an output directory's files were saved from (-N, -C): per file name, the URL and the
 * response's validators (ETag, Last-Modified), kept in {@code DIR/.gather-validators.json}:
 *
 * <pre>{"schema": 1, "files": {"a.html": {"url": "http://h/a.html", "etag": "\"x1\"", "last_modified": "..."}}}</pre>
 *
 * Loaded when the run starts, written once at its end (a temporary file renamed over the old
 * one); files the run did not touch keep their entries. An unreadable sidecar counts as empty
 * (the run downloads everything again and writes a good one).
 */
public final class Validators {
    public static final String FILE_NAME = ".gather-validators.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A saved file's origin; {@code etag} and {@code lastModified} may be null (not both). */
    public record Entry(String url, String etag, String lastModified) {
        /** For If-Range: a strong ETag, else Last-Modified; null when there is neither. */
        public String rangeValidator() {
            return etag != null && !etag.startsWith("W/") ? etag : lastModified;
        }

        public boolean hasValidator() {
            return etag != null || lastModified != null;
        }

        ObjectNode json() {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("url", url);
            n.put("etag", etag);
            n.put("last_modified", lastModified);
            return n;
        }

        static Entry of(JsonNode n) {
            if (n == null || !n.isObject() || !n.path("url").isTextual()) {
                return null;
            }
            Entry e = new Entry(n.get("url").asText(), text(n.get("etag")), text(n.get("last_modified")));
            return e.hasValidator() ? e : null;
        }

        private static String text(JsonNode n) {
            return n != null && n.isTextual() ? n.asText() : null;
        }
    }

    private final Path file;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private Validators(Path file) {
        this.file = file;
    }

    /** The directory's sidecar, or an empty one when there is none or it cannot be read. */
    public static Validators load(Path dir) {
        Validators v = new Validators(dir.resolve(FILE_NAME));
        try {
            JsonNode files = MAPPER.readTree(v.file.toFile()).path("files");
            for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                Entry e = Entry.of(f.getValue());
                if (e != null) {
                    v.entries.put(f.getKey(), e);
                }
            }
        } catch (IOException | RuntimeException e) {
            // none yet, or unusable: start from nothing
        }
        return v;
    }

    /** The entry for this file name if it was saved from this URL, else null. */
    public Entry get(String name, String url) {
        Entry e = entries.get(name);
        return e != null && e.url().equals(url) ? e : null;
    }

    /** Records (or, without validators, forgets) what a file was saved from. */
    public void put(String name, Entry e) {
        if (e.hasValidator()) {
            entries.put(name, e);
        } else {
            entries.remove(name);
        }
    }

    /** Writes the sidecar atomically (sorted by name, so it diffs well). */
    public void save() throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", 1);
        ObjectNode files = root.putObject("files");
        for (Map.Entry<String, Entry> e : new TreeMap<>(entries).entrySet()) {
            files.set(e.getKey(), e.getValue().json());
        }
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".gather-", ".part");
        try {
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (NoSuchFileException ignored) {
                // moved
            }
        }
    }

    /** The small JSON a partial file's validators are kept in (the same fields as an entry). */
    static byte[] entryBytes(Entry e) throws IOException {
        return MAPPER.writeValueAsBytes(e.json());
    }

    static Entry readEntry(Path p) {
        try {
            return Entry.of(MAPPER.readTree(p.toFile()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
