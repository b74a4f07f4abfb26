package gather.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small summary documents for tests, in the contract's shape (only the fields a comparison reads, plus a few). */
public final class Docs {
    private Docs() { }

    /** An ok result: status, body hash, total ms. */
    public static String ok(String url, int status, String sha, double totalMs) {
        return result(url, true, status, null, sha, totalMs, "");
    }

    /** A failed result with a status (http_status) or none (e.g. connect). */
    public static String failed(String url, Integer status, String kind) {
        return result(url, false, status, kind, null, 1.0, "");
    }

    /** Adds raw extra fields (e.g. "\"line\":3,\"name\":\"shop\"") to a result made by ok() or failed(). */
    public static String with(String result, String extra) {
        return result.substring(0, result.length() - 1) + "," + extra + "}";
    }

    private static String result(String url, boolean ok, Integer status, String kind, String sha, double totalMs,
                                 String extra) {
        return String.format(Locale.ROOT, "{\"index\":%s,\"url\":\"%s\",\"ok\":%b,\"status\":%s,\"reason\":null,"
                        + "\"sha256\":%s,\"timing_ms\":{\"queue\":0.0,\"total\":%.1f},\"error\":%s%s}",
                "IDX", url, ok, status, sha == null ? "null" : "\"" + sha + "\"", totalMs,
                kind == null ? "null" : "{\"kind\":\"" + kind + "\",\"message\":\"m\"}", extra);
    }

    /** A schema-1 document holding these results, with their indexes filled in. */
    public static String doc(String... results) {
        List<String> rs = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            rs.add(results[i].replaceFirst("\"IDX\"|IDX", String.valueOf(i)));
        }
        return "{\"schema\":1,\"tool\":\"gather\",\"version\":\"0.1.0\",\"wall_ms\":1.0,\"totals\":{\"urls\":"
                + results.length + "},\"results\":[" + String.join(",", rs) + "]}";
    }

    public static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
