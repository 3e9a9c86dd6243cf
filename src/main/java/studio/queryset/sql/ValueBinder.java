package studio.queryset.sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ValueType;

/**
 * Turns a literal from the query into the value bound for a column of a given type, as Django's
 * {@code get_prep_value} does: a date compared with a datetime column becomes midnight, "5" for an integer
 * column becomes 5, booleans are 1/0 on SQLite. Temporal values are bound as text on SQLite (Django stores
 * them so) and as java.time objects on PostgreSQL.
 */
final class ValueBinder {
    private ValueBinder() {
    }

    static Object bind(Dialect d, Object value, ValueType target) {
        if (value == null) {
            return null;
        }
        Object v = coerce(value, target);
        requireEncodable(v);
        return d.ops().bind(v);
    }

    static Object coerce(Object value, ValueType target) {
        if (target == null) {
            return value;
        }
        try {
            switch (target) {
                case INTEGER:
                    if (value instanceof String s) {
                        return Long.parseLong(s.trim());
                    }
                    if (value instanceof Double dbl) {
                        return integerOf(dbl); // Django's int(value): truncates 1.5 to 1
                    }
                    if (value instanceof BigDecimal dec) {
                        return integerOf(dec);
                    }
                    if (value instanceof Boolean b) {
                        return b ? 1L : 0L;
                    }
                    return value;
                case FLOAT:
                    if (value instanceof String s) {
                        return Double.parseDouble(s);
                    }
                    return value instanceof Number n && !(value instanceof BigDecimal) ? n.doubleValue() : value;
                case DECIMAL:
                    if (value instanceof String s) {
                        return new BigDecimal(s);
                    }
                    if (value instanceof Long l) {
                        return BigDecimal.valueOf(l);
                    }
                    return value instanceof Double dbl ? BigDecimal.valueOf(dbl) : value;
                case DATETIME:
                    if (value instanceof LocalDate ld) {
                        return ld.atStartOfDay();
                    }
                    if (value instanceof String s) {
                        return Temporal.parseDateTime(s);
                    }
                    return value;
                case DATE:
                    if (value instanceof LocalDateTime ldt) {
                        return ldt.toLocalDate();
                    }
                    if (value instanceof String s) {
                        return LocalDate.parse(s.trim());
                    }
                    return value;
                case TIME:
                    if (value instanceof String s) {
                        return LocalTime.parse(s.trim());
                    }
                    return value;
                case BOOLEAN:
                    if (value instanceof Long l) {
                        return l != 0;
                    }
                    return value;
                case UUID:
                    if (value instanceof String s) {
                        String hex = s.replace("-", "");
                        return java.util.UUID.fromString(hex.replaceFirst(
                                "(\\p{XDigit}{8})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}+)",
                                "$1-$2-$3-$4-$5"));
                    }
                    return value;
                case TEXT:
                    return value instanceof String || value instanceof List ? value : String.valueOf(value);
                default:
                    return value;
            }
        } catch (QueryException e) {
            throw e;
        } catch (RuntimeException e) {
            // Django's date/time/uuid fields raise ValidationError on bad text; number fields ValueError
            String kind = target.isNumeric() ? "ValueError" : "ValidationError";
            throw new QueryException(kind, "'" + value + "' is not a valid " + target.name().toLowerCase()
                    + " value");
        }
    }

    private static final String TOO_LARGE = "Python int too large to convert to a 64-bit database integer";

    /** Python's int(float): infinity and NaN raise, and a value beyond 64 bits is too large to bind. */
    private static long integerOf(double dbl) {
        if (Double.isInfinite(dbl)) {
            throw new QueryException("OverflowError", "cannot convert float infinity to integer");
        }
        if (Double.isNaN(dbl)) {
            throw new QueryException("ValueError", "cannot convert float NaN to integer");
        }
        if (dbl >= 0x1p63 || dbl < -0x1p63) {
            throw new QueryException("OverflowError", TOO_LARGE);
        }
        return (long) dbl;
    }

    /** Python's int(Decimal) truncates; its digits are counted first so that 1e999999999 is never expanded. */
    private static long integerOf(BigDecimal dec) {
        if (dec.signum() != 0 && dec.precision() - dec.scale() > 19) {
            throw new QueryException("OverflowError", TOO_LARGE);
        }
        java.math.BigInteger whole = dec.toBigInteger();
        if (whole.bitLength() > 63) {
            throw new QueryException("OverflowError", TOO_LARGE);
        }
        return whole.longValue();
    }

    /** Text with a lone surrogate cannot be sent as UTF-8; Python refuses it before the database sees it. */
    private static void requireEncodable(Object v) {
        if (v instanceof List<?> list) {
            list.forEach(ValueBinder::requireEncodable);
        } else if (v instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new QueryException("UnicodeEncodeError", String.format("'utf-8' codec can't encode "
                            + "character '\\u%04x' in position %d: surrogates not allowed", (int) c, i));
                }
            }
        }
    }
}
