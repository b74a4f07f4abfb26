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
}
