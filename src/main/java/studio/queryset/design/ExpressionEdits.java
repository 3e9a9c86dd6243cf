package studio.queryset.design;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;

/**
 * Edits of expression trees addressed by canvas node ids: a root (an annotation {@code sN.n.alias}, or a
 * condition {@code sN.aK.cJ...} / {@code sN.kK}) followed by {@link ExpressionParts} segments
 * ({@code s1.n.score.r}, {@code s0.n.published.filter.c0}, {@code s0.k0.e.l}). {@link QueryEdits} sends
 * ids that reach into an expression here, so conditions inside an aggregate's filter or a When edit like any
 * other condition.
 */
public final class ExpressionEdits {
    private ExpressionEdits() {
    }

    /** A node id split into the id of its root and the expression segments below it. */
    record Address(String root, boolean annotation, String[] rest) { }

    static Address address(String nodeId) {
        String[] seg = QueryEdits.segments(nodeId);
        int step = -1;
        for (int i = seg.length - 1; i >= 0; i--) {
            if (seg[i].matches("s\\d+")) {
                step = i;
                break;
            }
        }
        if (step < 0 || step + 1 >= seg.length) {
            return new Address(nodeId, false, new String[0]);
        }
        int end;
        boolean annotation = seg[step + 1].equals("n");
        if (annotation) {
            end = Math.min(seg.length, step + 3);
        } else {
            end = step + 2;
            while (end < seg.length && seg[end].matches("c\\d+")) {
                end++;
            }
        }
        return new Address(String.join(".", Arrays.copyOf(seg, end)), annotation,
                Arrays.copyOfRange(seg, end, seg.length));
    }

    /** True when the id names a part inside an expression (below an annotation or a condition's value). */
    public static boolean throughExpression(String nodeId) {
        Address a = address(nodeId);
        return a.rest().length > 0 && !a.rest()[0].equals("v") && !a.rest()[0].matches("s\\d+|src");
    }

    /** Replaces the part (Expression or Q) at {@code nodeId} by {@code edit} of it. */
    public static QuerySet update(QuerySet qs, String nodeId, UnaryOperator<Object> edit) {
        Address a = address(nodeId);
        if (a.annotation()) {
            return QueryEdits.updateExpression(qs, a.root(),
                    e -> (Expression) ExpressionParts.editAt(e, a.rest(), 0, edit));
        }
        if (a.rest().length == 0) {
            return QueryEdits.updateCondition(qs, a.root(), q -> asQ(edit.apply(q)));
        }
        return QueryEdits.updateCondition(qs, a.root(), q -> (Q) ExpressionParts.editAt(q, a.rest(), 0, edit));
    }

    /** Removes the part at {@code nodeId} (a function argument, a When, a filter, a Q child inside them). */
    public static QuerySet remove(QuerySet qs, String nodeId) {
        Address a = address(nodeId);
        String[] parent = Arrays.copyOf(a.rest(), a.rest().length - 1);
        String last = a.rest()[a.rest().length - 1];
        String parentId = a.root() + (parent.length == 0 ? "" : "." + String.join(".", parent));
        return update(qs, parentId, p -> ExpressionParts.with(p, last, null));
    }

    /** Replaces the expression at {@code nodeId}; a lookup node gets it as its value. */
    public static QuerySet replace(QuerySet qs, String nodeId, Expression e) {
        return update(qs, nodeId, old -> {
            if (old instanceof Q.Lookup l) {
                return new Q.Lookup(l.path(), e);
            }
            if (old instanceof Q.ExpressionCondition) {
                return new Q.ExpressionCondition(e);
            }
            if (old instanceof Q) {
                throw new QueryException("TypeError", "a condition is not an expression: select an expression, "
                        + "a lookup or an annotate stage");
            }
            return e;
        });
    }

    /** The part (Expression or Q) the node shows, or null when the id names none. */
    public static Object partAt(QuerySet qs, String nodeId) {
        Object[] found = new Object[1];
        try {
            update(qs, nodeId, p -> {
                found[0] = p;
                return p;
            });
        } catch (RuntimeException e) {
            return null;
        }
        return found[0] instanceof Q.ExpressionCondition ec ? ec.expression() : found[0];
    }

    /** Adds {@code alias=e} to an annotate / alias / aggregate step. */
    public static QuerySet addNamed(QuerySet qs, String stepId, String alias, Expression e) {
        checkAlias(alias);
        return QueryEdits.updateStep(qs, stepId, s -> {
            Map<String, Expression> named = new LinkedHashMap<>(named(s));
            if (named.containsKey(alias)) {
                throw new QueryException("ValueError", "the name '" + alias + "' is already used in " + s.method()
                        + "(): pick another");
            }
            named.put(alias, e);
            return withNamed(s, named);
        });
    }

    /** Renames an annotation in place (its position among the others stays). */
    public static QuerySet rename(QuerySet qs, String stepId, String alias, String newAlias) {
        checkAlias(newAlias);
        return QueryEdits.updateStep(qs, stepId, s -> {
            Map<String, Expression> old = named(s);
            if (!old.containsKey(alias)) {
                throw new QueryException("IndexError", s.method() + "() has no '" + alias + "'");
            }
            if (!alias.equals(newAlias) && old.containsKey(newAlias)) {
                throw new QueryException("ValueError", "the name '" + newAlias + "' is already used in "
                        + s.method() + "()");
            }
            Map<String, Expression> named = new LinkedHashMap<>();
            old.forEach((k, v) -> named.put(k.equals(alias) ? newAlias : k, v));
            return withNamed(s, named);
        });
    }

    /** A name for a new annotation: {@code base}, else base2, base3... */
    public static String freshAlias(Step s, String base) {
        Map<String, Expression> named = named(s);
        String name = base;
        for (int i = 2; named.containsKey(name); i++) {
            name = base + i;
        }
        return name;
    }

    public static boolean holdsNamed(Step s) {
        return s instanceof Step.Annotate || s instanceof Step.Aggregate;
    }

    private static Map<String, Expression> named(Step s) {
        if (s instanceof Step.Annotate a) {
            return a.named();
        }
        if (s instanceof Step.Aggregate a) {
            return a.named();
        }
        throw new QueryException("TypeError", "expressions go into annotate(), alias() or aggregate(), not "
                + s.method() + "()");
    }

    private static Step withNamed(Step s, Map<String, Expression> named) {
        if (s instanceof Step.Annotate a) {
            return new Step.Annotate(a.positional(), named, a.alias());
        }
        return new Step.Aggregate(((Step.Aggregate) s).positional(), named);
    }

    private static void checkAlias(String alias) {
        if (alias == null || !alias.matches("[A-Za-z_][A-Za-z0-9_]*") || alias.contains("__")) {
            throw new QueryException("ValueError", "'" + alias + "' is not a valid annotation name: use letters, "
                    + "digits and single underscores, starting with a letter");
        }
    }

    private static Q asQ(Object v) {
        if (v instanceof Q q) {
            return q;
        }
        return new Q.ExpressionCondition((Expression) v);
    }

    // ---------------------------------------------------------------- text

    /** The Django text of an expression ({@code F("a") + 1}). */
    public static String print(Expression e) {
        return DjangoPrinter.print(new QuerySet("M", List.of(new Step.Annotate(List.of(), Map.of("x", e), false))))
                .replaceFirst("^M\\.objects\\.annotate\\(x=", "").replaceFirst("\\)$", "");
    }

    /** The text of a value as a keyword argument shows it: {@code 0}, {@code "x"}, {@code F("a") * 2}. */
    public static String printValue(Expression e) {
        return DjangoPrinter.print(new QuerySet("M", List.of(new Step.Filter(List.of(), List.of(new Q.Lookup("x", e)),
                false)))).replaceFirst("^M\\.objects\\.filter\\(x=", "").replaceFirst("\\)$", "");
    }

    /** An expression from its Django text, resolved against {@code model} ({@code F("a") * 2}, {@code Lower("t")}). */
    public static Expression parse(String text, Schema schema, String model) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new QueryException("SyntaxError", "write an expression, e.g. F(\"view_count\") * 2 or Lower(\"title\")");
        }
        QuerySet qs = DjangoParser.parse(model + ".objects.annotate(x=" + t + ")", schema);
        Step.Annotate a = (Step.Annotate) qs.steps().get(0);
        Expression e = a.named().get("x");
        if (e == null) {
            throw new QueryException("SyntaxError", "not one expression: " + t);
        }
        return e;
    }
}
