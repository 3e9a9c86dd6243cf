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
