package gather.compare;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gather.report.Reports;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a gather JSON summary document (what {@code --json} and {@code --summary-file} write)
 * into the values a comparison needs. Streams the {@code results} array one result at a time,
 * so a large document costs its small values, not a tree of everything. Fields this version does
 * not know are skipped; {@code line} and {@code name} are optional. A document with a schema
 * newer than {@link Reports#SCHEMA} is refused: its fields may no longer mean what this code thinks.
 */
public final class SummaryReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SummaryReader() { }

    public static RunDocument read(Path file) throws InvalidSummaryException {
        return read(file, false);
    }

    /** Like {@link #read(Path)}, also keeping each result's whole JSON object and the run's start and wall time (for merge). */
    public static RunDocument readWhole(Path file) throws InvalidSummaryException {
        return read(file, true);
    }

    private static RunDocument read(Path file, boolean whole) throws InvalidSummaryException {
        if (Files.isDirectory(file)) {
            throw new InvalidSummaryException(file, "is a directory");
        }
        try (JsonParser p = MAPPER.createParser(Files.newInputStream(file))) { // NIO: a missing file is NoSuchFileException
            return read(file, p, whole);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidSummaryException(file, "not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("?")
                    + at + ")");
        } catch (NoSuchFileException e) {
            throw new InvalidSummaryException(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new InvalidSummaryException(file, "permission denied");
        } catch (IOException e) {
            throw new InvalidSummaryException(file, "cannot read it (" + e.getMessage() + ")");
        }
    }

    private static RunDocument read(Path file, JsonParser p, boolean whole) throws IOException, InvalidSummaryException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new InvalidSummaryException(file, "empty file");
        }
        if (first != JsonToken.START_OBJECT) {
            throw notSummary(file, "it is not a JSON object");
        }
        JsonNode schema = null;
        JsonNode tool = null;
        List<RunResult> results = null;
        List<JsonNode> nodes = whole ? new ArrayList<>() : null;
        JsonNode started = null;
        JsonNode wall = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "schema" -> schema = MAPPER.readTree(p);
                case "tool" -> tool = MAPPER.readTree(p);
                case "started" -> started = MAPPER.readTree(p);
                case "wall_ms" -> wall = MAPPER.readTree(p);
                case "results" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw notSummary(file, "\"results\" is not an array");
                    }
                    results = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode node = MAPPER.readTree(p);
                        results.add(result(file, node, results.size()));
                        if (nodes != null) {
                            nodes.add(node);
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new InvalidSummaryException(file, "not JSON (more after the document's end)");
        }
        if (tool == null || !"gather".equals(tool.asText())) {
            throw notSummary(file, "no \"tool\": \"gather\"");
        }
        if (schema == null || !schema.canConvertToInt()) {
            throw notSummary(file, "no \"schema\" number");
        }
        if (schema.asInt() > Reports.SCHEMA) {
            throw new InvalidSummaryException(file, "schema " + schema.asInt()
                    + " is newer than this gather reads (" + Reports.SCHEMA + "); use a newer gather");
        }
        if (results == null) {
            throw notSummary(file, "no \"results\" array (a --jsonl summary line? write the document with"
                    + " --json or --summary-file)");
        }
        return new RunDocument(file.toString(), results, nodes == null ? List.of() : nodes,
                started == null ? null : started.asText(null), wall != null && wall.isNumber() ? wall.asDouble() : 0);
    }

    private static RunResult result(Path file, JsonNode r, int position) throws InvalidSummaryException {
        String where = "results[" + position + "]";
        if (!r.isObject()) {
            throw notSummary(file, where + " is not an object");
        }
        JsonNode url = r.get("url");
        JsonNode ok = r.get("ok");
        if (url == null || !url.isTextual()) {
            throw notSummary(file, where + " has no \"url\" string");
        }
        if (ok == null || !ok.isBoolean()) {
            throw notSummary(file, where + " has no \"ok\" true or false");
        }
        JsonNode index = r.get("index");
        JsonNode error = r.get("error");
        JsonNode timing = r.get("timing_ms");
        JsonNode total = timing == null ? null : timing.get("total");
        String kind = error != null && error.isObject() && error.get("kind") != null && error.get("kind").isTextual()
                ? error.get("kind").asText() : null;
        return new RunResult(index != null && index.canConvertToLong() ? index.asLong() : position, url.asText(),
                ok.asBoolean(), intOrNull(r.get("status")), ok.asBoolean() ? null : kind == null ? "unknown" : kind,
                textOrNull(r.get("sha256")), total != null && total.isNumber() ? total.asDouble() : null,
                r.get("line") != null && r.get("line").canConvertToLong() ? r.get("line").asLong() : null,
                textOrNull(r.get("name")));
    }

    private static Integer intOrNull(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToInt() ? n.asInt() : null;
    }

    private static String textOrNull(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static InvalidSummaryException notSummary(Path file, String why) {
        return new InvalidSummaryException(file, "not a gather summary document: " + why);
    }
}
