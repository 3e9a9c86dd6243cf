package studio.queryset.sql.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.Frag;

/** PostgreSQL as Django 3.2's postgresql backend writes for it. */
public final class PostgresOps implements DialectOps {
    @Override
    public boolean groupBySelectedPks() {
        return true;
    }

    static final PostgresOps INSTANCE = new PostgresOps();

    private PostgresOps() {
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public Lexis lexis() {
        return Lexis.POSTGRESQL;
    }

    @Override
    public String quote(String identifier) {
        return DialectOps.quoted(identifier, '"');
    }

    @Override
    public String qualified(String alias, String column) {
        return DialectOps.qualified(alias, column, '"');
    }

    @Override
    public boolean distinctOnFields() {
        return true;
    }

    @Override
    public boolean fullTextSearch() {
        return true;
    }

    @Override
    public boolean slicingOrderingInCompound() {
        return true;
    }

    @Override
    public boolean aggregateFilterClause() {
        return true;
    }

    @Override
    public boolean rangeFrameOffsets() {
        return false;
    }


    @Override
    public boolean streamsInsideTransaction() {
        return true;
    }

    @Override
    public Object bind(Object v) {
        if (v instanceof java.time.Duration dur) {
            return new org.postgresql.util.PGInterval(0, 0, 0, 0, 0, dur.toNanos() / 1e9);
        }
        return v;
    }

    @Override
    public Frag literal(Object original, Object bound) {
        if (original instanceof String || original instanceof Long) {
            // PostgreSQL cannot infer the type of a bare parameter in SELECT lists or CASE branches.
            return Frag.format("%s::" + (original instanceof String ? "text" : "bigint"), Frag.param(bound));
        }
        return Frag.param(bound);
    }

    @Override
    public QueryException rawParameterMismatch(int used, int given) {
        return used < given
                ? new QueryException("TypeError", "not all arguments converted during string formatting ("
                        + used + " placeholders, " + given + " parameters)")
                : new QueryException("IndexError", "tuple index out of range (" + used + " placeholders, "
                        + given + " parameters)");
    }

    /** PostgreSQL's iexact is {@code UPPER(x) = UPPER(%s)}, no LIKE, so its value stays as it is. */
    @Override
    public String pattern(String lookup, Object value) {
        if (lookup.equals("iexact")) {
            return String.valueOf(value);
        }
        return DialectOps.super.pattern(lookup, value);
    }

    @Override
    public Frag compare(String lookup, Frag l, ValueType lhsType, Frag rhs, boolean rhsIsExpression) {
        String text = lhsType != ValueType.TEXT ? "(%s)::text" : "%s";
        return switch (lookup) {
            case "exact" -> Frag.format("%s = %s", l, rhs);
            case "gt" -> Frag.format("%s > %s", l, rhs);
            case "gte" -> Frag.format("%s >= %s", l, rhs);
            case "lt" -> Frag.format("%s < %s", l, rhs);
            case "lte" -> Frag.format("%s <= %s", l, rhs);
            case "iexact" -> Frag.format("UPPER(" + text + ") = UPPER(%s)", l, rhs);
            case "contains", "startswith", "endswith" ->
                    Frag.format(text + " LIKE %s ESCAPE '\\'", l, rhsIsExpression ? wildcard(lookup, rhs) : rhs);
            case "icontains", "istartswith", "iendswith" -> Frag.format("UPPER(" + text + ") LIKE UPPER(%s) ESCAPE '\\'",
                    l, rhsIsExpression ? wildcard(lookup, rhs) : rhs);
            case "regex" -> Frag.format(text + " ~ %s", l, rhs);
            case "iregex" -> Frag.format(text + " ~* %s", l, rhs);
            case "search" -> Frag.format("to_tsvector(COALESCE(%s, '')) @@ plainto_tsquery(%s)", l, rhs);
            default -> throw QueryException.fieldError("Unsupported lookup '" + lookup + "'").about(lookup);
        };
    }

    /** Another column's value as a LIKE pattern: \, % and _ escaped so they match literally (SQLite too). */
    static Frag wildcard(String lookup, Frag rhs) {
        String inner = "REPLACE(REPLACE(REPLACE(%s, '\\', '\\\\'), '%', '\\%'), '_', '\\_')";
        return switch (lookup) {
            case "contains", "icontains" -> Frag.format("'%' || " + inner + " || '%'", rhs);
            case "startswith", "istartswith" -> Frag.format(inner + " || '%'", rhs);
            default -> Frag.format("'%' || " + inner, rhs);
        };
    }

    @Override
    public String transform(String transform, String col) {
        return switch (transform) {
            case "year", "month", "day", "hour", "minute", "quarter", "week" ->
                    "EXTRACT('" + transform + "' FROM " + col + ")::integer";
            // EXTRACT gives the fraction too; Django's IntegerField output reads it with int(), which truncates
            case "second" -> "TRUNC(EXTRACT('second' FROM " + col + "))::integer";
            case "week_day" -> "(EXTRACT('dow' FROM " + col + ")::integer + 1)";
            case "iso_week_day" -> "EXTRACT('isodow' FROM " + col + ")::integer";
            case "iso_year" -> "EXTRACT('isoyear' FROM " + col + ")::integer";
            case "date" -> "(" + col + ")::date";
            case "time" -> "(" + col + ")::time";
            default -> throw DialectOps.unknownTransform(transform);
        };
    }

    @Override
    public Frag function(String name, List<Frag> args) {
        List<Frag> a = new ArrayList<>(args);
        return switch (name) {
            case "Concat", "ConcatPair" -> {
                List<Frag> parts = a.stream().map(f -> Frag.format("COALESCE((%s)::text, '')", f)).toList();
                yield Frag.format("(%s)", Frag.join(" || ", parts));
            }
            case "Now" -> Frag.of("STATEMENT_TIMESTAMP()");
            case "Greatest", "Least" -> Frag.format(name.toUpperCase(Locale.ROOT) + "(%s)", Frag.join(", ", a));
            case "Substr" -> {
                // PostgreSQL's SUBSTRING takes integers; bound literals arrive as bigint
                integers(a);
                yield a.size() == 2 ? Frag.format("SUBSTRING(%s, %s)", a.get(0), a.get(1))
                        : Frag.format("SUBSTRING(%s, %s, %s)", a.get(0), a.get(1), a.get(2));
            }
            case "Left" -> {
                integers(a);
                yield Frag.format("LEFT(%s, %s)", a.get(0), a.get(1));
            }
            case "Right" -> {
                integers(a);
                yield Frag.format("RIGHT(%s, %s)", a.get(0), a.get(1));
            }
            case "StrIndex" -> Frag.format("STRPOS(%s, %s)", a.get(0), a.get(1));
            case "Lag", "Lead", "NthValue" -> {
                // their offset and nth are integer parameters
                integers(a);
                yield Frag.format(WINDOW_SQL_NAMES.get(name) + "(%s)", Frag.join(", ", a));
            }
            case "Ntile" -> {
                Frag n = a.get(0);
                yield Frag.format("NTILE(%s)", n.sql().equals("?::bigint") ? new Frag("?::integer", n.params()) : n);
            }
            case "Repeat" -> {
                integers(a);
                yield Frag.format("REPEAT(%s, %s)", a.get(0), a.get(1));
            }
            case "Round" -> a.size() > 1 ? Frag.format("ROUND((%s)::numeric, %s)", a.get(0), a.get(1)) : null;
            case "Ceil" -> Frag.format("CEILING(%s)", a.get(0));
            case "Random" -> Frag.of("RANDOM()");
            case "LPad", "RPad" -> {
                integers(a);
                yield Frag.format(name.toUpperCase(Locale.ROOT) + "(%s)", Frag.join(", ", a));
            }
            case "Chr" -> {
                a.add(0, Frag.of("")); // integers() leaves the first argument alone
                integers(a);
                yield Frag.format("CHR(%s)", a.get(1));
            }
            case "SHA1", "SHA224", "SHA256", "SHA384", "SHA512" -> // PostgreSQLSHAMixin: pgcrypto's DIGEST
                    Frag.format("ENCODE(DIGEST(%s, '" + name.toLowerCase(Locale.ROOT) + "'), 'hex')", a.get(0));
            default -> null;
        };
    }

    /**
     * The integer arguments of text functions: a bound literal is typed integer (psycopg2 sends Django's 2 as an
     * integer literal; our own literal typing says bigint, which LEFT/REPEAT/SUBSTRING do not take); any other
     * expression is passed as Django writes it.
     */
    private static final java.util.Map<String, String> WINDOW_SQL_NAMES = java.util.Map.of("Lag", "LAG", "Lead",
            "LEAD", "NthValue", "NTH_VALUE");

    @Override
    public boolean nativeDuration() {
        return true;
    }

    @Override
    public Frag decimalInput(Frag floatArgument) {
        return Frag.format("(%s)::numeric(1000, 15)", floatArgument);
    }

    private static void integers(List<Frag> a) {
        for (int i = 1; i < a.size(); i++) {
            Frag f = a.get(i);
            if (f.sql().equals("?::bigint")) {
                a.set(i, new Frag("?::integer", f.params()));
            }
        }
    }

    @Override
    public Frag castDecimal(Frag arg, int maxDigits, int decimalPlaces) {
        return Frag.format("CAST(%s AS numeric(" + maxDigits + ", " + decimalPlaces + "))", arg);
    }

    @Override
    public Frag cast(Frag arg, String fieldClass, ValueType vt) {
        String type = switch (vt) {
            case INTEGER -> fieldClass.startsWith("Big") ? "bigint" : "integer";
            case FLOAT -> "double precision";
            case DECIMAL -> "numeric";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case DATETIME -> "timestamp";
            case TIME -> "time";
            case UUID -> "uuid";
            default -> "varchar";
        };
        return Frag.format("CAST(%s AS " + type + ")", arg);
    }

    @Override
    public Frag trunc(String kind, Frag col, ValueType argType, ValueType out) {
        if (kind.equals("date")) {
            return Frag.format("(%s)::date", col);
        }
        if (kind.equals("time")) {
            return Frag.format("(%s)::time", col);
        }
        if (argType == ValueType.TIME) {
            return Frag.format("DATE_TRUNC('" + kind + "', %s)::time", col); // time_trunc_sql
        }
        Frag f = Frag.format("DATE_TRUNC('" + kind + "', %s)", col);
        return out == ValueType.DATE ? Frag.format("(%s)::date", f) : f;
    }

    static QueryException unknownTruncKind(String kind) {
        return new QueryException("ValueError", "Unknown Trunc kind '" + kind
                + "'. Valid: year, quarter, month, week, day, date, hour, minute, second");
    }

    @Override
    public Frag temporalShift(String op, Frag l, Frag r, boolean durationFirst) {
        return Frag.format("(%s " + op + " %s)", l, r);
    }

    @Override
    public Frag temporalDifference(Frag l, Frag r, ValueType type) {
        if (type == ValueType.DATE) {
            return Frag.format("(interval '1 day' * (%s - %s))", l, r);
        }
        return Frag.format("(%s - %s)", l, r);
    }

    @Override
    public Frag avgOfInteger(Frag avg) {
        return Frag.format("(%s)::double precision", avg);
    }

    @Override
    public String random() {
        return "RANDOM()";
    }

    @Override
    public List<Frag> orderTerm(Frag f, String dir, Boolean nullsFirst, Boolean nullsLast) {
        String nulls = Boolean.TRUE.equals(nullsFirst) ? " NULLS FIRST" : Boolean.TRUE.equals(nullsLast) ? " NULLS LAST" : "";
        return List.of(Frag.format("%s" + dir + nulls, f));
    }

    @Override
    public String offsetOnly(long low) {
        return " OFFSET " + low;
    }

    @Override
    public Frag jsonKeyTransform(Frag column, List<String> keys) {
        StringBuilder sb = new StringBuilder("(").append(column.sql());
        for (String k : keys) {
            sb.append(" -> ").append(k.matches("\\d+") ? k : DialectOps.sqlString(k));
        }
        return new Frag(sb.append(")").toString(), column.params());
    }

    @Override
    public Frag jsonKeyText(Frag column, List<String> keys) {
        Frag inner = keys.size() > 1 ? jsonKeyTransform(column, keys.subList(0, keys.size() - 1)) : column;
        String last = keys.get(keys.size() - 1);
        return new Frag("(" + inner.sql() + " ->> " + (last.matches("\\d+") ? last : DialectOps.sqlString(last)) + ")",
                inner.params());
    }

    @Override
    public Frag jsonHasKey(Frag column, String key) {
        // jsonb_exists is the function behind the ? operator, which JDBC would take for a placeholder
        return new Frag("jsonb_exists(" + column.sql() + ", " + DialectOps.sqlString(key) + ")", column.params());
    }

    @Override
    public Frag jsonEquals(Frag lhs, String jsonText) {
        return Frag.format("%s = %s::jsonb", lhs, Frag.param(jsonText));
    }

    @Override
    public Frag jsonContains(Frag lhs, String jsonText) {
        return Frag.format("%s @> %s::jsonb", lhs, Frag.param(jsonText));
    }
}
