package gather.http1;

import gather.result.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code conformance/cases.txt}: raw response bytes for a request method and the
 * expected {@link Wire.Outcome}. The file's header comment documents the syntax.
 */
record ConformanceCase(String name, String method, Wire.Outcome expected, byte[] raw, int lineNumber) {
    static final String RESOURCE = "/conformance/cases.txt";

    @Override
    public String toString() {
        return name;
    }

    static List<ConformanceCase> load() {
        List<ConformanceCase> cases = new ArrayList<>();
        try (InputStream stream = ConformanceCase.class.getResourceAsStream(RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException(RESOURCE + " not on the test class path");
            }
            String[] lines = new String(stream.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                cases.add(parse(line, i + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    static ConformanceCase parse(String line, int lineNumber) {
        String[] f = line.split("\\|", 4);
        if (f.length != 4) {
            throw new IllegalArgumentException("line " + lineNumber + ": want name | METHOD | expected | raw");
        }
        String name = f[0].strip();
        String method = f[1].strip();
        String expect = f[2].strip();
        String raw = f[3].startsWith(" ") ? f[3].substring(1) : f[3];
        return new ConformanceCase(name, method, expectation(expect, lineNumber), Wire.decode(raw), lineNumber);
    }

    private static Wire.Outcome expectation(String expect, int lineNumber) {
        if (!expect.startsWith("ok ")) {
            return Wire.Outcome.failed(ErrorKind.valueOf(expect));
        }
        // ok STATUS reuse|noreuse "BODY"
        String[] t = expect.split(" ", 4);
        int open = expect.indexOf('"');
        int close = expect.lastIndexOf('"');
        if (t.length != 4 || open < 0 || close <= open || !(t[2].equals("reuse") || t[2].equals("noreuse"))) {
            throw new IllegalArgumentException("line " + lineNumber + ": bad expectation " + expect);
        }
        byte[] body = Wire.decode(expect.substring(open + 1, close));
        return Wire.Outcome.ok(Integer.parseInt(t[1]), body, t[2].equals("reuse"));
    }
}
