package studio.queryset.sql.dialect;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.Frag;
import studio.queryset.sql.Temporal;

/**
 * MariaDB (and MySQL) as Django 3.2's {@code mysql} backend writes for it: backtick identifiers, the operator
 * table of {@code base.py} (LIKE BINARY for the case-sensitive pattern lookups, plain LIKE for the i... ones and
 * iexact; the collation decides {@code =}), {@code operations.py}'s date functions and casts, and the feature
 * flags of {@code features.py} (GROUP BY pk, no INTERSECT/EXCEPT, no FILTER clause, NULLs sort first).
 */
public final class MariaDbOps implements DialectOps {
    static final MariaDbOps INSTANCE = new MariaDbOps();

    /** 2**64 - 1, Django's no_limit_value: MySQL has no OFFSET without LIMIT. */
    public static final String NO_LIMIT = "18446744073709551615";

    private MariaDbOps() {
    }

    @Override
    public Dialect dialect() {
        return Dialect.MARIADB;
    }

    @Override
    public String displayName() {
        return "MariaDB";
    }

    @Override
    public Lexis lexis() {
        return Lexis.MARIADB;
    }

    @Override
    public String quote(String identifier) {
        return DialectOps.quoted(identifier, '`');
    }

    @Override
    public String qualified(String alias, String column) {
        return DialectOps.qualified(alias, column, '`');
    }

    @Override
    public boolean searchIsUnknownLookup() {
        return true;
    }

    @Override
    public boolean selectIntersectionAndDifference() {
        return false;
    }

    @Override
    public boolean slicingOrderingInCompound() {
        return true;
    }

    @Override
    public boolean aggregateFilterClause() {
        return false;
    }

    @Override
    public boolean groupByPk() {
        return true;
    }

    @Override
    public boolean orderByNullWhenGrouped() {
        return true;
    }


    /** As Django's adapt_*_value on MySQL: date/time values go as text, durations as microseconds, UUIDs as hex. */
    @Override
    public Object bind(Object v) {
        if (v instanceof LocalDateTime dt) {
            return Temporal.formatSqlite(dt); // str(datetime): 'YYYY-MM-DD HH:MM:SS[.ffffff]'
        }
        if (v instanceof LocalDate) {
            return v.toString();
        }
        if (v instanceof LocalTime t) {
            return Temporal.iso(t);
        }
        if (v instanceof java.util.UUID u) {
            return u.toString().replace("-", "");
        }
        if (v instanceof java.time.Duration dur) {
            return dur.toNanos() / 1000;
        }
        return v; // numbers (Decimal too, as adapt_decimalfield_value leaves it), text and booleans as they are
    }

    @Override
    public QueryException rawParameterMismatch(int used, int given) {
        // MySQLdb formats the query with Python's bytes % and reports its TypeError as ProgrammingError
        return new QueryException("ProgrammingError", used > given ? "not enough arguments for format string"
                : "not all arguments converted during bytes formatting");
    }

    @Override
    public Frag compare(String lookup, Frag l, ValueType lhsType, Frag rhs, boolean rhsIsExpression) {
        return switch (lookup) {
            case "exact" -> Frag.format("%s = %s", l, rhs);
            case "gt" -> Frag.format("%s > %s", l, rhs);
            case "gte" -> Frag.format("%s >= %s", l, rhs);
            case "lt" -> Frag.format("%s < %s", l, rhs);
            case "lte" -> Frag.format("%s <= %s", l, rhs);
            case "iexact" -> Frag.format("%s LIKE %s", l, rhs);
            case "contains", "startswith", "endswith" -> Frag.format("%s LIKE BINARY %s", l,
                    rhsIsExpression ? wildcard(lookup, rhs) : rhs);
            case "icontains", "istartswith", "iendswith" -> Frag.format("%s LIKE %s", l,
                    rhsIsExpression ? wildcard(lookup, rhs) : rhs);
            case "regex" -> Frag.format("%s REGEXP BINARY %s", l, rhs);
            case "iregex" -> Frag.format("%s REGEXP %s", l, rhs);
            case "search" -> throw new QueryException("NotSupportedError", "Full-text search (__search) needs "
                    + "PostgreSQL; on MariaDB use icontains");
            default -> throw QueryException.fieldError("Unsupported lookup '" + lookup + "'").about(lookup);
        };
    }

    /** Django's pattern_ops with pattern_esc: CONCAT and nested REPLACE, backslash as the escape character. */
    private static Frag wildcard(String lookup, Frag rhs) {
        Frag esc = Frag.format("REPLACE(REPLACE(REPLACE(%s, '\\\\', '\\\\\\\\'), '%', '\\%'), '_', '\\_')", rhs);
        return switch (lookup) {
            case "contains", "icontains" -> Frag.format("CONCAT('%', %s, '%')", esc);
            case "startswith", "istartswith" -> Frag.format("CONCAT(%s, '%')", esc);
            default -> Frag.format("CONCAT('%', %s)", esc);
        };
    }

    @Override
    public String transform(String transform, String col) {
        return switch (transform) {
            case "year", "month", "day", "hour", "minute", "second", "quarter" ->
                    "EXTRACT(" + transform.toUpperCase(java.util.Locale.ROOT) + " FROM " + col + ")";
            case "week_day" -> "DAYOFWEEK(" + col + ")"; // 1-7, Sunday=1
            case "iso_week_day" -> "WEEKDAY(" + col + ") + 1"; // WEEKDAY is 0-6, Monday=0
            case "week" -> "WEEK(" + col + ", 3)"; // mode 3: ISO weeks
            case "iso_year" -> "TRUNCATE(YEARWEEK(" + col + ", 3), -2) / 100";
            case "date" -> "DATE(" + col + ")";
            case "time" -> "TIME(" + col + ")";
            default -> throw DialectOps.unknownTransform(transform);
        };
    }

    @Override
    public boolean booleanExactAsCondition() {
        return true;
    }

    @Override
    public boolean yearLookupAsBetween() {
        return true;
    }

    @Override
    public Frag function(String name, List<Frag> a) {
        return switch (name) {
            case "Concat", "ConcatPair" -> concatWs(a, 0); // ConcatPair.as_mysql: CONCAT_WS ignores NULLs
            case "Length" -> Frag.format("CHAR_LENGTH(%s)", a.get(0));
            case "Now" -> Frag.of("CURRENT_TIMESTAMP");
            case "Greatest", "Least" -> Frag.format(name.toUpperCase(java.util.Locale.ROOT) + "(%s)",
                    Frag.join(", ", a));
            case "Substr" -> a.size() == 2 ? Frag.format("SUBSTRING(%s, %s)", a.get(0), a.get(1))
                    : Frag.format("SUBSTRING(%s, %s, %s)", a.get(0), a.get(1), a.get(2));
            case "Left" -> Frag.format("LEFT(%s, %s)", a.get(0), a.get(1));
            case "Right" -> Frag.format("RIGHT(%s, %s)", a.get(0), a.get(1));
            case "StrIndex" -> Frag.format("INSTR(%s, %s)", a.get(0), a.get(1));
            case "Repeat" -> Frag.format("REPEAT(%s, %s)", a.get(0), a.get(1));
            case "Ceil" -> Frag.format("CEILING(%s)", a.get(0));
            case "Random" -> Frag.of("RAND()");
            case "Chr" -> Frag.format("CHAR(%s USING utf16)", a.get(0));
            case "Ord" -> Frag.format("ORD(%s)", a.get(0));
            case "SHA224", "SHA256", "SHA384", "SHA512" -> Frag.format("SHA2(%s, " + name.substring(3) + ")", a.get(0));
            default -> null;
        };
    }

    /** Concat(a, b, c) is ConcatPair(a, ConcatPair(b, c)) in Django: nested, two arguments each. */
    private static Frag concatWs(List<Frag> a, int from) {
        if (a.size() - from == 2) {
            return Frag.format("CONCAT_WS('', %s, %s)", a.get(from), a.get(from + 1));
        }
        return Frag.format("CONCAT_WS('', %s, %s)", a.get(from), concatWs(a, from + 1));
    }

    @Override
    public Frag durationAggregate(Frag aggregate) {
        return Frag.format("CAST(%s AS SIGNED)", aggregate);
    }

    @Override
    public Frag castDecimal(Frag arg, int maxDigits, int decimalPlaces) {
        return Frag.format("CAST(%s AS decimal(" + maxDigits + ", " + decimalPlaces + "))", arg);
    }

    @Override
    public Frag cast(Frag arg, String fieldClass, ValueType vt) {
        if (vt == ValueType.FLOAT) {
            return Frag.format("(%s + 0.0)", arg); // MySQL has no CAST to a float type
        }
        if (vt == ValueType.JSON) {
            return Frag.format("JSON_EXTRACT(%s, '$')", arg); // MariaDB has no CAST to JSON
        }
        String type = switch (fieldClass) {
            case "PositiveIntegerField", "PositiveSmallIntegerField", "PositiveBigIntegerField" -> "unsigned integer";
            case "DateTimeField" -> "datetime(6)";
            case "TimeField" -> "time(6)";
            case "DateField" -> "date";
            case "BooleanField" -> "bool";
            case "UUIDField" -> "char(32)";
            case "DecimalField" -> throw new QueryException("TypeError", "Cast(..., output_field=DecimalField()) "
                    + "on MySQL needs max_digits and decimal_places (its CAST type is decimal(%(max_digits)s, "
                    + "%(decimal_places)s))");
            default -> vt == ValueType.INTEGER || vt == ValueType.DURATION ? "signed integer" : "char";
        };
        return Frag.format("CAST(%s AS " + type + ")", arg);
    }

    @Override
    public Frag trunc(String kind, Frag col, ValueType argType, ValueType out) {
        if (kind.equals("date")) {
            return sql("DATE({})", col);
        }
        if (kind.equals("time")) {
            return sql("TIME({})", col);
        }
        if (out == ValueType.TIME) {
            return switch (kind) {
                case "hour" -> sql("CAST(DATE_FORMAT({}, '%H:00:00') AS TIME)", col);
                case "minute" -> sql("CAST(DATE_FORMAT({}, '%H:%i:00') AS TIME)", col);
                case "second" -> sql("CAST(DATE_FORMAT({}, '%H:%i:%s') AS TIME)", col);
                default -> sql("TIME({})", col);
            };
        }
        if (out == ValueType.DATE) {
            return switch (kind) {
                case "year" -> sql("CAST(DATE_FORMAT({}, '%Y-01-01') AS DATE)", col);
                case "month" -> sql("CAST(DATE_FORMAT({}, '%Y-%m-01') AS DATE)", col);
                case "quarter" -> sql("MAKEDATE(YEAR({}), 1) + INTERVAL QUARTER({}) QUARTER - INTERVAL 1 QUARTER",
                        col, col);
                case "week" -> sql("DATE_SUB({}, INTERVAL WEEKDAY({}) DAY)", col, col);
                case "day" -> sql("DATE({})", col);
                default -> throw PostgresOps.unknownTruncKind(kind);
            };
        }
        switch (kind) {
            case "quarter":
                return sql("CAST(DATE_FORMAT(MAKEDATE(YEAR({}), 1) + INTERVAL QUARTER({}) QUARTER - INTERVAL 1 "
                        + "QUARTER, '%Y-%m-01 00:00:00') AS DATETIME)", col, col);
            case "week":
                return sql("CAST(DATE_FORMAT(DATE_SUB({}, INTERVAL WEEKDAY({}) DAY), '%Y-%m-%d 00:00:00') AS "
                        + "DATETIME)", col, col);
            default:
                break;
        }
        List<String> fields = List.of("year", "month", "day", "hour", "minute", "second");
        String[] format = {"%Y-", "%m", "-%d", " %H:", "%i", ":%s"};
        String[] formatDef = {"0000-", "01", "-01", " 00:", "00", ":00"};
        int i = fields.indexOf(kind) + 1;
        if (i == 0) {
            throw PostgresOps.unknownTruncKind(kind);
        }
        StringBuilder fmt = new StringBuilder();
        for (int k = 0; k < format.length; k++) {
            fmt.append(k < i ? format[k] : formatDef[k]);
        }
        return sql("CAST(DATE_FORMAT({}, '" + fmt + "') AS DATETIME)", col);
    }

    /**
     * A template whose {@code {}} take the fragments: MySQL's DATE_FORMAT patterns contain {@code %s}, which
     * {@link Frag#format} would take for a placeholder.
     */
    static Frag sql(String template, Frag... parts) {
        StringBuilder sb = new StringBuilder();
        List<Object> params = new ArrayList<>();
        int at = 0;
        int k = 0;
        for (int next = template.indexOf("{}"); next >= 0; next = template.indexOf("{}", at)) {
            sb.append(template, at, next).append(parts[k].sql());
            params.addAll(parts[k].params());
            k++;
            at = next + 2;
        }
        sb.append(template.substring(at));
        return new Frag(sb.toString(), params);
    }

    @Override
    public Frag temporalShift(String op, Frag l, Frag r, boolean leftIsDuration) {
        // DurationExpression without a native duration type: the duration side becomes INTERVAL n MICROSECOND
        Frag left = leftIsDuration ? Frag.format("INTERVAL %s MICROSECOND", l) : l;
        Frag right = leftIsDuration ? r : Frag.format("INTERVAL %s MICROSECOND", r);
        return Frag.format("(%s " + op + " %s)", left, right);
    }

    @Override
    public Frag temporalDifference(Frag l, Frag r, ValueType type) {
        if (type == ValueType.TIME) {
            // MariaDB's TIME_TO_SEC keeps microseconds as a decimal
            return Frag.format("CAST((TIME_TO_SEC(%s) - TIME_TO_SEC(%s)) * 1000000 AS SIGNED)", l, r);
        }
        return Frag.format("TIMESTAMPDIFF(MICROSECOND, %s, %s)", r, l);
    }

    @Override
    public Frag power(Frag l, Frag r) {
        return Frag.format("POW(%s,%s)", l, r); // combine_expression('^'): POW with a bare comma
    }

    @Override
    public String random() {
        return "RAND()";
    }

    /**
     * No NULLS FIRST/LAST on MySQL; NULLs sort first ascending (order_by_nulls_first), so Django 3.2 adds
     * {@code x IS NULL} only where the default differs from what was asked.
     */
    @Override
    public List<Frag> orderTerm(Frag f, String dir, Boolean nullsFirst, Boolean nullsLast) {
        boolean desc = dir.equals(" DESC");
        if (Boolean.TRUE.equals(nullsLast) && !desc) {
            return List.of(Frag.format("%s IS NULL", f), Frag.format("%s" + dir, f));
        }
        if (Boolean.TRUE.equals(nullsFirst) && desc) {
            return List.of(Frag.format("%s IS NOT NULL", f), Frag.format("%s" + dir, f));
        }
        return List.of(Frag.format("%s" + dir, f));
    }

    @Override
    public String offsetOnly(long low) {
        return " LIMIT " + NO_LIMIT + " OFFSET " + low;
    }

    /** KeyTransform.as_mysql: JSON_EXTRACT with the path bound as a parameter. */
    @Override
    public Frag jsonKeyTransform(Frag column, List<String> keys) {
        return Frag.format("JSON_EXTRACT(%s, %s)", column, Frag.param(DialectOps.jsonPath(keys)));
    }

    @Override
    public Frag jsonKeyText(Frag column, List<String> keys) {
        return Frag.format("JSON_UNQUOTE(%s)", jsonKeyTransform(column, keys));
    }

    @Override
    public Frag jsonHasKey(Frag column, String key) {
        return Frag.format("JSON_CONTAINS_PATH(%s, 'one', %s)", column, Frag.param(DialectOps.jsonPath(List.of(key))));
    }

    @Override
    public Frag jsonEquals(Frag lhs, String jsonText) {
        return Frag.format("%s = JSON_EXTRACT(%s, '$')", lhs, Frag.param(jsonText));
    }

    @Override
    public boolean jsonKeyTextBinary() {
        return true;
    }

    @Override
    public boolean jsonKeyExactUnquoted() {
        return true;
    }

    @Override
    public Frag jsonContains(Frag lhs, String jsonText) {
        return Frag.format("JSON_CONTAINS(%s, %s)", lhs, Frag.param(jsonText));
    }
}
