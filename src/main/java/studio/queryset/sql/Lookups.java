package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ValueType;

/**
 * The operator table: how each lookup compares a left-hand column with a right-hand value per dialect.
 * Pattern lookups escape {@code %} and {@code _} in literal values and use {@code ESCAPE '\'}, as Django does;
 * on SQLite LIKE is case-insensitive for ASCII, which Django accepts for {@code contains} too.
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
                    + " or join on the field not permitted.");
        }
    }

    static Typed transform(Dialect d, String transform, Typed lhs) {
        String col = lhs.frag().sql();
        Frag f;
        ValueType type = ValueType.INTEGER;
        if (d == Dialect.SQLITE) {
            f = switch (transform) {
                case "year" -> Frag.of("CAST(strftime('%Y', " + col + ") AS integer)");
                case "month" -> Frag.of("CAST(strftime('%m', " + col + ") AS integer)");
                case "day" -> Frag.of("CAST(strftime('%d', " + col + ") AS integer)");
                case "hour" -> Frag.of("CAST(strftime('%H', " + col + ") AS integer)");
                case "minute" -> Frag.of("CAST(strftime('%M', " + col + ") AS integer)");
                case "second" -> Frag.of("CAST(strftime('%S', " + col + ") AS integer)");
                case "week_day" -> Frag.of("(CAST(strftime('%w', " + col + ") AS integer) + 1)");
                case "iso_week_day" -> Frag.of("CAST(strftime('%u', " + col + ") AS integer)");
                case "quarter" -> Frag.of("((CAST(strftime('%m', " + col + ") AS integer) + 2) / 3)");
                case "week" -> Frag.of("CAST(strftime('%V', " + col + ") AS integer)");
                case "iso_year" -> Frag.of("CAST(strftime('%G', " + col + ") AS integer)");
                case "date" -> Frag.of("date(" + col + ")");
                case "time" -> Frag.of("time(" + col + ")");
                default -> throw QueryException.fieldError("Unsupported lookup '" + transform + "'");
            };
        } else {
            f = switch (transform) {
                case "year", "month", "day", "hour", "minute", "quarter", "week" ->
                        Frag.of("EXTRACT('" + transform + "' FROM " + col + ")::integer");
                case "second" -> Frag.of("EXTRACT('second' FROM " + col + ")::integer");
                case "week_day" -> Frag.of("(EXTRACT('dow' FROM " + col + ")::integer + 1)");
                case "iso_week_day" -> Frag.of("EXTRACT('isodow' FROM " + col + ")::integer");
                case "iso_year" -> Frag.of("EXTRACT('isoyear' FROM " + col + ")::integer");
                case "date" -> Frag.of("(" + col + ")::date");
                case "time" -> Frag.of("(" + col + ")::time");
                default -> throw QueryException.fieldError("Unsupported lookup '" + transform + "'");
            };
        }
        if (transform.equals("date")) {
            type = ValueType.DATE;
        } else if (transform.equals("time")) {
            type = ValueType.TIME;
        }
        return new Typed(new Frag(f.sql(), lhs.frag().params()), type, lhs.aggregate());
    }

    /**
     * A pattern lookup against a literal string: escape wildcards, wrap in %. PostgreSQL's iexact is
     * {@code UPPER(x) = UPPER(%s)}, no LIKE, so its value stays as it is (Django's prep_for_iexact_query there).
     */
    static String pattern(Dialect d, String lookup, Object value) {
        if (d == Dialect.POSTGRESQL && lookup.equals("iexact")) {
            return String.valueOf(value);
        }
        String s = String.valueOf(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return switch (lookup) {
            case "contains", "icontains" -> "%" + s + "%";
            case "startswith", "istartswith" -> s + "%";
            case "endswith", "iendswith" -> "%" + s;
            default -> s;
        };
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
        boolean pg = d == Dialect.POSTGRESQL;
        String text = pg && lhs.type() != ValueType.TEXT ? "(%s)::text" : "%s";
        Frag l = lhs.frag();
        return switch (lookup) {
            case "exact" -> Frag.format("%s = %s", l, rhs);
            case "gt" -> Frag.format("%s > %s", l, rhs);
            case "gte" -> Frag.format("%s >= %s", l, rhs);
            case "lt" -> Frag.format("%s < %s", l, rhs);
            case "lte" -> Frag.format("%s <= %s", l, rhs);
            case "iexact" -> pg ? Frag.format("UPPER(" + text + ") = UPPER(%s)", l, rhs)
                    : Frag.format("%s LIKE %s ESCAPE '\\'", l, rhs);
            case "contains", "startswith", "endswith" -> {
                Frag r = rhsIsExpression ? wildcard(lookup, rhs, pg) : rhs;
                yield Frag.format(text + " LIKE %s ESCAPE '\\'", l, r);
            }
            case "icontains", "istartswith", "iendswith" -> {
                Frag r = rhsIsExpression ? wildcard(lookup, rhs, pg) : rhs;
                yield pg ? Frag.format("UPPER(" + text + ") LIKE UPPER(%s) ESCAPE '\\'", l, r)
                        : Frag.format("%s LIKE %s ESCAPE '\\'", l, r);
            }
            case "regex" -> pg ? Frag.format(text + " ~ %s", l, rhs) : Frag.format("%s REGEXP %s", l, rhs);
            case "iregex" -> pg ? Frag.format(text + " ~* %s", l, rhs)
                    : Frag.format("%s REGEXP '(?i)' || %s", l, rhs);
            case "search" -> {
                if (!pg) {
                    throw new QueryException("NotSupportedError", "Full-text search (__search) needs PostgreSQL;"
                            + " on SQLite use icontains");
                }
                yield Frag.format("to_tsvector(COALESCE(%s, '')) @@ plainto_tsquery(%s)", l, rhs);
            }
            default -> throw QueryException.fieldError("Unsupported lookup '" + lookup + "'");
        };
    }

    private static Frag wildcard(String lookup, Frag rhs, boolean pg) {
        // like Django: escape \, % and _ in the other column's value so they match literally
        String inner = "REPLACE(REPLACE(REPLACE(%s, '\\', '\\\\'), '%', '\\%'), '_', '\\_')";
        return switch (lookup) {
            case "contains", "icontains" -> Frag.format("'%' || " + inner + " || '%'", rhs);
            case "startswith", "istartswith" -> Frag.format(inner + " || '%'", rhs);
            default -> Frag.format("'%' || " + inner, rhs);
        };
    }

    static Frag in(Typed lhs, List<Frag> items) {
        if (items.isEmpty()) {
            return Frag.of("1 = 0");
        }
        List<Frag> parts = new ArrayList<>(items);
        return Frag.format("%s IN (%s)", lhs.frag(), Frag.join(", ", parts));
    }
}
