package studio.queryset.django;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studio.queryset.query.Expression;
import studio.queryset.query.FunctionNames;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * Prints the query model as canonical Django text. Stable: printing a parsed text and parsing it again gives
 * an equal model ({@code parse(print(q)).equals(q)}).
 */
public final class DjangoPrinter {
    private DjangoPrinter() {
    }

    public static String print(QuerySet qs) {
        return chain(qs).text();
    }

    /**
     * A chain's text and how loosely it binds: 0 for a method chain, then Python's precedence of the operator it
     * ends in ({@code &} 1, {@code |} 2), so an operand or a method call after it gets parentheses only when needed.
     */
    private record Printed(String text, int looseness) { }

    /**
     * {@code Model.objects}; for Django's auto-created through model {@code Book_genres} (a name Python code cannot
     * use), {@code Book.genres.through.objects}. Spelled from the name alone, which Django makes
     * {@code <ObjectName>_<field>} (a field name is lower case), the parser reads it back either way.
     */
    public static String manager(String model) {
        int cut = model.indexOf('_');
        boolean autoThrough = cut > 0 && cut + 1 < model.length() && Character.isUpperCase(model.charAt(0))
                && Character.isLowerCase(model.charAt(cut + 1)) && model.indexOf('.') < 0;
        return (autoThrough ? model.substring(0, cut) + "." + model.substring(cut + 1) + ".through" : model)
                + ".objects";
    }

    private static Printed chain(QuerySet qs) {
        StringBuilder sb = new StringBuilder(manager(qs.model()));
        // a Manager has no | or &, and cannot be sliced ("'Manager' object is not subscriptable"): all() comes first
        Step first = qs.steps().isEmpty() ? null : qs.steps().get(0);
        if (first == null || first instanceof Step.Combine c0 && c0.isOperator() || first instanceof Step.Slice
                || first instanceof Step.Index) {
            sb.append(".all()");
        }
        int looseness = 0;
        for (Step s : qs.steps()) {
            if (s instanceof Step.Combine c && c.isOperator()) {
                int op = c.method().equals(Step.Combine.OR) ? 2 : 1;
                if (looseness > op) {
                    sb.insert(0, '(').append(')');
                }
                Printed right = chain(c.others().get(0));
                String r = right.looseness() >= op ? "(" + right.text() + ")" : right.text();
                sb.append(' ').append(c.symbol()).append(' ').append(r);
                looseness = op;
                continue;
            }
            if (looseness > 0) {
                sb.insert(0, '(').append(')'); // (a | b).order_by(...)
                looseness = 0;
            }
            sb.append(step(s, qs.model()));
        }
        return new Printed(sb.toString(), looseness);
    }

    private static String step(Step s, String modelName) {
        if (s instanceof Step.Slice sl) {
            return "[" + (sl.start() == null ? "" : sl.start()) + ":" + (sl.stop() == null ? "" : sl.stop()) + "]";
        }
        if (s instanceof Step.Index i) {
            return "[" + i.index() + "]";
        }
        return "." + s.method() + "(" + String.join(", ", arguments(s, modelName)) + ")";
    }

    private static List<String> arguments(Step s, String modelName) {
        List<String> a = new ArrayList<>();
        if (s instanceof Step.Filter f) {
            filterArgs(f, a);
        } else if (s instanceof Step.Annotate an) {
            an.positional().forEach(e -> a.add(expr(e)));
            named(an.named(), a);
        } else if (s instanceof Step.Aggregate ag) {
            ag.positional().forEach(e -> a.add(expr(e)));
            named(ag.named(), a);
        } else if (s instanceof Step.OrderBy o) {
            o.items().forEach(i -> a.add(orderItem(i)));
        } else if (s instanceof Step.Values v) {
            v.fields().stream().filter(f -> !v.expressions().containsKey(f)).forEach(f -> a.add(str(f)));
            named(v.expressions(), a);
        } else if (s instanceof Step.ValuesList v) {
            v.fields().forEach(f -> a.add(str(f)));
            if (v.flat()) {
                a.add("flat=True");
            }
            if (v.named()) {
                a.add("named=True");
            }
        } else if (s instanceof Step.Distinct d) {
            d.fields().forEach(f -> a.add(str(f)));
        } else if (s instanceof Step.Only o) {
            if (o.defer() && o.fields().isEmpty()) {
                a.add("None");
            }
            o.fields().forEach(f -> a.add(str(f)));
        } else if (s instanceof Step.SelectRelated sr) {
            sr.paths().forEach(p -> a.add(str(p)));
        } else if (s instanceof Step.PrefetchRelated pr) {
            pr.lookups().forEach(p -> a.add(prefetch(p)));
        } else if (s instanceof Step.Combine c) {
            c.others().forEach(o -> a.add(print(o)));
            if (c.all()) {
                a.add("all=True");
            }
        } else if (s instanceof Step.Iterator it) {
            if (it.chunkSize() != null) {
                a.add("chunk_size=" + it.chunkSize());
            }
        } else if (s instanceof Step.Terminal t) {
            if (t.condition() != null) {
                filterArgs(t.condition(), a);
            }
            t.fields().forEach(f -> a.add(str(f)));
        } else if (s instanceof Step.Update u) {
            u.values().forEach((k, v) -> a.add(k + "=" + rhs(v)));
        } else if (s instanceof Step.Create c) {
            if (c.bulk()) {
                List<String> objs = new ArrayList<>();
                for (Map<String, Expression> o : c.objects()) {
                    List<String> kv = new ArrayList<>();
                    o.forEach((k, v) -> kv.add(k + "=" + rhs(v)));
                    objs.add(modelName + "(" + String.join(", ", kv) + ")");
                }
                a.add("[" + String.join(", ", objs) + "]");
            } else {
                c.objects().get(0).forEach((k, v) -> a.add(k + "=" + rhs(v)));
            }
        } else if (s instanceof Step.Raw r) {
            a.add(str(r.sql()));
            if (!r.params().isEmpty()) {
                List<String> ps = new ArrayList<>();
                r.params().forEach(p -> ps.add(rhs(p)));
                a.add("[" + String.join(", ", ps) + "]");
            }
        }
        return a;
    }

    /**
     * Python refuses a repeated keyword, so a second lookup on the same path (the canvas allows it) is printed as a
     * positional {@code Q(...)}: the same AND in filter()'s meaning.
     */
    private static void filterArgs(Step.Filter f, List<String> a) {
        f.args().forEach(q -> a.add(q(q, false)));
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> keywords = new ArrayList<>();
        for (Q.Lookup l : f.kwargs()) {
            if (seen.add(l.path())) {
                keywords.add(l.path() + "=" + rhs(l.value()));
            } else {
                a.add(q(l, false));
            }
        }
        a.addAll(keywords);
    }

    private static void named(Map<String, Expression> m, List<String> a) {
        m.forEach((k, v) -> a.add(k + "=" + expr(v)));
    }

    private static String prefetch(Prefetch p) {
        if (p.plain()) {
            return str(p.lookup());
        }
        StringBuilder sb = new StringBuilder("Prefetch(").append(str(p.lookup()));
        if (p.queryset() != null) {
            sb.append(", queryset=").append(print(p.queryset()));
        }
        if (p.toAttr() != null) {
            sb.append(", to_attr=").append(str(p.toAttr()));
        }
        return sb.append(")").toString();
    }

    private static String orderItem(Expression.OrderBy o) {
        if (o.isRandom()) {
            return "\"?\"";
        }
        if (o.fromText() && o.expression() instanceof Expression.F f && o.nullsFirst() == null
                && o.nullsLast() == null) {
            return str((o.descending() ? "-" : "") + f.path());
        }
        if (!o.fromText() && !o.descending() && o.nullsFirst() == null && o.nullsLast() == null) {
            return expr(o.expression());
        }
        return orderBy(o);
    }

    private static String orderBy(Expression.OrderBy o) {
        String inner = expr(o.expression());
        if (o.expression() instanceof Expression.Combined || o.expression() instanceof Expression.Negated) {
            inner = "(" + inner + ")";
        }
        List<String> kw = new ArrayList<>();
        if (Boolean.TRUE.equals(o.nullsFirst())) {
            kw.add("nulls_first=True");
        }
        if (Boolean.TRUE.equals(o.nullsLast())) {
            kw.add("nulls_last=True");
        }
        return inner + "." + (o.descending() ? "desc" : "asc") + "(" + String.join(", ", kw) + ")";
    }

    // ---------------------------------------------------------------- Q

    /** {@code nested}: inside an &amp;/| chain, where an OR must be parenthesised. */
    static String q(Q q, boolean nested) {
        if (q instanceof Q.Lookup l) {
            return "Q(" + l.path() + "=" + rhs(l.value()) + ")";
        }
        if (q instanceof Q.ExpressionCondition ec) {
            return expr(ec.expression());
        }
        Q.Node n = (Q.Node) q;
        String body;
        if (n.connector() == Q.Connector.AND && isQCall(n)) {
            List<String> parts = new ArrayList<>();
            for (Q c : n.children()) {
                parts.add(c instanceof Q.Lookup l ? l.path() + "=" + rhs(l.value()) : q(c, false));
            }
            body = "Q(" + String.join(", ", parts) + ")";
            return n.negated() ? "~" + body : body;
        }
        List<String> parts = new ArrayList<>();
        for (Q c : n.children()) {
            String s = q(c, true);
            boolean needsParens = c instanceof Q.Node cn && !cn.negated() && cn.connector() != n.connector()
                    && !isQCall(cn);
            parts.add(needsParens ? "(" + s + ")" : s);
        }
        body = String.join(n.connector() == Q.Connector.AND ? " & " : " | ", parts);
        if (n.negated()) {
            return "~(" + body + ")";
        }
        return nested && n.children().size() > 1 ? "(" + body + ")" : body;
    }

    /**
     * An AND node printable as one {@code Q(...)} call, which keeps its exact shape: positional children
     * (nested Q trees, Exists) first, then lookups.
     */
    private static boolean isQCall(Q.Node n) {
        if (n.connector() != Q.Connector.AND) {
            return false;
        }
        boolean seenLookup = false;
        java.util.Set<String> paths = new java.util.HashSet<>();
        for (Q c : n.children()) {
            if (c instanceof Q.Lookup l) {
                if (!paths.add(l.path())) {
                    return false; // Q(a=1, a=2) is a SyntaxError in Python: print Q(a=1) & Q(a=2)
                }
                seenLookup = true;
            } else if (seenLookup) {
                return false; // Q(...) takes positional conditions before keyword lookups
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- expressions

    /** An expression in a place where Django wants expressions (annotate, function arguments). */
    static String expr(Expression e) {
        if (e instanceof Expression.F f) {
            return "F(" + str(f.path()) + ")";
        }
        if (e instanceof Expression.Value v) {
            return "Value(" + literal(v.value()) + (v.outputField() != null ? ", output_field=" + v.outputField()
                    + "()" : "") + ")";
        }
        if (e instanceof Expression.OuterRef o) {
            String s = "OuterRef(" + str(o.path()) + ")";
            for (int i = 1; i < o.levels(); i++) {
                s = "OuterRef(" + s + ")";
            }
            return s;
        }
        if (e instanceof Expression.Param p) {
            return "Param(" + str(p.name()) + (p.optional() ? ", optional=True" : "") + ")";
        }
        if (e instanceof Expression.Combined c) {
            return operand(c.left()) + " " + c.operator() + " " + operand(c.right());
        }
        if (e instanceof Expression.Negated n) {
            return "-" + operand(n.operand());
        }
        if (e instanceof Expression.Func fn) {
            List<String> args = new ArrayList<>();
            for (int i = 0; i < fn.args().size(); i++) {
                Expression a = fn.args().get(i);
                boolean literal = FunctionNames.literalArgument(fn.name(), i);
                args.add(literal ? rhs(a) : funcArg(a));
            }
            fn.options().forEach((k, v) -> args.add(k + "=" + (k.equals("output_field") ? v + "()"
                    : literal(v))));
            return fn.name() + "(" + String.join(", ", args) + ")";
        }
        if (e instanceof Expression.Aggregate a) {
            List<String> args = new ArrayList<>();
            args.add(a.argument() instanceof Expression.Star ? "\"*\"" : funcArg(a.argument()));
            if (a.distinct()) {
                args.add("distinct=True");
            }
            if (a.filter() != null) {
                args.add("filter=" + q(a.filter(), false));
            }
            if (a.defaultValue() != null) {
                args.add("default=" + rhs(a.defaultValue()));
            }
            a.options().forEach((k, v) -> args.add(k + "=" + (k.equals("output_field") ? v + "()" : literal(v))));
            return a.function() + "(" + String.join(", ", args) + ")";
        }
        if (e instanceof Expression.Case c) {
            List<String> args = new ArrayList<>();
            c.whens().forEach(w -> args.add(expr(w)));
            if (c.defaultValue() != null) {
                args.add("default=" + expr(c.defaultValue()));
            }
            if (c.outputField() != null) {
                args.add("output_field=" + c.outputField() + "()");
            }
            return "Case(" + String.join(", ", args) + ")";
        }
        if (e instanceof Expression.When w) {
            String cond = w.condition() instanceof Q.Node n && n.connector() == Q.Connector.AND && !n.negated()
                    && n.children().stream().allMatch(c -> c instanceof Q.Lookup)
                    && n.children().stream().map(c -> ((Q.Lookup) c).path()).distinct().count() == n.children().size()
                    ? String.join(", ", n.children().stream().map(c -> ((Q.Lookup) c).path() + "="
                    + rhs(((Q.Lookup) c).value())).toList())
                    : q(w.condition(), false);
            return "When(" + cond + ", then=" + expr(w.then()) + ")";
        }
        if (e instanceof Expression.Wrapper w) {
            return "ExpressionWrapper(" + expr(w.expression()) + ", output_field=" + w.outputField() + "())";
        }
        if (e instanceof Expression.Subquery s) {
            return "Subquery(" + print(s.query()) + ")";
        }
        if (e instanceof Expression.Exists x) {
            return "Exists(" + print(x.query()) + ")";
        }
        if (e instanceof Expression.QueryValue qv) {
            return print(qv.query());
        }
        if (e instanceof Expression.Evaluated ev) {
            return evaluated(ev);
        }
        if (e instanceof Expression.Condition c) {
            return q(c.q(), false);
        }
        if (e instanceof Expression.Star) {
            return "\"*\"";
        }
        if (e instanceof Expression.OrderBy o) {
            return orderBy(o);
        }
        if (e instanceof Expression.Window w) {
            return window(w);
        }
        throw new IllegalArgumentException("cannot print " + e);
    }

    /** {@code Window(expression=..., partition_by=..., order_by=..., frame=RowRange(start=-1, end=0))}. */
    private static String window(Expression.Window w) {
        List<String> args = new ArrayList<>();
        args.add("expression=" + expr(w.expression()));
        if (!w.partitionBy().isEmpty()) {
            args.add("partition_by=" + windowList(w.partitionBy()));
        }
        if (!w.orderBy().isEmpty()) {
            // Django 3.2 takes a lone order_by only as an expression, a field name or F() only in a list
            Expression only = w.orderBy().size() == 1 ? w.orderBy().get(0) : null;
            args.add("order_by=" + (only != null && !(only instanceof Expression.F)
                    && !(only instanceof Expression.OuterRef) ? expr(only) : "[" + String.join(", ",
                    w.orderBy().stream().map(DjangoPrinter::funcArg).toList()) + "]"));
        }
        if (w.frame() != null) {
            List<String> bounds = new ArrayList<>();
            if (w.frame().start() != null) {
                bounds.add("start=" + w.frame().start());
            }
            if (w.frame().end() != null) {
                bounds.add("end=" + w.frame().end());
            }
            args.add("frame=" + (w.frame().rows() ? "RowRange" : "ValueRange") + "(" + String.join(", ", bounds)
                    + ")");
        }
        return "Window(" + String.join(", ", args) + ")";
    }

    private static String windowList(List<Expression> items) {
        if (items.size() == 1) {
            return funcArg(items.get(0));
        }
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(funcArg(i)));
        return "[" + String.join(", ", out) + "]";
    }

    /** Function and aggregate arguments: a plain field reference prints as its name. */
    private static String funcArg(Expression e) {
        return e instanceof Expression.F f ? str(f.path()) : expr(e);
    }

    private static String operand(Expression e) {
        if (e instanceof Expression.Combined || e instanceof Expression.Negated) {
            return "(" + expr(e) + ")";
        }
        if (e instanceof Expression.Value v && v.outputField() == null && !(v.value() instanceof String)
                && !(v.value() instanceof Expression.Evaluated)) {
            String lit = literal(v.value());
            return lit.startsWith("-") ? "(" + lit + ")" : lit; // -2 ** x would read as -(2 ** x)
        }
        return expr(e);
    }

    /** A lookup's right-hand side: literals print bare. */
    static String rhs(Expression e) {
        if (e instanceof Expression.Value v && v.outputField() == null && !(v.value() instanceof Expression.Evaluated)) {
            return literal(v.value());
        }
        return expr(e);
    }

    static String literal(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Expression.Evaluated ev) {
            return evaluated(ev);
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            return str(s);
        }
        if (v instanceof Long || v instanceof Integer) {
            return v.toString();
        }
        if (v instanceof Double d) {
            String s = d.toString();
            return s.contains("E") ? String.format(java.util.Locale.ROOT, "%.17g", d) : s;
        }
        if (v instanceof BigDecimal b) {
            return "Decimal(" + str(b.toString()) + ")"; // keeps the scale: Decimal("1E+3") stays itself
        }
        if (v instanceof LocalDateTime dt) {
            String s = "datetime(" + dt.getYear() + ", " + dt.getMonthValue() + ", " + dt.getDayOfMonth() + ", "
                    + dt.getHour() + ", " + dt.getMinute() + ", " + dt.getSecond();
            if (dt.getNano() != 0) {
                s += ", " + dt.getNano() / 1000;
            }
            return s + ")";
        }
        if (v instanceof LocalDate d) {
            return "date(" + d.getYear() + ", " + d.getMonthValue() + ", " + d.getDayOfMonth() + ")";
        }
        if (v instanceof LocalTime t) {
            return "time(" + t.getHour() + ", " + t.getMinute() + ", " + t.getSecond()
                    + (t.getNano() != 0 ? ", " + t.getNano() / 1000 : "") + ")";
        }
        if (v instanceof Duration d) {
            return "timedelta(seconds=" + d.getSeconds() + ")";
        }
        if (v instanceof java.util.UUID u) {
            return "UUID(" + str(u.toString()) + ")";
        }
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            for (Object o : l) {
                items.add(o instanceof Expression e ? rhs(e) : literal(o));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (v instanceof Expression e) {
            return rhs(e);
        }
        if (v instanceof Map<?, ?> m) {
            List<String> items = new ArrayList<>();
            m.forEach((k, val) -> items.add(str(String.valueOf(k)) + ": " + literal(val)));
            return "{" + String.join(", ", items) + "}";
        }
        throw new IllegalArgumentException("cannot print literal " + v);
    }

    /** A Python string literal: quotes, backslashes and control characters escaped. */
    public static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c)); // never a raw control byte in code or text
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A terminal evaluated while the query is built: its queryset, then what is taken from the result. */
    public static String evaluated(Expression.Evaluated ev) {
        String qs = print(ev.query());
        Expression.Taken t = ev.taken();
        if (t instanceof Expression.Taken.Key k) {
            return qs + "[" + str(k.key()) + "]";
        }
        if (t instanceof Expression.Taken.Attribute a) {
            return qs + "." + a.name();
        }
        return t instanceof Expression.Taken.AsList ? "list(" + qs + ")" : qs;
    }
}
