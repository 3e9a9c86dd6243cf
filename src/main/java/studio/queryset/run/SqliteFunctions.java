package studio.queryset.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sqlite.Function;

/**
 * Functions SQLite lacks and Django registers on every SQLite connection: REGEXP (for regex/iregex), REVERSE
 * (for Reverse()), django_timestamp_diff / django_time_diff (exact temporal differences), and the population
 * standard deviation and variance aggregates.
 */
final class SqliteFunctions {
    private SqliteFunctions() {
    }

    static void register(Connection conn) throws SQLException {
        Function.create(conn, "REGEXP", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String pattern = value_text(0);
                String text = value_text(1);
                if (pattern == null || text == null) {
                    result();
                    return;
                }
                try {
                    // Python's re is Unicode-aware, so (?i) must fold non-ASCII letters too
                    result(Pattern.compile(pattern, Pattern.UNICODE_CASE).matcher(text).find() ? 1 : 0);
                } catch (PatternSyntaxException e) {
                    throw new SQLException("invalid regular expression: " + e.getDescription());
                }
            }
        });
        Function.create(conn, "REVERSE", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String text = value_text(0);
                if (text == null) {
                    result();
                    return;
                }
                // Python's x[::-1] reverses code points, not UTF-16 units
                int[] cps = text.codePoints().toArray();
                StringBuilder sb = new StringBuilder();
                for (int i = cps.length - 1; i >= 0; i--) {
                    sb.appendCodePoint(cps[i]);
                }
                result(sb.toString());
            }
        });
        Function.create(conn, "django_format_dtdelta", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String op = value_text(0);
                String lhs = value_text(1);
                String rhs = value_text(2);
                if (op == null || lhs == null || rhs == null) {
                    result();
                    return;
                }
                result(DtDelta.apply(op, lhs, rhs));
            }
        });
        Function.create(conn, "django_timestamp_diff", microsecondsBetween(TimestampDiff::timestamps));
        Function.create(conn, "django_time_diff", microsecondsBetween(TimestampDiff::times));
        Function.create(conn, "STDDEV_POP", new Moments(true, false));
        Function.create(conn, "VAR_POP", new Moments(false, false));
        Function.create(conn, "STDDEV_SAMP", new Moments(true, true));
        Function.create(conn, "VAR_SAMP", new Moments(false, true));
    }

    /** Django's two-argument difference functions: NULL when either side is, else the microseconds between. */
    private static Function microsecondsBetween(java.util.function.ToLongBiFunction<String, String> diff) {
        return new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String lhs = value_text(0);
                String rhs = value_text(1);
                if (lhs == null || rhs == null) {
                    result();
                } else {
                    result(diff.applyAsLong(lhs, rhs));
                }
            }
        };
    }

    /** Welford's running mean and variance, so large groups stay numerically stable. */
    private static final class Moments extends Function.Aggregate implements Cloneable {
        private final boolean root;
        private final boolean sample;
        private long n;
        private double mean;
        private double m2;

        Moments(boolean root, boolean sample) {
            this.root = root;
            this.sample = sample;
        }

        @Override
        protected void xStep() throws SQLException {
            if (value_type(0) == 5) { // SQLITE_NULL
                return;
            }
            double x = value_double(0);
            n++;
            double delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }

        @Override
        protected void xFinal() throws SQLException {
            long denominator = sample ? n - 1 : n;
            if (denominator <= 0) {
                result();
            } else {
                double variance = m2 / denominator;
                result(root ? Math.sqrt(variance) : variance);
            }
            n = 0;
            mean = 0;
            m2 = 0;
        }

        @Override
        public Object clone() throws CloneNotSupportedException {
            return super.clone();
        }
    }
}
