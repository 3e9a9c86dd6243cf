package studio.queryset.query;

import java.util.List;
import java.util.Map;

/**
 * A value computed by the database: a column reference, a literal, arithmetic, a function, an aggregate,
 * a subquery. Immutable; equal when structurally equal, so parsed and printed queries compare by value.
 */
public sealed interface Expression {

    /**
     * The direct sub-expressions of the same query, in order (Django's {@code get_source_expressions}); the
     * expressions inside a condition are reached through {@link #conditions()}, a nested queryset through
     * {@link #nestedQuery()}. {@link ExpressionWalk} walks them.
     */
    default List<Expression> children() {
        return List.of();
    }

    /** The conditions directly under this expression: When's, an aggregate's {@code filter=}, a Q used as value. */
    default List<Q> conditions() {
        return List.of();
    }

    /** The queryset of a Subquery, Exists or queryset value: a query of its own, not a child. */
    default QuerySet nestedQuery() {
        return null;
    }

    /** {@code F("author__name")}: a field reached through a lookup path. */
    record F(String path) implements Expression { }

    /**
     * {@code OuterRef("pk")}: a field of the query {@code levels} levels out (nested OuterRef adds levels).
     */
    record OuterRef(String path, int levels) implements Expression { }

    /**
     * A literal bound as a parameter: null, Boolean, Long, Double, BigDecimal, String, dates, lists; or, in
     * {@code Value(Order.objects.count())}, the {@link Evaluated} terminal whose result it will be.
     */
    record Value(Object value, String outputField) implements Expression {
        @Override
        public List<Expression> children() {
            if (value instanceof Evaluated ev) {
                return List.of(ev);
            }
            return value instanceof List<?> items
                    ? items.stream().filter(Expression.class::isInstance).map(Expression.class::cast).toList()
                    : List.of();
        }

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
    record Combined(Expression left, String operator, Expression right) implements Expression {
        @Override
        public List<Expression> children() {
            return List.of(left, right);
        }
    }

    /** Unary minus on an expression ({@code -F("x")}). */
    record Negated(Expression operand) implements Expression {
        @Override
        public List<Expression> children() {
            return List.of(operand);
        }
    }

    /**
     * A database function from {@code django.db.models.functions} (Lower, Coalesce, Cast, Extract, ...).
     * {@code options} holds non-expression keyword arguments such as {@code output_field} or {@code kind}.
     */
    record Func(String name, List<Expression> args, Map<String, Object> options) implements Expression {
        @Override
        public List<Expression> children() {
            return args;
        }

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
        @Override
        public List<Expression> children() {
            return present(argument, defaultValue);
        }

        @Override
        public List<Q> conditions() {
            return filter == null ? List.of() : List.of(filter);
        }

        public Aggregate {
            options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        }
    }

    /** The {@code "*"} of {@code Count("*")}. */
    record Star() implements Expression { }

    /** {@code When(condition, then=...)}. */
    record When(Q condition, Expression then) implements Expression {
        @Override
        public List<Expression> children() {
            return List.of(then);
        }

        @Override
        public List<Q> conditions() {
            return List.of(condition);
        }
    }

    /** {@code Case(When(...), ..., default=..., output_field=...)}. */
    record Case(List<When> whens, Expression defaultValue, String outputField) implements Expression {
        @Override
        public List<Expression> children() {
            List<Expression> out = new java.util.ArrayList<>(whens);
            if (defaultValue != null) {
                out.add(defaultValue);
            }
            return out;
        }

        public Case {
            whens = List.copyOf(whens);
        }
    }

    /** {@code ExpressionWrapper(expr, output_field=...)}. */
    record Wrapper(Expression expression, String outputField) implements Expression {
        @Override
        public List<Expression> children() {
            return List.of(expression);
        }
    }

    /** {@code Subquery(qs)}: the single column of a queryset used as a value. */
    record Subquery(QuerySet query) implements Expression {
        @Override
        public QuerySet nestedQuery() {
            return query;
        }
    }

    /** {@code Exists(qs)}. */
    record Exists(QuerySet query) implements Expression {
        @Override
        public QuerySet nestedQuery() {
            return query;
        }
    }

    /** A queryset passed directly as a value, as in {@code id__in=Post.objects.values("id")}. */
    record QueryValue(QuerySet query) implements Expression {
        @Override
        public QuerySet nestedQuery() {
            return query;
        }
    }

    /**
     * A terminal of another queryset used as a value, as in {@code filter(id__gt=Order.objects.count())}: Python runs
     * it at once, while this query is being built, and what {@code taken} picks from its result is bound as a literal
     * in its place would be. {@code query} ends in its terminal (count(), aggregate(), get(), first(), [0], ...),
     * or, for {@code list(qs)}, is the queryset listed. A query of its own: it runs before this one.
     */
    record Evaluated(QuerySet query, Taken taken) implements Expression {
        @Override
        public QuerySet nestedQuery() {
            return query;
        }
    }

    /** What an {@link Evaluated} takes from the result of its query. */
    sealed interface Taken {
        /** The result itself; a model instance stands for its primary key, as in {@code customer=...get(pk=1)}. */
        record Whole() implements Taken { }

        /** {@code ["a"]}: a key of the dict aggregate() returns. */
        record Key(String key) implements Taken { }

        /** {@code .name}: an attribute of the instance get(), first(), latest(), ... returns. */
        record Attribute(String name) implements Taken { }

        /** {@code list(qs)}: every row of the queryset, in a list. */
        record AsList() implements Taken { }
    }

    /** A Q used where an expression is expected (the condition of a boolean annotation). */
    record Condition(Q q) implements Expression {
        @Override
        public List<Q> conditions() {
            return List.of(q);
        }
    }

    /**
     * An ordering: {@code "-title"} (from text, {@code fromText}), {@code F("x").desc(nulls_last=True)}, or
     * {@code "?"} (random, when {@code expression} is null).
     */
    record OrderBy(Expression expression, boolean descending, Boolean nullsFirst, Boolean nullsLast,
                   boolean fromText) implements Expression {
        @Override
        public List<Expression> children() {
            return present(expression);
        }

        public static OrderBy random() {
            return new OrderBy(null, false, null, null, true);
        }

        public boolean isRandom() {
            return expression == null;
        }
    }

    /**
     * {@code Window(expression, partition_by=..., order_by=..., frame=RowRange(start, end))}: {@code expression}
     * (a window function such as RowNumber(), or an aggregate) computed over the rows of its partition. Like
     * Django's, it never makes the query group, nor is it grouped by, and a filter may not use it.
     */
    record Window(Expression expression, List<Expression> partitionBy, List<Expression> orderBy, Frame frame)
            implements Expression {
        public Window {
            partitionBy = List.copyOf(partitionBy);
            orderBy = List.copyOf(orderBy);
        }

        @Override
        public List<Expression> children() {
            List<Expression> out = new java.util.ArrayList<>();
            out.add(expression);
            out.addAll(partitionBy);
            out.addAll(orderBy);
            return out;
        }
    }

    /**
     * A window's frame: {@code RowRange} ({@code rows}) or {@code ValueRange}; a bound is null for UNBOUNDED,
     * 0 for CURRENT ROW, negative for PRECEDING (start) and positive for FOLLOWING (end).
     */
    record Frame(boolean rows, Long start, Long end) { }

    private static List<Expression> present(Expression... parts) {
        List<Expression> out = new java.util.ArrayList<>();
        for (Expression e : parts) {
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }
}
