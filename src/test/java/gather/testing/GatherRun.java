package gather.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gather.cli.GatherCommand;
import gather.report.Utf8PrintWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the gather command line in-process, through the same factory main() uses, and captures
 * stdout, stderr and the exit code. {@link #json()} parses stdout as the JSON summary document.
 */
public final class GatherRun {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final int exitCode;
    public final String out;
    public final String err;

    private GatherRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    public static GatherRun run(String... args) {
        return run(null, Map.of(), args);
    }

    /** With stdin bytes (for "-i -") and an environment (for proxy variables); the real environment is never used. */
    public static GatherRun run(String stdin, Map<String, String> env, String... args) {
        // stdout as main() makes it: a Utf8PrintWriter, which the JSON document's results skip as bytes
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        PrintWriter out = new Utf8PrintWriter(outBytes, 1 << 16);
        StringWriter err = new StringWriter();
        CommandLine cl = GatherCommand.commandLine(out, new PrintWriter(err, true));
        GatherCommand cmd = cl.getCommand();
        GatherCommand.testHooks(cmd, stdin == null ? new ByteArrayInputStream(new byte[0])
                : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env);
        int code = GatherCommand.execute(cl, args, env);
        out.flush();
        return new GatherRun(code, outBytes.toString(StandardCharsets.UTF_8), err.toString());
    }

    /** Convenience: "--json" first, then the arguments. */
    public static GatherRun json(String... args) {
        List<String> a = new ArrayList<>();
        a.add("--json");
        a.addAll(List.of(args));
        return run(a.toArray(String[]::new));
    }

    public JsonNode json() {
        try {
            return MAPPER.readTree(out);
        } catch (Exception e) {
            throw new AssertionError("stdout is not one JSON document: " + e.getMessage() + "\n--- stdout:\n" + out
                    + "\n--- stderr:\n" + err, e);
        }
    }

    /** The only result of a one-URL run. */
    public JsonNode result() {
        JsonNode results = json().get("results");
        if (results.size() != 1) {
            throw new AssertionError("expected one result, got " + results.size() + ":\n" + out);
        }
        return results.get(0);
    }

    /** results[i].error.kind, or null. */
    public String errorKind(int i) {
        JsonNode e = json().get("results").get(i).get("error");
        return e.isNull() ? null : e.get("kind").asText();
    }

    public static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
    }
}
