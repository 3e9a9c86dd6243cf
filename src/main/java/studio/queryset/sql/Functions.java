package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ValueType;

/** SQL for the functions of {@code django.db.models.functions}, per dialect. */
final class Functions {
    private Functions() {
    }

    static final List<String> NAMES = studio.queryset.query.FunctionNames.FUNCTIONS;

    static Typed compile(Dialect d, String name, List<Typed> args, Map<String, Object> options) {
        boolean pg = d == Dialect.POSTGRESQL;
        List<Frag> a = new ArrayList<>();
        for (Typed t : args) {
            a.add(t.frag());
        }
        ValueType first = args.isEmpty() ? ValueType.TEXT : args.get(0).type();
        String outputField = (String) options.get("output_field");
        switch (name) {
            case "Coalesce":
                need(name, args, 2);
                return typed(Frag.format("COALESCE(%s)", Frag.join(", ", a)), outputOr(outputField, first), args);
            case "Concat": {
                need(name, args, 2);
                List<Frag> parts = new ArrayList<>();
                for (Frag f : a) {
                    parts.add(Frag.format(pg ? "COALESCE((%s)::text, '')" : "COALESCE(%s, '')", f));
                }
                return typed(Frag.format("(%s)", Frag.join(" || ", parts)), ValueType.TEXT, args);
            }
            case "Lower":
            case "Upper":
                return typed(Frag.format(name.toUpperCase(Locale.ROOT) + "(%s)", a.get(0)), ValueType.TEXT, args);
            case "Length":
                return typed(Frag.format("LENGTH(%s)", a.get(0)), ValueType.INTEGER, args);
            case "Reverse":
                // SQLite has no REVERSE; Django registers one on its connections, and so does run/SqliteFunctions
                return typed(Frag.format("REVERSE(%s)", a.get(0)), ValueType.TEXT, args);
            case "Now":
                return typed(Frag.of(pg ? "STATEMENT_TIMESTAMP()" : "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')"),
                        ValueType.DATETIME, args);
            case "Cast": {
                if (outputField == null) {
                    throw new QueryException("TypeError", "Cast() needs output_field, e.g. "
                            + "Cast(\"price\", output_field=IntegerField())");
                }
                ValueType vt = valueTypeOf(outputField);
                if (!pg && (vt == ValueType.DATE || vt == ValueType.DATETIME || vt == ValueType.TIME)) {
                    // SQLite has no date types: CAST would yield a number; Django uses its date functions
                    String fn = vt == ValueType.DATE ? "date" : vt == ValueType.TIME ? "time" : "datetime";
                    return typed(Frag.format(fn + "(%s)", a.get(0)), vt, args);
                }
                return typed(Frag.format("CAST(%s AS " + castType(d, outputField) + ")", a.get(0)), vt, args);
            }
            case "Greatest":
            case "Least": {
                need(name, args, 2);
                String fn = pg ? name.toUpperCase(Locale.ROOT) : (name.equals("Greatest") ? "MAX" : "MIN");
                return typed(Frag.format(fn + "(%s)", Frag.join(", ", a)), outputOr(outputField, first), args);
            }
            case "NullIf":
                need(name, args, 2);
                return typed(Frag.format("NULLIF(%s, %s)", a.get(0), a.get(1)), first, args);
            case "Substr":
                if (pg) {
                    // PostgreSQL's SUBSTRING takes integers; bound literals arrive as bigint
                    for (int i = 1; i < a.size(); i++) {
                        a.set(i, Frag.format("(%s)::integer", a.get(i)));
                    }
                }
                if (a.size() == 2) {
                    return typed(Frag.format(pg ? "SUBSTRING(%s, %s)" : "SUBSTR(%s, %s)", a.get(0), a.get(1)),
                            ValueType.TEXT, args);
                }
                return typed(Frag.format(pg ? "SUBSTRING(%s, %s, %s)" : "SUBSTR(%s, %s, %s)", a.get(0), a.get(1),
                        a.get(2)), ValueType.TEXT, args);
            case "Left":
                if (pg) {
                    a.set(1, Frag.format("(%s)::integer", a.get(1)));
                }
                return typed(Frag.format(pg ? "LEFT(%s, %s)" : "SUBSTR(%s, 1, %s)", a.get(0), a.get(1)),
                        ValueType.TEXT, args);
            case "Right":
                if (pg) {
                    a.set(1, Frag.format("(%s)::integer", a.get(1)));
                }
                return typed(Frag.format(pg ? "RIGHT(%s, %s)" : "SUBSTR(%s, -(%s))", a.get(0), a.get(1)),
                        ValueType.TEXT, args);
            case "StrIndex":
                return typed(Frag.format(pg ? "STRPOS(%s, %s)" : "INSTR(%s, %s)", a.get(0), a.get(1)),
                        ValueType.INTEGER, args);
            case "Trim":
            case "LTrim":
            case "RTrim":
                return typed(Frag.format(name.toUpperCase(Locale.ROOT) + "(%s)", a.get(0)), ValueType.TEXT, args);
            case "Replace":
                return typed(Frag.format("REPLACE(%s, %s, %s)", a.get(0), a.get(1),
                        a.size() > 2 ? a.get(2) : Frag.of("''")), ValueType.TEXT, args);
            case "Repeat":
                return typed(pg ? Frag.format("REPEAT(%s, %s)", a.get(0), a.get(1))
                        : Frag.format("REPLACE(PRINTF('%.' || %s || 'c', '/'), '/', %s)", a.get(1), a.get(0)),
                        ValueType.TEXT, args);
            case "Abs":
                return typed(Frag.format("ABS(%s)", a.get(0)), first, args);
            case "Round":
                if (a.size() > 1) {
                    return typed(Frag.format(pg ? "ROUND((%s)::numeric, %s)" : "ROUND(%s, %s)", a.get(0),
                            a.get(1)), first == ValueType.INTEGER ? ValueType.INTEGER : first, args);
                }
                return typed(Frag.format("ROUND(%s)", a.get(0)), first, args);
            case "Ceil":
                return typed(Frag.format(pg ? "CEILING(%s)" : "CEIL(%s)", a.get(0)), first, args);
            case "Floor":
                return typed(Frag.format("FLOOR(%s)", a.get(0)), first, args);
            case "Sqrt":
                return typed(Frag.format("SQRT(%s)", a.get(0)), ValueType.FLOAT, args);
            case "Power":
                return typed(Frag.format("POWER(%s, %s)", a.get(0), a.get(1)), ValueType.FLOAT, args);
            case "Mod":
                return typed(Frag.format("MOD(%s, %s)", a.get(0), a.get(1)), first, args);
            case "Random":
                return typed(Frag.of("RANDOM()"), ValueType.FLOAT, args);
            default:
                break;
        }
        if (name.startsWith("Extract")) {
            String kind = name.equals("Extract") ? (String) options.get("lookup_name")
                    : snake(name.substring("Extract".length()));
            if (kind == null) {
                throw new QueryException("ValueError", "Extract() needs lookup_name, e.g. Extract(\"created\", \"year\")");
            }
            return Lookups.transform(d, kind, args.get(0));
        }
        if (name.startsWith("Trunc")) {
            String kind = name.equals("Trunc") ? (String) options.get("kind")
                    : name.substring("Trunc".length()).toLowerCase(Locale.ROOT);
            if (kind == null) {
                throw new QueryException("ValueError", "Trunc() needs kind, e.g. Trunc(\"created\", \"month\")");
            }
            return trunc(d, kind, args.get(0), outputField);
        }
        if (name.startsWith("Search")) {
            if (!pg) {
                throw new QueryException("NotSupportedError", name + " needs PostgreSQL full-text search");
            }
            return switch (name) {
                case "SearchVector" -> {
                    List<Frag> parts = new ArrayList<>();
                    for (Frag f : a) {
                        parts.add(Frag.format("COALESCE((%s)::text, '')", f));
                    }
                    yield typed(Frag.format("to_tsvector(%s)", Frag.join(" || ' ' || ", parts)), ValueType.TEXT,
                            args);
                }
                case "SearchQuery" -> typed(Frag.format("plainto_tsquery(%s::text)", a.get(0)), ValueType.TEXT, args);
                default -> typed(Frag.format("ts_rank(%s, %s)", a.get(0), a.get(1)), ValueType.FLOAT, args);
            };
        }
        throw new QueryException("NameError", "Unknown function '" + name + "'. Known: " + String.join(", ", NAMES));
    }

    private static Typed trunc(Dialect d, String kind, Typed arg, String outputField) {
        boolean pg = d == Dialect.POSTGRESQL;
        ValueType out = kind.equals("date") ? ValueType.DATE : arg.type();
        if (outputField != null) {
            out = valueTypeOf(outputField);
        }
        Frag col = arg.frag();
        if (pg) {
            if (kind.equals("date")) {
                return typed(Frag.format("(%s)::date", col), ValueType.DATE, List.of(arg));
            }
            Frag f = Frag.format("DATE_TRUNC('" + kind + "', %s)", col);
            return typed(out == ValueType.DATE ? Frag.format("(%s)::date", f) : f, out, List.of(arg));
        }
        String fmt = switch (kind) {
            case "year" -> "%Y-01-01";
            case "quarter", "week" -> null;
            case "month" -> "%Y-%m-01";
            case "day", "date" -> "%Y-%m-%d";
            case "hour" -> "%Y-%m-%d %H:00:00";
            case "minute" -> "%Y-%m-%d %H:%M:00";
            case "second" -> "%Y-%m-%d %H:%M:%S";
            default -> throw new QueryException("ValueError", "Unknown Trunc kind '" + kind
                    + "'. Valid: year, quarter, month, week, day, date, hour, minute, second");
        };
        boolean timeOfDay = fmt != null && fmt.contains("%H");
        String suffix = out == ValueType.DATETIME && !timeOfDay ? " 00:00:00" : "";
        if (kind.equals("week")) {
            // the Monday starting the week, as Django's django_datetime_trunc('week', ...)
            return typed(Frag.format("STRFTIME('%Y-%m-%d" + suffix + "', %s, '-6 days', 'weekday 1')", col), out,
                    List.of(arg));
        }
        if (fmt == null) {
            return typed(Frag.format("(STRFTIME('%Y-', %s) || PRINTF('%02d', ((CAST(STRFTIME('%m', %s) AS integer) "
                    + "- 1) / 3) * 3 + 1) || '-01" + suffix + "')", col, col), out, List.of(arg));
        }
        return typed(Frag.format("STRFTIME('" + fmt + suffix + "', %s)", col), out, List.of(arg));
    }

    private static String snake(String camel) {
        return switch (camel) {
            case "WeekDay" -> "week_day";
            case "IsoWeekDay" -> "iso_week_day";
            case "IsoYear" -> "iso_year";
            default -> camel.toLowerCase(Locale.ROOT);
        };
    }

    private static void need(String name, List<Typed> args, int n) {
        if (args.size() < n) {
            throw new QueryException("ValueError", name + " must take at least " + n + " expressions");
        }
    }

    private static ValueType outputOr(String outputField, ValueType fallback) {
        return outputField == null ? fallback : valueTypeOf(outputField);
    }

    private static Typed typed(Frag f, ValueType t, List<Typed> args) {
        boolean agg = args.stream().anyMatch(Typed::aggregate);
        return new Typed(f, t, agg);
    }

    /** The value type of an output_field such as "IntegerField". */
    static ValueType valueTypeOf(String fieldClass) {
        return switch (fieldClass) {
            case "IntegerField", "BigIntegerField", "SmallIntegerField", "PositiveIntegerField",
                 "PositiveSmallIntegerField", "PositiveBigIntegerField", "AutoField", "BigAutoField" ->
                    ValueType.INTEGER;
            case "FloatField" -> ValueType.FLOAT;
            case "DecimalField" -> ValueType.DECIMAL;
            case "BooleanField" -> ValueType.BOOLEAN;
            case "DateField" -> ValueType.DATE;
            case "DateTimeField" -> ValueType.DATETIME;
            case "TimeField" -> ValueType.TIME;
            case "DurationField" -> ValueType.DURATION;
            case "UUIDField" -> ValueType.UUID;
            case "JSONField" -> ValueType.JSON;
            default -> ValueType.TEXT;
        };
    }

    static String castType(Dialect d, String fieldClass) {
        boolean pg = d == Dialect.POSTGRESQL;
        return switch (valueTypeOf(fieldClass)) {
            case INTEGER -> pg && fieldClass.startsWith("Big") ? "bigint" : "integer";
            case FLOAT -> pg ? "double precision" : "real";
            case DECIMAL -> pg ? "numeric" : "decimal";
            case BOOLEAN -> pg ? "boolean" : "bool";
            case DATE -> "date";
            case DATETIME -> pg ? "timestamp" : "datetime";
            case TIME -> "time";
            case UUID -> pg ? "uuid" : "char(32)";
            default -> pg ? "varchar" : "text";
        };
    }
}
