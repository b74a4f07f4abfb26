package gather.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.Locale;

/**
 * Turns JMH's JSON result (-rf json) into MB/s: each benchmark's operations per second times the
 * bytes one operation handles (head bytes, payload bytes, hashed bytes). MB = 1,000,000 bytes.
 * Prints a Markdown table. Run by src/test/sh/jmh.sh after the benchmarks.
 */
public final class JmhReport {
    private JmhReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: JmhReport RESULT.json");
            System.exit(2);
        }
        JsonNode results = new ObjectMapper().readTree(new File(args[0]));
        System.out.println("| benchmark | case | bytes/op | ops/s | MB/s |");
        System.out.println("| --- | --- | ---: | ---: | ---: |");
        for (JsonNode r : results) {
            String name = r.path("benchmark").asText();
            String simple = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            JsonNode params = r.path("params");
            JsonNode metric = r.path("primaryMetric");
            if (!"ops/s".equals(metric.path("scoreUnit").asText())) {
                System.out.printf("| %s | %s | | | (not a throughput result: %s) |%n",
                        simple, params, metric.path("scoreUnit").asText());
                continue;
            }
            double ops = metric.path("score").asDouble();
            double err = metric.path("scoreError").asDouble(Double.NaN);
            long bytes;
            String label;
            switch (simple) {
                case "HeadParseBench.parse" -> {
                    String head = params.path("head").asText();
                    bytes = HeadParseBench.bytes(head).length;
                    label = head.equals("nginx") ? "nginx head, " + HeadParseBench.expectedFields(head) + " fields"
                            : HeadParseBench.expectedFields(head) + " header fields";
                }
                case "ChunkedBench.decode" -> {
                    bytes = ChunkedBench.BODY_BYTES;
                    label = "1 MiB in " + params.path("chunkSize").asText() + "-byte chunks";
                }
                case "Sha256Bench.bodySink" -> {
                    bytes = Sha256Bench.BLOCK_BYTES;
                    label = "BodySink.accept, 64 KiB blocks";
                }
                case "Sha256Bench.jdkDigest" -> {
                    bytes = Sha256Bench.BLOCK_BYTES;
                    label = "MessageDigest.update alone (baseline)";
                }
                default -> {
                    bytes = -1;
                    label = params.toString();
                }
            }
            String errText = Double.isNaN(err) ? "" : String.format(Locale.ROOT, " ± %.0f", err * Math.max(bytes, 0) / 1e6);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", simple, label,
                    bytes < 0 ? "?" : String.format(Locale.ROOT, "%,d", bytes),
                    String.format(Locale.ROOT, "%,.0f", ops),
                    bytes < 0 ? "?" : String.format(Locale.ROOT, "%,.0f%s", ops * bytes / 1e6, errText));
        }
    }
}
