package studio.queryset.sql.dialect;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.Frag;
import studio.queryset.sql.Temporal;

/** SQLite as Django 3.2's sqlite3 backend writes for it (with the functions Django registers on connections). */
public final class SqliteOps implements DialectOps {
    static final SqliteOps INSTANCE = new SqliteOps();

    private SqliteOps() {
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public String displayName() {
        return "SQLite";
    }

    @Override
    public Lexis lexis() {
        return Lexis.SQLITE;
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
    public boolean slicingOrderingInCompound() {
        return false;
    }

    @Override
    public boolean aggregateFilterClause() {
        return true; // since SQLite 3.30
    }


    @Override
    public boolean readOnlyTransactions() {
        return false;
    }

    @Override
    public Object bind(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof LocalDateTime dt) {
            return Temporal.formatSqlite(dt);
        }
        if (v instanceof LocalDate) {
            return v.toString();
        }
        if (v instanceof LocalTime t) {
            return Temporal.iso(t); // HH:MM:SS as Django stores it; LocalTime.toString drops ":00"
        }
        if (v instanceof java.util.UUID u) {
            return u.toString().replace("-", "");
        }
        if (v instanceof java.time.Duration dur) {
            return dur.toNanos() / 1000; // Django stores durations as microseconds on SQLite
        }
        if (v instanceof BigDecimal b) {
            // sqlite-jdbc binds BigDecimal as text, which never compares equal to a number
            double dbl = b.doubleValue();
            if (Double.isInfinite(dbl)) {
                String text = b.toString();
                throw new QueryException("OverflowError", "Decimal('" + (text.length() > 40 ? text.substring(0, 37)
                        + "..." : text) + "') is too large for SQLite (beyond a double's range)");
            }
            return dbl;
        }
        return v;
    }

    @Override
    public QueryException rawParameterMismatch(int used, int given) {
        return new QueryException("ProgrammingError", "Incorrect number of bindings supplied. The current "
                + "statement uses " + used + ", and there are " + given + " supplied.");
    }

    @Override
    public Frag compare(String lookup, Frag l, ValueType lhsType, Frag rhs, boolean rhsIsExpression) {
        return switch (lookup) {
            case "exact" -> Frag.format("%s = %s", l, rhs);
            case "gt" -> Frag.format("%s > %s", l, rhs);
            case "gte" -> Frag.format("%s >= %s", l, rhs);
            case "lt" -> Frag.format("%s < %s", l, rhs);
            case "lte" -> Frag.format("%s <= %s", l, rhs);
            case "iexact" -> Frag.format("%s LIKE %s ESCAPE '\\'", l, rhs);
            case "contains", "startswith", "endswith", "icontains", "istartswith", "iendswith" ->
                    Frag.format("%s LIKE %s ESCAPE '\\'", l, rhsIsExpression ? PostgresOps.wildcard(lookup, rhs) : rhs);
            case "regex" -> Frag.format("%s REGEXP %s", l, rhs);
            case "iregex" -> Frag.format("%s REGEXP '(?i)' || %s", l, rhs);
            case "search" -> throw new QueryException("NotSupportedError", "Full-text search (__search) needs "
                    + "PostgreSQL; on SQLite use icontains");
            default -> throw QueryException.fieldError("Unsupported lookup '" + lookup + "'").about(lookup);
        };
    }

    @Override
    public String transform(String transform, String col) {
        return switch (transform) {
            case "year" -> "CAST(strftime('%Y', " + col + ") AS integer)";
            case "month" -> "CAST(strftime('%m', " + col + ") AS integer)";
            case "day" -> "CAST(strftime('%d', " + col + ") AS integer)";
            case "hour" -> "CAST(strftime('%H', " + col + ") AS integer)";
            case "minute" -> "CAST(strftime('%M', " + col + ") AS integer)";
            case "second" -> "CAST(strftime('%S', " + col + ") AS integer)";
            case "week_day" -> "(CAST(strftime('%w', " + col + ") AS integer) + 1)";
            case "iso_week_day" -> "CAST(strftime('%u', " + col + ") AS integer)";
            case "quarter" -> "((CAST(strftime('%m', " + col + ") AS integer) + 2) / 3)";
            case "week" -> "CAST(strftime('%V', " + col + ") AS integer)";
            case "iso_year" -> "CAST(strftime('%G', " + col + ") AS integer)";
            case "date" -> "date(" + col + ")";
            case "time" -> "time(" + col + ")";
            default -> throw DialectOps.unknownTransform(transform);
        };
    }

    @Override
    public Frag function(String name, List<Frag> a) {
        return switch (name) {
            case "Concat", "ConcatPair" -> {
                List<Frag> parts = a.stream().map(f -> Frag.format("COALESCE(%s, '')", f)).toList();
                yield Frag.format("(%s)", Frag.join(" || ", parts));
            }
            case "Now" -> Frag.of("STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')");
            case "Greatest" -> Frag.format("MAX(%s)", Frag.join(", ", a));
            case "Least" -> Frag.format("MIN(%s)", Frag.join(", ", a));
            case "Substr" -> a.size() == 2 ? Frag.format("SUBSTR(%s, %s)", a.get(0), a.get(1))
                    : Frag.format("SUBSTR(%s, %s, %s)", a.get(0), a.get(1), a.get(2));
            case "Left" -> Frag.format("SUBSTR(%s, 1, %s)", a.get(0), a.get(1));
            case "Right" -> Frag.format("SUBSTR(%s, -(%s))", a.get(0), a.get(1));
            case "StrIndex" -> Frag.format("INSTR(%s, %s)", a.get(0), a.get(1));
            case "Repeat" -> Frag.format("REPLACE(PRINTF('%.' || %s || 'c', '/'), '/', %s)", a.get(1), a.get(0));
            case "Ceil" -> Frag.format("CEIL(%s)", a.get(0));
            case "Random" -> Frag.of("RANDOM()");
            case "Chr" -> Frag.format("CHAR(%s)", a.get(0));
            case "Ord" -> Frag.format("UNICODE(%s)", a.get(0));
            default -> null;
        };
    }

    @Override
    public void checkDurationConnector(String operator) {
        if (!operator.equals("+") && !operator.equals("-")) {
            throw new QueryException("DatabaseError", "Invalid connector for timedelta: " + operator + ". (SQLite "
                    + "stores durations as microseconds: only + and - combine one with another value)");
        }
    }

    @Override
    public Frag cast(Frag arg, String fieldClass, ValueType vt) {
        if (vt == ValueType.DATETIME || vt == ValueType.TIME) {
            // Cast.as_sqlite: strftime, as datetime()/time() drop the fractional seconds (%f keeps milliseconds)
            return Frag.format("strftime('" + (vt == ValueType.TIME ? "%H:%M:%f" : "%Y-%m-%d %H:%M:%f") + "', %s)", arg);
        }
        if (vt == ValueType.DATE) {
            // SQLite has no date types: CAST would yield a number; Django uses its date functions
            String fn = vt == ValueType.DATE ? "date" : vt == ValueType.TIME ? "time" : "datetime";
            return Frag.format(fn + "(%s)", arg);
        }
        String type = switch (vt) {
            case INTEGER -> "integer";
            case FLOAT -> "real";
            case DECIMAL -> "decimal";
            case BOOLEAN -> "bool";
            case UUID -> "char(32)";
            default -> "text";
        };
        return Frag.format("CAST(%s AS " + type + ")", arg);
    }

    @Override
    public Frag trunc(String kind, Frag col, ValueType argType, ValueType out) {
        if (kind.equals("time")) {
            // django_datetime_cast_time: the time part, microseconds kept (datetimes are stored as text)
            return Frag.format("SUBSTR(%s, 12)", col);
        }
        if (argType == ValueType.TIME) {
            // django_time_trunc: a time stays a time
            String timeFmt = switch (kind) {
                case "hour" -> "%H:00:00";
                case "minute" -> "%H:%M:00";
                default -> "%H:%M:%S";
            };
            return Frag.format("STRFTIME('" + timeFmt + "', %s)", col);
        }
        String fmt = switch (kind) {
            case "year" -> "%Y-01-01";
            case "quarter", "week" -> null;
            case "month" -> "%Y-%m-01";
            case "day", "date" -> "%Y-%m-%d";
            case "hour" -> "%Y-%m-%d %H:00:00";
            case "minute" -> "%Y-%m-%d %H:%M:00";
            case "second" -> "%Y-%m-%d %H:%M:%S";
            default -> throw PostgresOps.unknownTruncKind(kind);
        };
        boolean timeOfDay = fmt != null && fmt.contains("%H");
        String suffix = out == ValueType.DATETIME && !timeOfDay ? " 00:00:00" : "";
        if (kind.equals("week")) {
            // the Monday starting the week, as Django's django_datetime_trunc('week', ...)
            return Frag.format("STRFTIME('%Y-%m-%d" + suffix + "', %s, '-6 days', 'weekday 1')", col);
        }
        if (fmt == null) {
            return Frag.format("(STRFTIME('%Y-', %s) || PRINTF('%02d', ((CAST(STRFTIME('%m', %s) AS integer) "
                    + "- 1) / 3) * 3 + 1) || '-01" + suffix + "')", col, col);
        }
        return Frag.format("STRFTIME('" + fmt + suffix + "', %s)", col);
    }

    @Override
    public Frag temporalShift(String op, Frag l, Frag r, boolean durationFirst) {
        // Django's django_format_dtdelta, registered by run/SqliteFunctions; operands in expression order
        return Frag.format("django_format_dtdelta('" + op + "', %s, %s)", l, r);
    }

    @Override
    public Frag temporalDifference(Frag l, Frag r, ValueType type) {
        // Django's exact functions (registered by run/SqliteFunctions), not julianday's floating point
        return Frag.format(type == ValueType.TIME ? "django_time_diff(%s, %s)" : "django_timestamp_diff(%s, %s)", l, r);
    }

    @Override
    public void checkNumericAggregate(ValueType argType) {
        if (argType.isTemporal()) {
            throw new QueryException("NotSupportedError", "You cannot use Sum, Avg, StdDev, and Variance "
                    + "aggregations on date/time fields in sqlite3 since date/time is saved as text.");
        }
    }

    @Override
    public String random() {
        return "RANDOM()";
    }

    @Override
    public List<Frag> orderTerm(Frag f, String dir, Boolean nullsFirst, Boolean nullsLast) {
        if (Boolean.TRUE.equals(nullsFirst)) {
            return List.of(Frag.format("%s IS NOT NULL", f), Frag.format("%s" + dir, f));
        }
        if (Boolean.TRUE.equals(nullsLast)) {
            return List.of(Frag.format("%s IS NULL", f), Frag.format("%s" + dir, f));
        }
        return List.of(Frag.format("%s" + dir, f));
    }

    @Override
    public String offsetOnly(long low) {
        return " LIMIT -1 OFFSET " + low;
    }

    @Override
    public Frag jsonKeyTransform(Frag column, List<String> keys) {
        return new Frag("JSON_EXTRACT(" + column.sql() + ", " + DialectOps.sqlString(DialectOps.jsonPath(keys)) + ")",
                column.params());
    }

    @Override
    public Frag jsonKeyText(Frag column, List<String> keys) {
        return jsonKeyTransform(column, keys);
    }

    @Override
    public Frag jsonHasKey(Frag column, String key) {
        return new Frag("JSON_TYPE(" + column.sql() + ", " + DialectOps.sqlString(DialectOps.jsonPath(List.of(key)))
                + ") IS NOT NULL", column.params());
    }

    @Override
    public Frag jsonDocumentEquals(Frag column, String jsonText) {
        // Django compares the stored text with json.dumps of the value (JSON_EXTRACT would reformat it)
        return Frag.format("%s = %s", column, Frag.param(jsonText));
    }

    @Override
    public Frag jsonIsJsonNull(Frag column, List<String> keys, Frag value) {
        // JSON_EXTRACT gives SQL NULL for a JSON null, so Django asks JSON_TYPE
        return Frag.format("JSON_TYPE(%s, " + DialectOps.sqlString(DialectOps.jsonPath(keys)) + ") = %s", column,
                Frag.param("null"));
    }

    @Override
    public Frag jsonEquals(Frag lhs, String jsonText) {
        return Frag.format("%s = JSON_EXTRACT(%s, '$')", lhs, Frag.param(jsonText));
    }

    @Override
    public Frag jsonContains(Frag lhs, String jsonText) {
        throw new QueryException("NotSupportedError", "contains lookup is not supported on this database backend.");
    }
}
