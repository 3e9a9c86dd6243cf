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
        for (String[] m : new String[][] {{"ACOS"}, {"ASIN"}, {"ATAN"}, {"COS"}, {"COT"}, {"DEGREES"}, {"EXP"},
                {"LN"}, {"RADIANS"}, {"SIN"}, {"TAN"}}) {
            Function.create(conn, m[0], math(m[0]));
        }
        Function.create(conn, "ATAN2", math2(Math::atan2));
        Function.create(conn, "LOG", math2((base, x) -> Math.log(x) / Math.log(base)));
        Function.create(conn, "PI", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                result(Math.PI);
            }
        });
        Function.create(conn, "SIGN", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                if (value_type(0) == NULL) {
                    result();
                } else {
                    double x = value_double(0);
                    result(x > 0 ? 1 : x < 0 ? -1 : 0); // Python's (x > 0) - (x < 0): an int
                }
            }
        });
        Function.create(conn, "LPAD", pad(true));
        Function.create(conn, "RPAD", pad(false));
        for (String[] h : new String[][] {{"MD5", "MD5"}, {"SHA1", "SHA-1"}, {"SHA224", "SHA-224"},
                {"SHA256", "SHA-256"}, {"SHA384", "SHA-384"}, {"SHA512", "SHA-512"}}) {
            Function.create(conn, h[0], digest(h[1]));
        }
        Function.create(conn, "STDDEV_POP", new Moments(true, false));
        Function.create(conn, "VAR_POP", new Moments(false, false));
        Function.create(conn, "STDDEV_SAMP", new Moments(true, true));
        Function.create(conn, "VAR_SAMP", new Moments(false, true));
    }

    private static final int NULL = 5; // SQLITE_NULL

    /**
     * Django's math functions over Python's math module: NULL for NULL, and an error where Python raises one
     * (a domain error such as LN(0) or ACOS(2), an overflow), where SQLite's own would give NULL.
     */
    private static Function math(String name) {
        java.util.function.DoubleUnaryOperator op = switch (name) {
            case "ACOS" -> Math::acos;
            case "ASIN" -> Math::asin;
            case "ATAN" -> Math::atan;
            case "COS" -> Math::cos;
            case "COT" -> x -> 1 / Math.tan(x);
            case "DEGREES" -> Math::toDegrees;
            case "EXP" -> Math::exp;
            case "LN" -> x -> x <= 0 ? Double.NaN : Math.log(x);
            case "RADIANS" -> Math::toRadians;
            case "SIN" -> Math::sin;
            default -> Math::tan;
        };
        return new Function() {
            @Override
            protected void xFunc() throws SQLException {
                if (value_type(0) == NULL) {
                    result();
                    return;
                }
                double x = value_double(0);
                if (name.equals("COT") && x == 0) {
                    throw new SQLException("float division by zero");
                }
                result(checked(op.applyAsDouble(x)));
            }
        };
    }

    private static Function math2(java.util.function.DoubleBinaryOperator op) {
        return new Function() {
            @Override
            protected void xFunc() throws SQLException {
                if (value_type(0) == NULL || value_type(1) == NULL) {
                    result();
                    return;
                }
                result(checked(op.applyAsDouble(value_double(0), value_double(1))));
            }
        };
    }

    private static double checked(double v) throws SQLException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new SQLException("math domain error");
        }
        return v;
    }

    /** Django's _sqlite_lpad / _sqlite_rpad: cut to length, or padded with fill_text repeated. */
    private static Function pad(boolean left) {
        return new Function() {
            @Override
            protected void xFunc() throws SQLException {
                if (value_type(0) == NULL || value_type(1) == NULL || value_type(2) == NULL) {
                    result();
                    return;
                }
                int[] text = value_text(0).codePoints().toArray();
                int length = Math.max(0, value_int(1));
                int[] fill = value_text(2).codePoints().toArray();
                StringBuilder sb = new StringBuilder();
                if (left) {
                    if (text.length >= length) {
                        result(new String(text, 0, length));
                        return;
                    }
                    for (int i = 0; i < length - text.length && fill.length > 0; i++) {
                        sb.appendCodePoint(fill[i % fill.length]);
                    }
                    sb.append(new String(text, 0, text.length));
                } else {
                    int[] all = java.util.stream.IntStream.concat(java.util.Arrays.stream(text),
                            java.util.stream.IntStream.range(0, fill.length * length).map(i -> fill[i % fill.length]))
                            .limit(length).toArray();
                    sb.append(new String(all, 0, all.length));
                }
                result(sb.toString());
            }
        };
    }

    /** Django's MD5/SHA* on SQLite: the hex digest of the UTF-8 text. */
    private static Function digest(String algorithm) {
        return new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String text = value_text(0);
                if (text == null) {
                    result();
                    return;
                }
                try {
                    byte[] d = java.security.MessageDigest.getInstance(algorithm)
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    result(java.util.HexFormat.of().formatHex(d));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new SQLException(algorithm + " is not available", e);
                }
            }
        };
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

        private boolean sawNull;

        @Override
        protected void xStep() throws SQLException {
            if (value_type(0) == NULL) {
                sawNull = true; // Django's list_aggregate hands it to statistics.*, which raise on None
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
            boolean failed = sawNull || denominator <= 0;
            sawNull = false;
            if (failed) {
                n = 0;
                mean = 0;
                m2 = 0;
                // statistics.pstdev/stdev raise on None and on too few data points; sqlite3 reports that
                throw new SQLException("user-defined aggregate's 'finalize' method raised error");
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
