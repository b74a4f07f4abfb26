package gather.cli;

import gather.plan.FetchOptions;
import gather.plan.StatusSet;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters: each throws TypeConversionException, which picocli turns into exit 2 and a clean message. */
final class Converters {
    private Converters() { }

    /** Seconds, fractions allowed ("2.5"); returns nanoseconds. */
    static final class Seconds implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                double s = Double.parseDouble(value.strip());
                if (!(s >= 0) || Double.isInfinite(s) || s > 1e9) {
                    throw new TypeConversionException("'" + value + "' is not a number of seconds >= 0");
                }
                return (long) (s * 1e9);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number of seconds (e.g. 10 or 2.5)");
            }
        }
    }

    /** Bytes with an optional k, M or G suffix (powers of 1024). */
    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.strip();
            long mult = 1;
            if (!v.isEmpty()) {
                char last = Character.toLowerCase(v.charAt(v.length() - 1));
                mult = switch (last) {
                    case 'k' -> 1024L;
                    case 'm' -> 1024L * 1024;
                    case 'g' -> 1024L * 1024 * 1024;
                    default -> 1;
                };
                if (mult > 1) {
                    v = v.substring(0, v.length() - 1);
                }
            }
            try {
                long n = Long.parseLong(v);
                if (n < 0 || n > Long.MAX_VALUE / mult) {
                    throw new TypeConversionException("'" + value + "' is not a size >= 0");
                }
                return n * mult;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a size in bytes (e.g. 500k, 10M, 2G)");
            }
        }
    }

    /** Bytes per second for --limit-rate: a size (k, M, G) with an optional "/s"; more than 0. */
    static final class ByteRate implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.strip();
            if (v.toLowerCase(Locale.ROOT).endsWith("/s")) {
                v = v.substring(0, v.length() - 2);
            }
            long n = new Size().convert(v);
            if (n <= 0) {
                throw new TypeConversionException("'" + value + "': the rate must be more than 0 bytes per second");
            }
            return n;
        }
    }

    /** N, N/s or N/m. */
    static final class Rate implements ITypeConverter<FetchOptions.RateLimit> {
        @Override
        public FetchOptions.RateLimit convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            long period = TimeUnit.SECONDS.toNanos(1);
            int slash = v.indexOf('/');
            if (slash >= 0) {
                String unit = v.substring(slash + 1);
                period = switch (unit) {
                    case "s", "sec", "second" -> TimeUnit.SECONDS.toNanos(1);
                    case "m", "min", "minute" -> TimeUnit.MINUTES.toNanos(1);
                    case "h", "hour" -> TimeUnit.HOURS.toNanos(1);
                    default -> throw new TypeConversionException("'" + value + "': the rate unit must be /s, /m or /h");
                };
                v = v.substring(0, slash);
            }
            try {
                double n = Double.parseDouble(v);
                if (!(n > 0) || Double.isInfinite(n)) {
                    throw new TypeConversionException("'" + value + "': the rate must be > 0");
                }
                return new FetchOptions.RateLimit(n, period);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a rate (e.g. 10, 10/s, 100/m)");
            }
        }
    }

    static final class Statuses implements ITypeConverter<StatusSet> {
        @Override
        public StatusSet convert(String value) {
            try {
                return StatusSet.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A whole number with a lower bound; picocli gets a fresh instance per option. */
    /** One word of a closed set (lower case). */
    static final class OneOf implements ITypeConverter<String> {
        private final java.util.List<String> words;

        OneOf(String... words) {
            this.words = java.util.List.of(words);
        }

        @Override
        public String convert(String value) {
            String v = value.strip().toLowerCase(java.util.Locale.ROOT);
            if (!words.contains(v)) {
                throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ", words));
            }
            return v;
        }
    }

    private static class Count implements ITypeConverter<Integer> {
        private final int min;

        Count(int min) {
            this.min = min;
        }

        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.strip());
                if (n < min) {
                    throw new TypeConversionException("'" + value + "' must be " + min + " or more");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
        }
    }

    /** A count that must be positive. */
    static final class Positive extends Count {
        Positive() {
            super(1);
        }
    }

    /** A count that may be zero. */
    static final class NonNegative extends Count {
        NonNegative() {
            super(0);
        }
    }

    // ---- checks (issue 13): durations, regular expressions, SHA-256, JSON pointers ----------------

    /** A duration with its unit: 500ms, 2s, 1.5s, 1m, 12h, 14d (fractions allowed; no unit is an error). */
    static final class Duration implements ITypeConverter<java.time.Duration> {
        private static final java.util.regex.Pattern FORM =
                java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|m|h|d)");

        @Override
        public java.time.Duration convert(String value) {
            java.util.regex.Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 2s, 1.5s, 1m, 12h, 14d)");
            }
            double n = Double.parseDouble(m.group(1));
            long unitNanos = switch (m.group(2)) {
                case "ms" -> TimeUnit.MILLISECONDS.toNanos(1);
                case "s" -> TimeUnit.SECONDS.toNanos(1);
                case "m" -> TimeUnit.MINUTES.toNanos(1);
                case "h" -> TimeUnit.HOURS.toNanos(1);
                default -> TimeUnit.DAYS.toNanos(1);
            };
            double nanos = n * unitNanos;
            if (nanos > 100L * 365 * TimeUnit.DAYS.toNanos(1)) {
                throw new TypeConversionException("'" + value + "' is longer than 100 years");
            }
            return java.time.Duration.ofNanos(Math.round(nanos));
        }
    }

    /** A Java regular expression. */
    static final class Regex implements ITypeConverter<java.util.regex.Pattern> {
        @Override
        public java.util.regex.Pattern convert(String value) {
            try {
                return java.util.regex.Pattern.compile(value);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new TypeConversionException("'" + value + "' is not a regular expression: " + e.getDescription());
            }
        }
    }

    /** 64 hex digits, returned in lower case (as the result's sha256). */
    static final class Sha256 implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (!v.matches("[0-9a-f]{64}")) {
                throw new TypeConversionException("'" + value + "' is not a SHA-256 (64 hex digits)");
            }
            return v;
        }
    }

    /** POINTER=VALUE: an RFC 6901 JSON Pointer ('' or starting with '/'), split at the first '='. */
    static final class JsonExpectation implements ITypeConverter<gather.plan.CheckSet.JsonExpectation> {
        @Override
        public gather.plan.CheckSet.JsonExpectation convert(String value) {
            int eq = value.indexOf('=');
            if (eq < 0) {
                throw new TypeConversionException("'" + value + "' is not POINTER=VALUE (e.g. /status=ok)");
            }
            String pointer = value.substring(0, eq);
            if (!pointer.isEmpty() && (pointer.charAt(0) != '/' || pointer.matches(".*~([^01]|$).*"))) {
                throw new TypeConversionException("'" + pointer + "' is not a JSON Pointer (RFC 6901: '' or /a/b/0;"
                        + " ~0 for ~ and ~1 for /)");
            }
            return new gather.plan.CheckSet.JsonExpectation(pointer, value.substring(eq + 1));
        }
    }
}
