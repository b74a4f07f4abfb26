package gather.engine;

import gather.http1.RequestWriter;
import java.util.List;

/**
 * One request as it will be sent: method, the URL it is for, the request target on the wire
 * (origin-form, or absolute-form through a plain-http proxy), header fields in order, and the
 * body (null: none). Built by {@link RequestBuilder}; {@link #encode()} gives the bytes.
 */
record RequestSpec(String method, gather.plan.Target target, String requestTarget, List<Field> fields, byte[] body) {

    /** One header field; name and value were checked for CR, LF and NUL. */
    record Field(String name, String value) { }

    RequestSpec {
        fields = List.copyOf(fields);
    }

    /** The first value of a header field (case-insensitive name), or null. */
    String header(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    byte[] encode() {
        List<String[]> wire = new java.util.ArrayList<>(fields.size());
        for (Field f : fields) {
            wire.add(new String[] {f.name(), f.value()});
        }
        return RequestWriter.encode(method, requestTarget, wire, body);
    }
}
