package studio.queryset.query;

import java.util.List;
import java.util.Map;

/**
 * A value computed by the database: a column reference, a literal, arithmetic, a function, an aggregate,
 * a subquery. Immutable; equal when structurally equal, so parsed and printed queries compare by value.
 */
public sealed interface Expression {

    /** {@code F("author__name")}: a field reached through a lookup path. */
    record F(String path) implements Expression { }

    /**
     * {@code OuterRef("pk")}: a field of the query {@code levels} levels out (nested OuterRef adds levels).
     */
    record OuterRef(String path, int levels) implements Expression { }

    /** A literal bound as a parameter: null, Boolean, Long, Double, BigDecimal, String, dates, lists. */
    record Value(Object value, String outputField) implements Expression {
        public static Value of(Object value) {
            return new Value(value, null);
        }
    }

    /**
     * A named parameter filled in when the query runs ({@code Param("query")}). An optional one
     * ({@code Param("author", optional=True)}) drops the lookup holding it when no value is given, like
     * {@code if author: filters &= Q(author=author)}.
     */
    record Param(String name, boolean optional) implements Expression {
        public static Param of(String name) {
            return new Param(name, false);
        }
    }

    /** Arithmetic: {@code + - * / % **}. */
    record Combined(Expression left, String operator, Expression right) implements Expression { }

    /** Unary minus on an expression ({@code -F("x")}). */
    record Negated(Expression operand) implements Expression { }

    /**
     * A database function from {@code django.db.models.functions} (Lower, Coalesce, Cast, Extract, ...).
     * {@code options} holds non-expression keyword arguments such as {@code output_field} or {@code kind}.
     */
    record Func(String name, List<Expression> args, Map<String, Object> options) implements Expression {
        public Func {
            args = List.copyOf(args);
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }

        public Object option(String key) {
            return options.get(key);
        }
    }

    /** Count, Sum, Avg, Max, Min, StdDev, Variance; {@code argument} is {@link Star} for {@code Count("*")}. */
    record Aggregate(String function, Expression argument, boolean distinct, Q filter, Expression defaultValue,
                     Map<String, Object> options) implements Expression {
        public Aggregate {
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }
    }

    /** The {@code "*"} of {@code Count("*")}. */
    record Star() implements Expression { }

    /** {@code When(condition, then=...)}. */
    record When(Q condition, Expression then) implements Expression { }

    /** {@code Case(When(...), ..., default=..., output_field=...)}. */
    record Case(List<When> whens, Expression defaultValue, String outputField) implements Expression {
        public Case {
            whens = List.copyOf(whens);
        }
    }

    /** {@code ExpressionWrapper(expr, output_field=...)}. */
    record Wrapper(Expression expression, String outputField) implements Expression { }

    /** {@code Subquery(qs)}: the single column of a queryset used as a value. */
    record Subquery(QuerySet query) implements Expression { }

    /** {@code Exists(qs)}. */
    record Exists(QuerySet query) implements Expression { }

    /** A queryset passed directly as a value, as in {@code id__in=Post.objects.values("id")}. */
    record QueryValue(QuerySet query) implements Expression { }

    /** A Q used where an expression is expected (the condition of a boolean annotation). */
    record Condition(Q q) implements Expression { }

    /**
     * An ordering: {@code "-title"} (from text, {@code fromText}), {@code F("x").desc(nulls_last=True)}, or
     * {@code "?"} (random, when {@code expression} is null).
     */
    record OrderBy(Expression expression, boolean descending, Boolean nullsFirst, Boolean nullsLast,
                   boolean fromText) implements Expression {
        public static OrderBy random() {
            return new OrderBy(null, false, null, null, true);
        }

        public boolean isRandom() {
            return expression == null;
        }
    }
}
