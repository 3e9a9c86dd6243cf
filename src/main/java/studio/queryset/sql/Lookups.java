package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ValueType;

/**
 * The lookups: which transforms fit which types; the operator table itself is per database
 * ({@link studio.queryset.sql.dialect.DialectOps#compare}).
 */
final class Lookups {
    private Lookups() {
    }

    /** Types a lookup fits; Django rejects, for example, {@code year} on a CharField. */
    static void checkTransform(String transform, ValueType type, String fieldType) {
        boolean temporal = type == ValueType.DATE || type == ValueType.DATETIME;
        boolean timeLike = type == ValueType.DATETIME || type == ValueType.TIME;
        boolean ok = switch (transform) {
            case "year", "month", "day", "week_day", "iso_week_day", "quarter", "week", "iso_year" -> temporal;
            case "hour", "minute", "second" -> timeLike;
            case "date", "time" -> type == ValueType.DATETIME;
            default -> false;
        };
        if (!ok) {
            throw QueryException.fieldError("Unsupported lookup '" + transform + "' for " + fieldType
                    + " or join on the field not permitted.").about(transform);
        }
    }

    static Typed transform(Dialect d, String transform, Typed lhs) {
        String sql = d.ops().transform(transform, lhs.frag().sql());
        ValueType type = ValueType.INTEGER;
        if (transform.equals("date")) {
            type = ValueType.DATE;
        } else if (transform.equals("time")) {
            type = ValueType.TIME;
        }
        return new Typed(new Frag(sql, lhs.frag().params()), type, lhs.aggregate());
    }

    /** A pattern lookup against a literal string: wildcards escaped and wrapped as the dialect wants them. */
    static String pattern(Dialect d, String lookup, Object value) {
        return d.ops().pattern(lookup, value);
    }

    static boolean isPattern(String lookup) {
        return switch (lookup) {
            case "contains", "icontains", "startswith", "istartswith", "endswith", "iendswith", "iexact" -> true;
            default -> false;
        };
    }

    /**
     * {@code lhs <op> rhs}. {@code rhs} is already compiled: a bound value (literal patterns already wrapped)
     * or an expression ({@code rhsIsExpression}), in which case pattern wildcards are concatenated in SQL.
     */
    static Frag compare(Dialect d, String lookup, Typed lhs, Frag rhs, boolean rhsIsExpression) {
        return d.ops().compare(lookup, lhs.frag(), lhs.type(), rhs, rhsIsExpression);
    }

    static Frag in(Typed lhs, List<Frag> items) {
        if (items.isEmpty()) {
            return Frag.of("1 = 0");
        }
        List<Frag> parts = new ArrayList<>(items);
        return Frag.format("%s IN (%s)", lhs.frag(), Frag.join(", ", parts));
    }
}
