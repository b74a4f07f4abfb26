package gather.report;

import gather.result.CheckFailure;
import gather.result.FetchResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * --junit FILE: JUnit XML as Jenkins, GitLab and GitHub's test reporters read it (the Ant/Jenkins
 * shape: testsuites, one testsuite, a testcase per URL with its time in seconds). A failed URL
 * gets one failure per failed check (type = its error kind), or one failure with the kind and
 * message when no check ran (a refused connection); the text holds the reproduce command. A
 * failure --allow-error allows is a skipped test case, with the reason.
 */
public final class JunitReport implements Report {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path file;
    private final String suite;

    /** @param inputName the input file's name (the test cases' class), or null for URL arguments */
    public JunitReport(Path file, String inputName) {
        this.file = file;
        this.suite = inputName == null ? "gather" : inputName;
    }

    @Override
    public boolean needsResults() {
        return true;
    }

    @Override
    public void finish(RunSummary run) throws IOException {
        Totals t = run.totals();
        long failures = t.failed() - t.allowed();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "gather");
            x.writeAttribute("tests", Long.toString(t.urls()));
            x.writeAttribute("failures", Long.toString(failures));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", Long.toString(t.allowed()));
            x.writeAttribute("time", seconds(run.wallNanos()));
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", clean(suite));
            x.writeAttribute("tests", Long.toString(t.urls()));
            x.writeAttribute("failures", Long.toString(failures));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", Long.toString(t.allowed()));
            x.writeAttribute("time", seconds(run.wallNanos()));
            x.writeAttribute("timestamp", TIMESTAMP.format(run.started()));
            for (FetchResult r : run.results()) {
                testCase(x, r);
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write --junit " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("cannot write --junit " + file + ": " + e.getMessage(), e);
        }
    }

    private void testCase(XMLStreamWriter x, FetchResult r) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("name", clean(CiText.name(r)));
        x.writeAttribute("classname", clean(suite));
        x.writeAttribute("time", seconds(r.timing().totalNanos()));
        if (r.line() != null) {
            x.writeAttribute("file", clean(suite));
            x.writeAttribute("line", Integer.toString(r.line()));
        }
        if (!r.ok()) {
            String text = clean(r.url() + (r.status() == null ? "" : " (HTTP " + r.status() + ")")
                    + (r.reproduce() == null ? "" : "\nreproduce: " + r.reproduce()));
            if (r.allowed()) {
                x.writeCharacters("\n      ");
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", clean("allowed by --allow-error: " + CiText.failure(r)));
            } else if (r.checks().isEmpty()) {
                failure(x, r.error().kind().wireName(), CiText.failure(r), text);
            } else {
                for (CheckFailure c : r.checks()) {
                    failure(x, r.error().kind().wireName(), CiText.check(c), text);
                }
            }
            x.writeCharacters("\n    ");
        }
        x.writeEndElement();
    }

    private static void failure(XMLStreamWriter x, String type, String message, String text) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeStartElement("failure");
        x.writeAttribute("type", type);
        x.writeAttribute("message", clean(message));
        x.writeCharacters(text);
        x.writeEndElement();
    }

    private static String seconds(long nanos) {
        long millis = Math.round(nanos / 1e6);
        return (millis / 1000) + "." + String.format(Locale.ROOT, "%03d", millis % 1000);
    }

    /** XML 1.0 cannot hold most control characters even escaped: each becomes '?'. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i)); // a pair: one character beyond U+FFFF
                continue;
            }
            boolean ok = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xd7ff || c >= 0xe000 && c <= 0xfffd;
            sb.append(ok ? c : '?');
        }
        return sb.toString();
    }
}
