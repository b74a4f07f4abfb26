package gather.http1;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes a request head (and body) into one byte array, so it goes out in one write. */
public final class RequestWriter {
    private RequestWriter() { }

    /**
     * @param target origin-form ("/a?b") or, through a proxy, absolute-form ("http://h/a?b")
     * @param fields name/value pairs in order; names and values were validated (no CR, LF, NUL)
     */
    public static byte[] encode(String method, String target, List<String[]> fields, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (body == null ? 0 : body.length));
        StringBuilder sb = new StringBuilder(256);
        sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (String[] f : fields) {
            sb.append(f[0]).append(": ").append(f[1]).append("\r\n");
        }
        sb.append("\r\n");
        out.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** True when a header name is a valid token. */
    public static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!ResponseHead.isTokenChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when a header value holds no CR, LF, NUL or other control character but tab. */
    public static boolean validValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }
}
