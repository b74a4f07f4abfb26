package gather.cli;

import static gather.cli.CliTestSupport.lines;
import static org.assertj.core.api.Assertions.assertThat;

import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** -v's transcripts (whole per URL, credentials and secrets hidden) and -I's response heads, through the CLI. */
@Timeout(60)
class VerboseTest {
    private static final int URLS = 50;

    /** Stderr cut into blocks, each starting at a "* #N URL" line, by N. */
    private static Map<Integer, List<String>> blocks(String err) {
        Map<Integer, List<String>> blocks = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : err.split("\n", -1)) {
            if (line.startsWith("* #")) {
                int n = Integer.parseInt(line.substring(3, line.indexOf(' ', 3)));
                assertThat(blocks).as("one block per URL").doesNotContainKey(n);
                current = new ArrayList<>();
                blocks.put(n, current);
            }
            if (current != null) {
                current.add(line);
            } else {
                assertThat(line).as("nothing before the first block").isEmpty();
            }
        }
        return blocks;
    }

    @Test
    void fiftyConcurrentUrlsEachGetOneWholeBlockInOrderWithCredentialsAndSecretsHidden() throws Exception {
        CountDownLatch allInFlight = new CountDownLatch(URLS);
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> {
                String path = req.path();
                if (path.startsWith("/final")) {
                    return ScriptedResponse.ok("done " + path).header("X-Echo", "tok-XSECRETX");
                }
                allInFlight.countDown();
                try {
                    allInFlight.await(20, TimeUnit.SECONDS); // every URL's exchange is open at once
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int n = Integer.parseInt(path.substring(2));
                return n % 2 == 0
                        ? ScriptedResponse.redirect(302, "http://user:pw-XSECRETX@" + server.hostForUrl() + ":"
                                + server.port() + "/final" + n)
                        : ScriptedResponse.ok("plain " + n).header("Set-Cookie", "sess=cookie-value; Path=/");
            });
            List<String> args = new ArrayList<>(List.of("-v", "-j", String.valueOf(URLS), "--secret", "XSECRETX",
                    "-H", "Authorization: Bearer auth-token-value", "-H", "Cookie: sid=cookie-jar-value",
                    "-H", "X-Token: XSECRETX"));
            for (int i = 0; i < URLS; i++) {
                args.add("http://someone:url-password@" + server.hostForUrl() + ":" + server.port() + "/u" + i);
            }
            GatherRun run = GatherRun.run(args.toArray(String[]::new));
            assertThat(run.exitCode).as("%s", run).isZero();
            assertThat(allInFlight.getCount()).as("all %d exchanges were in flight together", URLS).isZero();

            Map<Integer, List<String>> blocks = blocks(run.err);
            assertThat(blocks.keySet()).hasSize(URLS);
            for (int i = 0; i < URLS; i++) {
                List<String> b = blocks.get(i);
                String host = "Host: " + server.hostForUrl() + ":" + server.port();
                List<String> heads = b.stream().filter(l -> l.startsWith("> GET") || l.startsWith("< HTTP")).toList();
                if (i % 2 == 0) {
                    assertThat(heads).as("block %d: %s", i, b).containsExactly("> GET /u" + i + " HTTP/1.1",
                            "< HTTP/1.1 302 Found", "> GET /final" + i + " HTTP/1.1", "< HTTP/1.1 200 OK");
                    assertThat(b).contains("< Location: http://user:***@" + server.hostForUrl() + ":" + server.port()
                            + "/final" + i, "< X-Echo: tok-<secret>");
                } else {
                    assertThat(heads).as("block %d: %s", i, b).containsExactly("> GET /u" + i + " HTTP/1.1",
                            "< HTTP/1.1 200 OK");
                    assertThat(b).contains("< Set-Cookie: sess=<redacted>; Path=/");
                }
                assertThat(b).as("block %d", i).contains("> " + host, "> Authorization: Bearer <redacted>",
                        "> Cookie: sid=<redacted>", "> X-Token: <secret>", ">", "<");
                assertThat(String.join("\n", b)).as("block %d holds only its own URL", i)
                        .doesNotContainPattern("/(u|final)(?!" + i + "\\b)\\d+\\b");
            }
            for (String secret : List.of("XSECRETX", "auth-token-value", "cookie-jar-value", "cookie-value",
                    "url-password", "pw-")) {
                assertThat(run.out).doesNotContain(secret);
                assertThat(run.err).doesNotContain(secret);
            }
            assertThat(lines(run.out)).filteredOn(l -> l.contains(" ok ")).hasSize(URLS);
        }
    }

    @Test
    void verboseShowsEveryAttemptAndWhyItFailed() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.enqueue(ScriptedResponse.of(503), ScriptedResponse.ok("fine"));
            GatherRun run = GatherRun.run("-v", "--retries", "1", "--retry-max-wait", "0.01", server.url("/r"));
            assertThat(run.exitCode).as("%s", run).isZero();
            List<String> b = blocks(run.err).get(0);
            assertThat(b.stream().filter(l -> l.startsWith("> GET") || l.startsWith("< HTTP")
                    || l.startsWith("* attempt") || l.startsWith("* retrying")).toList())
                    .as("%s", run.err).satisfiesExactly(
                            l -> assertThat(l).isEqualTo("> GET /r HTTP/1.1"),
                            l -> assertThat(l).startsWith("< HTTP/1.1 503"),
                            l -> assertThat(l).startsWith("* attempt 1 failed: http_status: "),
                            l -> assertThat(l).startsWith("* retrying in "),
                            l -> assertThat(l).isEqualTo("> GET /r HTTP/1.1"),
                            l -> assertThat(l).isEqualTo("< HTTP/1.1 200 OK"));
        }
    }

    @Test
    void withoutVerboseNothingIsRecordedOrPrinted() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> ScriptedResponse.ok("x"));
            GatherRun run = GatherRun.run(server.url("/a"));
            assertThat(run.err).isEmpty();
            assertThat(run.out).doesNotContain("> GET").doesNotContain("HTTP/1.1 200");
        }
    }

    @Test
    void headPrintsTheFinalResponseHeadBeforeEachUrlsLine() throws Exception {
        try (ScriptedServer server = ScriptedServer.plain()) {
            server.setDispatcher(req -> req.path().equals("/moved")
                    ? ScriptedResponse.redirect(301, "/there")
                    : ScriptedResponse.ok("body").header("X-Kind", req.path()));
            GatherRun one = GatherRun.run("-I", server.url("/moved"));
            assertThat(one.exitCode).as("%s", one).isZero();
            List<String> out = List.of(one.out.split("\n", -1));
            assertThat(out.get(0)).isEqualTo("HTTP/1.1 200 OK");
            assertThat(out).contains("X-Kind: /there").doesNotContain("HTTP/1.1 301 Moved Permanently");
            int blank = out.indexOf("");
            assertThat(out.get(blank + 1)).as("the URL's line follows the head").contains(" ok ")
                    .contains(server.url("/moved"));

            GatherRun quiet = GatherRun.run("-I", "-q", server.url("/a"));
            assertThat(quiet.out).as("as curl -sI").startsWith("HTTP/1.1 200 OK\n").contains("X-Kind: /a\n");

            GatherRun several = GatherRun.run("-I", "-j", "1", server.url("/a"), server.url("/b"));
            List<String> lines = List.of(several.out.split("\n", -1));
            for (String p : List.of("/a", "/b")) {
                int line = indexOf(lines, l -> l.endsWith(server.url(p)));
                assertThat(lines.subList(line - 3, line)).as("%s", several.out)
                        .containsExactly("X-Kind: " + p, "Content-Length: 4", "");
            }

            GatherRun json = GatherRun.json("-I", server.url("/a"));
            assertThat(CliTestSupport.doc(json).get("results").get(0).get("ok").asBoolean()).isTrue();
            assertThat(json.err).startsWith("HTTP/1.1 200 OK\n");
        }
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> p) {
        for (int i = 0; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line in " + lines);
    }
}
