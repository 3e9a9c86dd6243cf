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
        return compile(d, name, args, options, List.of());
    }

    /** {@code sources}: the argument expressions, to name a field in an error (Trunc of a DateField...). */
    static Typed compile(Dialect d, String name, List<Typed> args, Map<String, Object> options,
                         List<studio.queryset.query.Expression> sources) {
        List<Frag> a = new ArrayList<>();
        for (Typed t : args) {
            a.add(t.frag());
        }
        ValueType first = args.isEmpty() ? ValueType.TEXT : args.get(0).type();
        String outputField = (String) options.get("output_field");
        FunctionSpec spec = FunctionSpecs.find(name).orElseThrow(() -> new QueryException("NameError",
                "Unknown function '" + name + "'. Known: " + String.join(", ", NAMES)));
        if (spec.arguments().most() < 0) {
            need(name, args, spec.arguments().least());
        } else if (spec.arguments().least() == spec.arguments().most() && args.size() != spec.arguments().least()
                && !name.startsWith("Extract") && !name.startsWith("Trunc")) {
            // Django's Func arity check (a Transform takes exactly one)
            int n = spec.arguments().least();
            throw new QueryException("TypeError", "'" + name + "' takes exactly " + n + " argument"
                    + (n == 1 ? "" : "s") + " (" + args.size() + " given)");
        }
        if (name.equals("Mod") || name.equals("Log")) {
            for (int i = 0; i < a.size(); i++) {
                if (args.get(i).type() == ValueType.FLOAT) {
                    a.set(i, d.ops().decimalInput(a.get(i)));
                }
            }
        }
        if ((name.equals("LPad") || name.equals("RPad")) && a.size() == 2) {
            a.add(Frag.param(" ")); // fill_text=Value(' ')
        }
        if (spec.output() == FunctionSpec.Output.OUTPUT_FIELD) { // Cast
            if (outputField == null) {
                throw new QueryException("TypeError", "Cast() needs output_field, e.g. "
                        + "Cast(\"price\", output_field=IntegerField())");
            }
            ValueType vt = valueTypeOf(outputField);
            if (vt == ValueType.DECIMAL && options.get("max_digits") instanceof Integer digits
                    && options.get("decimal_places") instanceof Integer places) {
                Frag shaped = d.ops().castDecimal(a.get(0), digits, places);
                if (shaped != null) {
                    return typed(shaped, vt, args);
                }
            }
            return typed(d.ops().cast(a.get(0), outputField, vt), vt, args);
        }
        ValueType type = spec.output().of(first, outputField);
        if (spec.output() == FunctionSpec.Output.NUMERIC && args.stream().anyMatch(t -> t.type() == ValueType.DECIMAL)) {
            type = ValueType.DECIMAL; // NumericOutputFieldMixin: any decimal argument makes it a decimal
        }
        if (type != null) {
            // the database's own spelling first (Django's as_sqlite/as_postgresql/as_mysql), else the generic one
            Frag own = d.ops().function(name, a);
            return typed(own != null ? own : generic(spec, a), type, args);
        }
        if (name.startsWith("Extract")) {
            String kind = name.equals("Extract") ? (String) options.get("lookup_name")
                    : snake(name.substring("Extract".length()));
            if (kind == null) {
                throw new QueryException("ValueError", "Extract() needs lookup_name, e.g. Extract(\"created\", \"year\")");
            }
            checkExtract(d, kind, args.get(0).type(), sources.isEmpty() ? null : sources.get(0));
            return Lookups.transform(d, kind, args.get(0));
        }
        if (name.startsWith("Trunc")) {
            String kind = name.equals("Trunc") ? (String) options.get("kind")
                    : name.substring("Trunc".length()).toLowerCase(Locale.ROOT);
            if (kind == null) {
                throw new QueryException("ValueError", "Trunc() needs kind, e.g. Trunc(\"created\", \"month\")");
            }
            String source = !sources.isEmpty() && sources.get(0) instanceof studio.queryset.query.Expression.F f
                    ? " '" + f.path() + "'" : "";
            return trunc(d, kind, args.get(0), outputField, source);
        }
        if (name.startsWith("Search")) {
            if (!d.ops().fullTextSearch()) {
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

    /** Django 3.2's Extract.resolve_expression and as_sql: which parts each kind of value has. */
    private static void checkExtract(Dialect d, String kind, ValueType type, studio.queryset.query.Expression source) {
        String name = source instanceof studio.queryset.query.Expression.F f ? " '" + f.path() + "'" : "";
        if (type == ValueType.DATE && List.of("hour", "minute", "second").contains(kind)) {
            throw new QueryException("ValueError", "Cannot extract time component '" + kind + "' from DateField"
                    + name + ". (a date has year, quarter, month, week, week_day, iso_week_day, iso_year and day)");
        }
        if (type == ValueType.DURATION) {
            if (List.of("year", "iso_year", "month", "week", "week_day", "iso_week_day", "quarter").contains(kind)) {
                throw new QueryException("ValueError", "Cannot extract component '" + kind + "' from DurationField"
                        + name + ".");
            }
            if (!d.ops().nativeDuration()) {
                throw new QueryException("ValueError", "Extract requires native DurationField database support. "
                        + "(only PostgreSQL stores durations as intervals)");
            }
        }
    }

    private static Typed trunc(Dialect d, String kind, Typed arg, String outputField, String source) {
        ValueType out = kind.equals("date") ? ValueType.DATE : kind.equals("time") ? ValueType.TIME : arg.type();
        if (outputField != null) {
            out = valueTypeOf(outputField);
        }
        // Django's TruncBase.resolve_expression: a date cannot become a datetime, nor a time a date
        boolean toTime = List.of("hour", "minute", "second", "time").contains(kind);
        if (arg.type() == ValueType.DATE && (out == ValueType.DATETIME || toTime)) {
            throw new QueryException("ValueError", "Cannot truncate DateField" + source + " to "
                    + (outputField != null ? outputField : "DateTimeField") + ". (Trunc kind '" + kind
                    + "': truncate a DateTimeField, or use a kind of year, quarter, month, week or day)");
        }
        if (arg.type() == ValueType.TIME && (out == ValueType.DATETIME || !toTime)) {
            throw new QueryException("ValueError", "Cannot truncate TimeField" + source + " to "
                    + (outputField != null ? outputField : "DateTimeField") + ". (Trunc kind '" + kind
                    + "': a time truncates to hour, minute or second)");
        }
        return typed(d.ops().trunc(kind, arg.frag(), arg.type(), out), out, List.of(arg));
    }

    /** The SQL a function has where no database spells it its own way: its generic name over the arguments. */
    private static Frag generic(FunctionSpec spec, List<Frag> a) {
        if (spec.sql() == null) {
            throw new QueryException("NotSupportedError", spec.name() + "() has no SQL on this database");
        }
        List<Frag> args = new ArrayList<>(a);
        if (spec.name().equals("Replace") && args.size() == 2) {
            args.add(Frag.of("''")); // Replace(text, old) replaces with ''
        }
        // SQLite has no REVERSE; Django registers one on its connections, and so does run/SqliteFunctions
        return Frag.format(spec.sql() + "(%s)", Frag.join(", ", args));
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
        return new Typed(f, t, args.stream().anyMatch(Typed::aggregate), args.stream().anyMatch(Typed::window));
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
}
