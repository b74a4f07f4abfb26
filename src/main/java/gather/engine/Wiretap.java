package gather.engine;

import gather.http1.Headers;
import gather.http1.ResponseHead;
import gather.net.Connection;
import gather.result.FetchResult;
import gather.result.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what goes over the wire into a result's transcript (-v, -I): notes, request heads as
 * sent, response heads as received, credentials hidden ({@link Credentials}). Every method does
 * nothing when the result is not recording, before building any text.
 */
final class Wiretap {
    private Wiretap() { }

    static void note(FetchResult.Builder r, String text) {
        if (r.recording()) {
            r.record(new Transcript.Entry(Transcript.Kind.NOTE, text, List.of()));
        }
    }

    static void connected(FetchResult.Builder r, Connection c, boolean reused) {
        if (r.recording()) {
            note(r, (reused ? "Re-using connection to " : "Connected to ") + c.remoteAddress()
                    + (c.tlsProtocol() == null ? "" : " (" + c.tlsProtocol() + ", " + c.tlsCipher() + ")"));
        }
    }

    static void request(FetchResult.Builder r, RequestSpec req) {
        if (!r.recording()) {
            return;
        }
        List<String> fields = new ArrayList<>(req.fields().size());
        for (RequestSpec.Field f : req.fields()) {
            fields.add(f.name() + ": " + Credentials.value(f.name(), f.value()));
        }
        r.record(new Transcript.Entry(Transcript.Kind.REQUEST,
                req.method() + " " + Credentials.userInfo(req.requestTarget()) + " HTTP/1.1", fields));
        if (req.body() != null) {
            note(r, "and a body of " + req.body().length + " bytes");
        }
    }

    static void response(FetchResult.Builder r, ResponseHead head) {
        if (!r.recording()) {
            return;
        }
        Headers h = head.headers();
        List<String> fields = new ArrayList<>(h.size());
        for (int i = 0; i < h.size(); i++) {
            fields.add(h.name(i) + ": " + Credentials.value(h.name(i), h.value(i)));
        }
        String reason = head.reason() == null || head.reason().isEmpty() ? "" : " " + head.reason();
        r.record(new Transcript.Entry(Transcript.Kind.RESPONSE, head.version() + " " + head.status() + reason, fields));
    }
}
