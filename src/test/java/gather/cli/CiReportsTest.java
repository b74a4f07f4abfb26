package gather.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gather.testing.GatherRun;
import gather.testing.ScriptedResponse;
import gather.testing.ScriptedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The reports CI systems read: JUnit XML, GitHub annotations and step summary, markdown. */
class CiReportsTest {
    @TempDir
    Path dir;

    private static ScriptedServer server() {
        ScriptedServer s = ScriptedServer.plain();
        s.setDispatcher(req -> req.path().equals("/missing") ? ScriptedResponse.notFound() : ScriptedResponse.ok("hello"));
        return s;
    }

    private Path batch(ScriptedServer s) throws Exception {
        Path f = dir.resolve("smoke.txt");
        Files.writeString(f, String.join("\n",
                s.url("/ok") + " name=\"home page\"",
                s.url("/missing"),
                s.url("/text") + " contains=bye regex=^x name=\"text|check\"",
                "http://127.0.0.1:1/<script>|pipe",
                ""));
        return f;
    }

    @Test
    void junitHasATestCasePerUrlAndAFailurePerFailedCheck() throws Exception {
        try (ScriptedServer s = server()) {
            Path f = batch(s);
            Path xml = dir.resolve("junit.xml");
            GatherRun run = GatherRun.run("-q", "--junit", xml.toString(), "-i", f.toString());
            assertThat(run.exitCode).isEqualTo(1);
            // valid for the readers people use: the Ant/Jenkins JUnit schema
            javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(CiReportsTest.class.getResource("/junit/junit.xsd")).newValidator()
                    .validate(new javax.xml.transform.stream.StreamSource(xml.toFile()));
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
            Element suites = doc.getDocumentElement();
            assertThat(suites.getTagName()).isEqualTo("testsuites");
            assertThat(suites.getAttribute("tests")).isEqualTo("4");
            assertThat(suites.getAttribute("failures")).isEqualTo("3");
            Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
            assertThat(suite.getAttribute("name")).isEqualTo(f.toString());
            assertThat(suite.getAttribute("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
            NodeList cases = suite.getElementsByTagName("testcase");
            assertThat(cases.getLength()).isEqualTo(4);
            Element home = (Element) cases.item(0);
            assertThat(home.getAttribute("name")).isEqualTo("home page");
            assertThat(home.getAttribute("line")).isEqualTo("1");
            assertThat(home.getAttribute("time")).matches("\\d+\\.\\d{3}");
            assertThat(home.getElementsByTagName("failure").getLength()).isZero();
            Element text = (Element) cases.item(2);
            NodeList failures = text.getElementsByTagName("failure");
            assertThat(failures.getLength()).as("one failure per failed check").isEqualTo(2);
            assertThat(((Element) failures.item(0)).getAttribute("type")).isEqualTo("expectation");
            assertThat(((Element) failures.item(0)).getAttribute("message")).startsWith("expect-text: expected bye");
            assertThat(failures.item(0).getTextContent()).contains("reproduce: curl");
            Element refused = (Element) cases.item(3);
            assertThat(refused.getAttribute("name")).isEqualTo("http://127.0.0.1:1/%3Cscript%3E%7Cpipe");
            assertThat(((Element) refused.getElementsByTagName("failure").item(0)).getAttribute("type")).isEqualTo("connect");
        }
    }

    @Test
    void onGithubEachFailureIsAnAnnotationAtItsLineAndTheStepSummaryGetsATable() throws Exception {
        try (ScriptedServer s = server()) {
            Path f = batch(s);
            Path summary = dir.resolve("step-summary.md");
            Files.writeString(summary, "earlier step\n");
            GatherRun run = GatherRun.run(null, Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString()),
                    "-i", f.toString(), "--allow-error", "connect");
            assertThat(run.exitCode).isEqualTo(1);
            List<String> annotations = run.out.lines().filter(l -> l.startsWith("::")).toList();
            assertThat(annotations).hasSize(3);
            String fileProp = f.toString().replace(":", "%3A").replace(",", "%2C");
            assertThat(annotations).anySatisfy(a -> assertThat(a)
                    .startsWith("::error file=" + fileProp + ",line=2,title=gather%3A " + s.url("/missing")
                            .replace(":", "%3A") + "::http_status: "));
            assertThat(annotations).anySatisfy(a -> assertThat(a).startsWith("::error file=" + fileProp + ",line=3,")
                    .contains("%0Aexpect-text: expected bye").contains("%0Aexpect-regex: "));
            assertThat(annotations).anySatisfy(a -> assertThat(a).startsWith("::warning file=" + fileProp + ",line=4,"));
            String md = Files.readString(summary);
            assertThat(md).startsWith("earlier step\n### gather: 1 of 4 URLs ok, 2 failed, 1 allowed");
            assertThat(md).contains("| URL | line | status | kind | message |")
                    .contains("| " + s.url("/missing") + " | 2 | 404 | http_status |")
                    .contains("| text\\|check | 3 | 200 | expectation |"); // a pipe in a cell cannot break the table
        }
    }

    @Test
    void markdownAnywhereAndNoAnnotationsOutsideGithub() throws Exception {
        try (ScriptedServer s = server()) {
            Path md = dir.resolve("out.md");
            GatherRun run = GatherRun.run("--markdown", md.toString(), s.url("/ok"), s.url("/missing"));
            assertThat(run.exitCode).isEqualTo(1);
            assertThat(run.out).doesNotContain("::error");
            assertThat(Files.readString(md)).startsWith("### gather: 1 of 2 URLs ok, 1 failed")
                    .contains("| " + s.url("/missing") + " |  | 404 | http_status |");
            GatherRun json = GatherRun.run("--json", "--github", s.url("/missing"));
            assertThat(CliTestSupport.strictJson(json.out)).as("stdout stays JSON").isNotNull();
            assertThat(json.err).contains("::error title=");
        }
    }
}
