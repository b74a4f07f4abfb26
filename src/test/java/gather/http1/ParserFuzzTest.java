package gather.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import gather.result.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of the conformance corpus. For every input the only outcomes allowed
 * are a parsed response (final head and body read to the end) or a FetchException of kind
 * PROTOCOL or TRUNCATED; never another exception or error. The outcome must not depend on how
 * the bytes are delivered, and each input must parse quickly.
 *
 * <p>The suite tries {@link #FIXED_INPUTS} inputs from {@link #FIXED_SEED}. Longer, another seed, or replaying a failure:
 * {@code mvn test -Dtest=ParserFuzzTest -Dgather.fuzz.seconds=600 -Dgather.fuzz.seed=1234}
 * (or the environment variable {@code GATHER_FUZZ_SECONDS}). Input number N of a run depends
 * only on the seed and N.
 */
class ParserFuzzTest {
    /** The suite's seed: the same inputs on every run, so a failure is never luck. */
    static final long FIXED_SEED = 20261205L;
    /** How many inputs the suite tries (about 3 s here). */
    static final long FIXED_INPUTS = 25_000;

    private static final int MAX_INPUT = 256 * 1024;
    private static final Duration PER_INPUT = Duration.ofSeconds(2);
    private static final List<ConformanceCase> CORPUS = ConformanceCase.load();
    private static final byte[][] TOKENS = Arrays.stream(new String[] {
            "\r", "\n", "\r\n", "\0", "\r\n\r\n", "\n\n", " ", "\t", ":", ";", ",", "\"", "\\", "\u00ff", "\u0080",
            "0", "-1", "+5", "0x10", "99999999999999999999", "fffffffffffffffff", "7fffffffffffffff",
            "9223372036854775808", "chunked", "gzip, ", "close", "keep-alive",
            "Transfer-Encoding: chunked\r\n", "Content-Length: 0\r\n", "Content-Length: 5\r\n",
            "Connection: close\r\n", "HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 200 OK\r\n", "HTTP/1.0 ",
            "0\r\n\r\n", "5;a=b\r\nhello\r\n", "X-Trailer: t\r\n", " folded\r\n"
    }).map(s -> s.getBytes(StandardCharsets.ISO_8859_1)).toArray(byte[][]::new);

    @Test
    void mutatedResponsesParseOrFailAsProtocolOrTruncated() {
        // the suite runs a fixed number of inputs (the same ones on any machine, however busy);
        // -Dgather.fuzz.seconds=N runs for N seconds instead
        String secondsProperty = System.getProperty("gather.fuzz.seconds", System.getenv("GATHER_FUZZ_SECONDS"));
        double seconds = secondsProperty == null ? 600 : Double.parseDouble(secondsProperty);
        long count = secondsProperty == null ? FIXED_INPUTS : Long.MAX_VALUE;
        String seedProperty = System.getProperty("gather.fuzz.seed");
        // a fixed seed in the suite; -Dgather.fuzz.seed=random (or a number) explores further
        long seed = seedProperty == null ? FIXED_SEED
                : seedProperty.equals("random") ? System.currentTimeMillis() : Long.parseLong(seedProperty);
        long budgetNanos = (long) (seconds * 1e9);
        long[] iterations = {0};
        long[] outcomes = new long[3];   // ok, protocol, truncated

        assertTimeoutPreemptively(Duration.ofNanos(budgetNanos).plusSeconds(60), () -> {
            long start = System.nanoTime();
            while (iterations[0] < count && System.nanoTime() - start < budgetNanos) {
                long n = iterations[0]++;
                Random random = new Random(seed * 0x9E3779B97F4A7C15L + n);
                ConformanceCase base = CORPUS.get(random.nextInt(CORPUS.size()));
                String method = random.nextInt(10) == 0 ? (base.method().equals("HEAD") ? "GET" : "HEAD") : base.method();
                byte[] input = mutate(base.raw(), random);
                Wire.Outcome outcome = check(seed, n, base, method, input);
                outcomes[outcome.isOk() ? 0 : outcome.error() == ErrorKind.PROTOCOL ? 1 : 2]++;
            }
        }, () -> "fuzzing did not finish in time; replay with -Dgather.fuzz.seed=" + seed);

        System.out.printf("ParserFuzzTest: seed=%d inputs=%d ok=%d protocol=%d truncated=%d%n",
                seed, iterations[0], outcomes[0], outcomes[1], outcomes[2]);
        assertThat(iterations[0]).as("inputs tried").isGreaterThan(0);
    }

    /** Parses the input in every delivery mode; returns the (common) outcome or fails with the replay recipe. */
    private static Wire.Outcome check(long seed, long n, ConformanceCase base, String method, byte[] input) {
        Wire.Outcome first = null;
        for (Wire.Mode mode : Wire.Mode.values()) {
            long t0 = System.nanoTime();
            Wire.Outcome outcome;
            try {
                outcome = Wire.exchange(method, input, mode);
            } catch (Throwable t) {
                throw new AssertionError(replay(seed, n, base, method, mode, input) + " threw " + t, t);
            }
            long tookNanos = System.nanoTime() - t0;
            if (tookNanos > PER_INPUT.toNanos()) {
                // a busy machine can stall one run (GC, another build): slow only if a second run is slow too
                long t1 = System.nanoTime();
                Wire.exchange(method, input, mode);
                long againNanos = System.nanoTime() - t1;
                if (againNanos > PER_INPUT.toNanos()) {
                    throw new AssertionError(replay(seed, n, base, method, mode, input) + " took "
                            + tookNanos / 1_000_000 + " ms, then " + againNanos / 1_000_000 + " ms");
                }
            }
            if (!outcome.isOk() && outcome.error() != ErrorKind.PROTOCOL && outcome.error() != ErrorKind.TRUNCATED) {
                throw new AssertionError(replay(seed, n, base, method, mode, input) + " failed as " + outcome.error());
            }
            if (first == null) {
                first = outcome;
            } else if (!first.equals(outcome)) {
                throw new AssertionError(replay(seed, n, base, method, mode, input) + " gave " + outcome
                        + " but " + Wire.Mode.values()[0] + " gave " + first);
            }
        }
        return first;
    }

    private static String replay(long seed, long n, ConformanceCase base, String method, Wire.Mode mode, byte[] input) {
        String shown = Wire.show(input);
        if (shown.length() > 2000) {
            shown = shown.substring(0, 2000) + "...";
        }
        return "fuzz input #" + n + " (replay: -Dgather.fuzz.seed=" + seed + "; mutated from case '" + base.name()
                + "', " + method + ", " + mode + ", " + input.length + " bytes: " + shown + ")";
    }

    /** One to four stacked mutations. */
    static byte[] mutate(byte[] original, Random random) {
        byte[] b = original;
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            b = mutateOnce(b, random);
            if (b.length > MAX_INPUT) {
                b = Arrays.copyOf(b, MAX_INPUT);
            }
        }
        return b;
    }

    private static byte[] mutateOnce(byte[] b, Random random) {
        int len = b.length;
        int at = len == 0 ? 0 : random.nextInt(len + 1);
        switch (random.nextInt(11)) {
            case 0 -> {                                          // flip one bit
                if (len == 0) {
                    return b;
                }
                byte[] c = b.clone();
                c[Math.min(at, len - 1)] ^= (byte) (1 << random.nextInt(8));
                return c;
            }
            case 1 -> {                                          // overwrite one byte
                if (len == 0) {
                    return b;
                }
                byte[] c = b.clone();
                c[Math.min(at, len - 1)] = (byte) random.nextInt(256);
                return c;
            }
            case 2 -> {                                          // insert random bytes
                byte[] ins = new byte[1 + random.nextInt(4)];
                random.nextBytes(ins);
                return insert(b, at, ins);
            }
            case 3 -> {                                          // delete a range
                int n = Math.min(len - at, 1 + random.nextInt(8));
                return delete(b, at, n);
            }
            case 4 -> {                                          // duplicate a range somewhere
                int from = random.nextInt(len + 1);
                int n = Math.min(len - from, 1 + random.nextInt(64));
                return insert(b, at, Arrays.copyOfRange(b, from, from + n));
            }
            case 5 -> {                                          // splice with another case
                byte[] other = CORPUS.get(random.nextInt(CORPUS.size())).raw();
                int cut = random.nextInt(other.length + 1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, at);
                out.write(other, cut, other.length - cut);
                return out.toByteArray();
            }
            case 6, 7 -> {                                       // insert a token that matters to the grammar
                return insert(b, at, TOKENS[random.nextInt(TOKENS.length)]);
            }
            case 8 -> {                                          // replace a run of digits with a huge or odd number
                int start = -1;
                for (int i = 0; i < len; i++) {
                    int k = (at + i) % len;
                    if (b[k] >= '0' && b[k] <= '9') {
                        start = k;
                        break;
                    }
                }
                if (start < 0) {
                    return b;
                }
                int end = start;
                while (end < len && b[end] >= '0' && b[end] <= '9') {
                    end++;
                }
                String[] numbers = {"99999999999999999999", "18446744073709551616", "9223372036854775807", "0",
                        "00000000000000000000000000001", "-1", "4294967296", "2147483648"};
                byte[] num = numbers[random.nextInt(numbers.length)].getBytes(StandardCharsets.ISO_8859_1);
                return insert(delete(b, start, end - start), start, num);
            }
            case 9 -> {                                          // cut the stream short
                return Arrays.copyOf(b, at);
            }
            default -> {                                         // repeat a range many times (limits)
                int from = random.nextInt(len + 1);
                int n = Math.min(len - from, 1 + random.nextInt(16));
                if (n == 0) {
                    return b;
                }
                int times = 1 + random.nextInt(Math.max(1, 40_000 / n));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, from + n);
                for (int t = 0; t < times; t++) {
                    out.write(b, from, n);
                }
                out.write(b, from + n, len - from - n);
                return out.toByteArray();
            }
        }
    }

    private static byte[] insert(byte[] b, int at, byte[] ins) {
        byte[] c = new byte[b.length + ins.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(ins, 0, c, at, ins.length);
        System.arraycopy(b, at, c, at + ins.length, b.length - at);
        return c;
    }

    private static byte[] delete(byte[] b, int at, int n) {
        byte[] c = new byte[b.length - n];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + n, c, at, b.length - at - n);
        return c;
    }
}
