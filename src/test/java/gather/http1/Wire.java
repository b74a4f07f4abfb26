package gather.http1;

import gather.result.ErrorKind;
import gather.result.FetchException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Test support for the http1 parsers: byte sources that deliver input in bulk or one byte per
 * read, an escape syntax for raw wire bytes, and {@link #exchange} which runs the production
 * {@link Exchange} over one response and reports a comparable {@link Outcome}.
 */
final class Wire {
    private Wire() { }

    /** How the bytes reach the parser; every mode must give the same outcome. */
    enum Mode {
        /** One ByteArrayInputStream, the default 8 KiB buffer. */
        BULK,
        /** The stream returns at most one byte per read(byte[],..); default buffer. */
        ONE_BYTE_PER_READ,
        /** Bulk stream, but a 3-byte HttpInput buffer: lines and bodies straddle refills. */
        TINY_BUFFER;

        InputStream source(byte[] bytes) {
            return this == ONE_BYTE_PER_READ ? new OneBytePerRead(bytes) : new ByteArrayInputStream(bytes);
        }

        HttpInput input(InputStream source) {
            return new HttpInput(source, this == TINY_BUFFER ? 3 : 8192);
        }

        HttpInput input(byte[] bytes) {
            return input(source(bytes));
        }
    }

    /** An InputStream whose bulk read returns at most one byte. */
    static final class OneBytePerRead extends InputStream {
        private final byte[] bytes;
        private int pos;

        OneBytePerRead(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= bytes.length) {
                return -1;
            }
            b[off] = bytes[pos++];
            return 1;
        }

        @Override
        public int available() {
            return bytes.length - pos;
        }
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes the escape syntax of the conformance corpus into bytes: {@code \r \n \t \0 \\ \xHH},
     * and {@code \{N*TEXT}} which repeats TEXT (itself escaped, no '}') N times with {@code $i}
     * replaced by the 1-based repetition number. Any other character stands for itself
     * (ISO-8859-1).
     */
    static byte[] decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                if (c > 0xff) {
                    throw new IllegalArgumentException("not ISO-8859-1: " + s);
                }
                out.write(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case '{' -> {
                    int close = s.indexOf('}', i);
                    String macro = s.substring(i + 1, close);
                    int star = macro.indexOf('*');
                    int n = Integer.parseInt(macro.substring(0, star));
                    String text = macro.substring(star + 1);
                    for (int k = 1; k <= n; k++) {
                        out.writeBytes(decode(text.replace("$i", Integer.toString(k))));
                    }
                    i = close;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + s);
            }
        }
        return out.toByteArray();
    }

    /** Bytes as readable text: printable ASCII as is, the rest as \r, \n, \t or \xHH. */
    static String show(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** What parsing one response gave: an error kind, or status + body + reusability. */
    record Outcome(ErrorKind error, int status, String body, boolean reusable) {
        static Outcome ok(int status, byte[] body, boolean reusable) {
            return new Outcome(null, status, show(body), reusable);
        }

        static Outcome failed(ErrorKind kind) {
            return new Outcome(kind, 0, null, false);
        }

        boolean isOk() {
            return error == null;
        }

        @Override
        public String toString() {
            return isOk() ? "ok " + status + (reusable ? " reuse" : " noreuse") + " \"" + body + "\"" : error.name();
        }
    }

    static Outcome exchange(String method, byte[] raw, Mode mode) {
        return exchange(method, raw, mode, HttpLimits.DEFAULT);
    }

    /**
     * Runs the production {@link Exchange} over these bytes for a request with this method: the
     * final head (interim 1xx skipped), the framing, the body read to its end. Reusable is the
     * exchange's own verdict, and also no byte left in the stream behind it (so the answer does
     * not depend on how the bytes were delivered). Only FetchException is caught: anything else
     * escapes and fails the test.
     */
    static Outcome exchange(String method, byte[] raw, Mode mode, HttpLimits limits) {
        InputStream source = mode.source(raw);
        Exchange ex = new Exchange(source, OutputStream.nullOutputStream(), new byte[mode == Mode.TINY_BUFFER ? 3 : 8192],
                null);
        try {
            ResponseHead head = ex.readHead(method, limits);
            byte[] body = ex.body().readAllBytes();
            return Outcome.ok(head.status(), body, ex.reusable() && source.available() == 0);
        } catch (FetchException e) {
            return Outcome.failed(e.kind());
        } catch (IOException e) {
            throw new AssertionError("IOException other than FetchException: " + e, e);
        }
    }
}
