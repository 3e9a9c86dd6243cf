package studio.queryset.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;

/**
 * Static factories mirroring {@code django.db.models}: {@code f("view_count")}, {@code count("posts")},
 * {@code subquery(...)}, {@code outerRef("pk")}... Import them statically:
 * {@code import static studio.queryset.api.Exprs.*;}.
 */
public final class Exprs {
    private Exprs() {
    }

    /** {@code F("path")}. */
    public static Expression f(String path) {
        return new Expression.F(path);
    }

    /** {@code Value(v)}: a literal bound as a parameter. */
    public static Expression value(Object v) {
        return Expression.Value.of(v);
    }

    /** {@code Param("name")}: a value given when the query runs. */
    public static Expression param(String name) {
        return Expression.Param.of(name);
    }

    /** {@code Param("name", optional=True)}: its condition is left out when the value is null. */
    public static Expression optionalParam(String name) {
        return new Expression.Param(name, true);
    }

    public static Expression outerRef(String path) {
        return new Expression.OuterRef(path, 1);
    }

    public static Expression add(Expression a, Object b) {
        return new Expression.Combined(a, "+", asExpression(b));
    }

    public static Expression sub(Expression a, Object b) {
        return new Expression.Combined(a, "-", asExpression(b));
    }

    public static Expression mul(Expression a, Object b) {
        return new Expression.Combined(a, "*", asExpression(b));
    }

    public static Expression div(Expression a, Object b) {
        return new Expression.Combined(a, "/", asExpression(b));
    }

    public static Expression count(String path) {
        return aggregate("Count", path.equals("*") ? new Expression.Star() : f(path), false, null);
    }

    public static Expression count(String path, boolean distinct) {
        return aggregate("Count", f(path), distinct, null);
    }

    /** {@code Count(path, filter=Q(...))}: conditional aggregation. */
    public static Expression count(String path, Q filter) {
        return aggregate("Count", f(path), false, filter);
    }

    public static Expression sum(String path) {
        return aggregate("Sum", f(path), false, null);
    }

    public static Expression avg(String path) {
        return aggregate("Avg", f(path), false, null);
    }

    public static Expression max(String path) {
        return aggregate("Max", f(path), false, null);
    }

    public static Expression min(String path) {
        return aggregate("Min", f(path), false, null);
    }

    public static Expression aggregate(String function, Expression argument, boolean distinct, Q filter) {
        return new Expression.Aggregate(function, argument, distinct, filter, null, Map.of());
    }

    /** Any function of {@code django.db.models.functions}: {@code func("Lower", f("title"))}. */
    public static Expression func(String name, Expression... args) {
        return new Expression.Func(name, Arrays.asList(args), Map.of());
    }

    public static Expression lower(String path) {
        return func("Lower", f(path));
    }

    public static Expression upper(String path) {
        return func("Upper", f(path));
    }

    public static Expression coalesce(Expression... args) {
        return func("Coalesce", args);
    }

    public static Expression subquery(QuerySet qs) {
        return new Expression.Subquery(qs.query());
    }

    public static Expression exists(QuerySet qs) {
        return new Expression.Exists(qs.query());
    }

    public static Expression.When when(Q condition, Object then) {
        return new Expression.When(condition, asExpression(then));
    }

    public static Expression caseOf(Object defaultValue, Expression.When... whens) {
        return new Expression.Case(List.of(whens), defaultValue == null ? null : asExpression(defaultValue), null);
    }

    /** {@code Value(v, output_field=CharField())}: {@code outputField} is the field class's name. */
    public static Expression value(Object v, String outputField) {
        Object plain = asExpression(v) instanceof Expression.Value x ? x.value() : v;
        return new Expression.Value(plain, outputField);
    }

    /** {@code OuterRef(OuterRef("pk"))} for {@code levels} 2: a column of the query that many levels out. */
    public static Expression outerRef(String path, int levels) {
        return new Expression.OuterRef(path, levels);
    }

    /** Any arithmetic Django combines ({@code +, -, *, /, %, ^} and the bitwise ones): {@code F(a) op b}. */
    public static Expression combine(Object a, String operator, Object b) {
        return new Expression.Combined(asExpression(a), operator, asExpression(b));
    }

    /** {@code -F("x")}. */
    public static Expression neg(Expression operand) {
        return new Expression.Negated(operand);
    }

    /**
     * A function with keyword options ({@code output_field}, {@code kind}...): {@code func("Cast",
     * Map.of("output_field", "FloatField"), f("x"))}. Arguments may be expressions or plain values.
     */
    public static Expression func(String name, Map<String, Object> options, Object... args) {
        List<Expression> list = new java.util.ArrayList<>();
        for (Object a : args) {
            list.add(asExpression(a));
        }
        return new Expression.Func(name, list, options);
    }

    /** An aggregate with every option Django's have: distinct, {@code filter=}, {@code default=} and the rest. */
    public static Expression aggregate(String function, Expression argument, boolean distinct, Q filter,
                                       Object defaultValue, Map<String, Object> options) {
        return new Expression.Aggregate(function, argument, distinct, filter,
                defaultValue == null ? null : asExpression(defaultValue), options);
    }

    /** {@code Count("*")}'s argument. */
    public static Expression star() {
        return new Expression.Star();
    }

    /** {@code Case(When(...), ..., default=..., output_field=...)}; default and outputField may be null. */
    public static Expression caseOf(Object defaultValue, String outputField, Expression.When... whens) {
        return new Expression.Case(List.of(whens), defaultValue == null ? null : asExpression(defaultValue),
                outputField);
    }

    /** {@code When(Exists(...), then=...)} and other conditions that are expressions. */
    public static Expression.When when(Expression condition, Object then) {
        return new Expression.When(new Q.ExpressionCondition(condition), asExpression(then));
    }

    /** {@code ExpressionWrapper(expr, output_field=FloatField())}. */
    public static Expression wrapper(Expression expression, String outputField) {
        return new Expression.Wrapper(expression, outputField);
    }

    /**
     * {@code Window(expression, partition_by=..., order_by=..., frame=...)}: a window function
     * ({@code func("RowNumber")}) or an aggregate over the rows of its partition; {@code frame} may be null.
     */
    public static Expression window(Expression expression, List<Expression> partitionBy, List<Expression> orderBy,
                                    Expression.Frame frame) {
        return new Expression.Window(expression, partitionBy, orderBy, frame);
    }

    /** The partition or ordering list of a {@link #window}. */
    public static List<Expression> over(Expression... items) {
        return List.of(items);
    }

    /** {@code RowRange(start, end)}: null is UNBOUNDED, 0 CURRENT ROW, -n n PRECEDING, n n FOLLOWING. */
    public static Expression.Frame rows(Long start, Long end) {
        return new Expression.Frame(true, start, end);
    }

    /** {@code ValueRange(start, end)}, bounds as {@link #rows}. */
    public static Expression.Frame range(Long start, Long end) {
        return new Expression.Frame(false, start, end);
    }

    /** A condition as a value: {@code annotate(popular=Q(view_count__gt=500))}. */
    public static Expression condition(Q q) {
        return new Expression.Condition(q);
    }

    /** A condition that is an expression: {@code filter(Exists(...))}, a boolean annotation's F. */
    public static Q where(Expression booleanExpression) {
        return new Q.ExpressionCondition(booleanExpression);
    }

    /** {@code Q(a) & Q(b) & ...}, combined as Django's {@code &} combines. */
    public static Q and(Q... conditions) {
        return new Q.Node(Q.Connector.AND, false, List.of(conditions));
    }

    /** {@code Q(a) | Q(b) | ...}. */
    public static Q or(Q... conditions) {
        return new Q.Node(Q.Connector.OR, false, List.of(conditions));
    }

    /** {@code ~Q(...)}. */
    public static Q not(Q condition) {
        return condition.negate();
    }

    /** {@code F("x").asc()} / {@code .desc()} with {@code nulls_first} / {@code nulls_last} (null: not given). */
    public static Expression.OrderBy asc(Expression e, Boolean nullsFirst, Boolean nullsLast) {
        return new Expression.OrderBy(e, false, nullsFirst, nullsLast, false);
    }

    public static Expression.OrderBy desc(Expression e, Boolean nullsFirst, Boolean nullsLast) {
        return new Expression.OrderBy(e, true, nullsFirst, nullsLast, false);
    }

    /** A dict value ({@code preferences={"newsletter": True}}) with its keys in the order given. */
    public static Map<String, Object> map(Object... keyThenValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyThenValue.length; i += 2) {
            m.put((String) keyThenValue[i], keyThenValue[i + 1]);
        }
        return m;
    }

    /** {@code Prefetch(lookup, queryset=qs, to_attr=toAttr)}; qs and toAttr may be null. */
    public static Prefetch prefetch(String lookup, QuerySet qs, String toAttr) {
        return new Prefetch(lookup, qs == null ? null : qs.query(), toAttr, false);
    }

    /** {@code Q(path=value)}. */
    public static Q q(String path, Object value) {
        return Q.of(path, asExpression(value));
    }

    static Expression asExpression(Object o) {
        if (o instanceof Expression e) {
            return e;
        }
        if (o instanceof QuerySet qs) {
            return new Expression.QueryValue(qs.query());
        }
        if (o instanceof Integer i) {
            return Expression.Value.of(i.longValue());
        }
        if (o instanceof Float fl) {
            return Expression.Value.of(fl.doubleValue());
        }
        if (o instanceof Object[] arr) {
            return Expression.Value.of(Arrays.asList(arr));
        }
        if (o instanceof java.util.Collection<?> c && !(o instanceof List<?>)) {
            return Expression.Value.of(List.copyOf(c));
        }
        return Expression.Value.of(o);
    }

    static Map<String, Expression> named(Object... aliasAndExpression) {
        if (aliasAndExpression.length % 2 != 0) {
            throw new IllegalArgumentException("give alias, expression pairs");
        }
        Map<String, Expression> m = new LinkedHashMap<>();
        for (int i = 0; i < aliasAndExpression.length; i += 2) {
            m.put((String) aliasAndExpression[i], asExpression(aliasAndExpression[i + 1]));
        }
        return m;
    }
}
