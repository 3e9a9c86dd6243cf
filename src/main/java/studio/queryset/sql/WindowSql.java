package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ValueType;

/**
 * Django 3.2's window expressions: the functions of {@code db.models.functions.window} and the
 * {@code OVER (PARTITION BY ... ORDER BY ... frame)} clause of {@code Window}, per dialect.
 */
final class WindowSql {
    private WindowSql() {
    }

    /** The SQL name and the argument counts (least, most) of each window function. */
    private record Shape(String sql, int least, int most) { }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("RowNumber", new Shape("ROW_NUMBER", 0, 0)), Map.entry("Rank", new Shape("RANK", 0, 0)),
            Map.entry("DenseRank", new Shape("DENSE_RANK", 0, 0)),
            Map.entry("PercentRank", new Shape("PERCENT_RANK", 0, 0)),
            Map.entry("CumeDist", new Shape("CUME_DIST", 0, 0)), Map.entry("Ntile", new Shape("NTILE", 1, 1)),
            Map.entry("Lag", new Shape("LAG", 2, 3)), Map.entry("Lead", new Shape("LEAD", 2, 3)),
            Map.entry("FirstValue", new Shape("FIRST_VALUE", 1, 1)),
            Map.entry("LastValue", new Shape("LAST_VALUE", 1, 1)),
            Map.entry("NthValue", new Shape("NTH_VALUE", 2, 2)));

    /**
     * The arguments as Django's constructors complete them: Lag/Lead's offset and NthValue's nth default to 1,
     * Ntile's num_buckets to 1; each must be a positive integer (Django's ValueErrors).
     */
    static List<Expression> arguments(Expression.Func fn) {
        List<Expression> args = new ArrayList<>(fn.args());
        String name = fn.name();
        switch (name) {
            case "Lag", "Lead", "NthValue" -> {
                if (args.isEmpty() || args.get(0) instanceof Expression.Value v && v.value() == null) {
                    throw new QueryException("ValueError", name + " requires a non-null source expression.");
                }
                if (args.size() == 1) {
                    args.add(Expression.Value.of(1L));
                }
                if (!positive(args.get(1))) {
                    throw new QueryException("ValueError", name.equals("NthValue")
                            ? "NthValue requires a positive integer as for nth."
                            : name + " requires a positive integer for the offset.");
                }
                if (args.size() == 3 && args.get(2) instanceof Expression.Value v && v.value() == null) {
                    args.remove(2); // default=None is no default
                }
            }
            case "Ntile" -> {
                if (args.isEmpty()) {
                    args.add(Expression.Value.of(1L));
                }
                if (!positive(args.get(0))) {
                    throw new QueryException("ValueError", "num_buckets must be greater than 0.");
                }
            }
            default -> {
            }
        }
        Shape shape = SHAPES.get(name);
        if (args.size() < shape.least() || args.size() > shape.most()) {
            String want = shape.least() == shape.most() ? "exactly " + shape.least()
                    : shape.least() + " to " + shape.most();
            throw new QueryException("TypeError", "'" + name + "' takes " + want + " argument"
                    + (shape.most() == 1 ? "" : "s") + " (" + fn.args().size() + " given)");
        }
        return args;
    }

    private static boolean positive(Expression e) {
        return e instanceof Expression.Value v && (v.value() instanceof Long || v.value() instanceof Integer)
                && ((Number) v.value()).longValue() > 0;
    }

    /** A window function's SQL and type; {@code args} compiled from {@link #arguments}. */
    static Typed function(Dialect d, String name, List<Typed> args) {
        List<Frag> a = new ArrayList<>();
        args.forEach(t -> a.add(t.frag()));
        Frag own = d.ops().function(name, a);
        Frag sql = own != null ? own : Frag.format(SHAPES.get(name).sql() + "(%s)", Frag.join(", ", a));
        ValueType type = switch (name) {
            case "RowNumber", "Rank", "DenseRank", "Ntile" -> ValueType.INTEGER;
            case "PercentRank", "CumeDist" -> ValueType.FLOAT;
            default -> args.get(0).type(); // Lag, Lead, FirstValue, LastValue, NthValue: their source's type
        };
        return Typed.of(sql, type);
    }

    /** {@code source OVER (PARTITION BY ... ORDER BY ... frame)}: a window, not an aggregate. */
    static Typed over(Dialect d, Typed source, List<Frag> partitionBy, List<Frag> orderBy, Expression.Frame frame) {
        List<Frag> window = new ArrayList<>();
        if (!partitionBy.isEmpty()) {
            window.add(Frag.format("PARTITION BY %s", Frag.join(", ", partitionBy)));
        }
        if (!orderBy.isEmpty()) {
            window.add(Frag.format("ORDER BY %s", Frag.join(", ", orderBy)));
        }
        if (frame != null) {
            window.add(Frag.of(frame(d, frame)));
        }
        return new Typed(Frag.format("%s OVER (%s)", source.frag(), Frag.join(" ", window)), source.type(), false,
                true);
    }

    /** Django's WindowFrame.as_sql with the backend's window_frame_start / window_frame_end. */
    static String frame(Dialect d, Expression.Frame f) {
        Long start = f.start();
        Long end = f.end();
        String from = start == null ? "UNBOUNDED PRECEDING" : start == 0 ? "CURRENT ROW"
                : start < 0 ? -start + " PRECEDING" : null;
        if (from == null) {
            throw new QueryException("ValueError", "start argument must be a negative integer, zero, or None, but "
                    + "got '" + start + "'.");
        }
        String to = end == null ? "UNBOUNDED FOLLOWING" : end == 0 ? "CURRENT ROW"
                : end > 0 ? end + " FOLLOWING" : null;
        if (to == null) {
            throw new QueryException("ValueError", "end argument must be a positive integer, zero, or None, but got '"
                    + end + "'.");
        }
        if (!f.rows() && !d.ops().rangeFrameOffsets() && (start != null && start < 0 || end != null && end > 0)) {
            throw new QueryException("NotSupportedError", d.displayName() + " only supports UNBOUNDED together with "
                    + "PRECEDING and FOLLOWING.");
        }
        return (f.rows() ? "ROWS" : "RANGE") + " BETWEEN " + from + " AND " + to;
    }
}
