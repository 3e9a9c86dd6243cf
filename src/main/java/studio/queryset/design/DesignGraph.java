package studio.queryset.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.Expression;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;

/**
 * The canvas view of a QuerySet: the pipeline of steps left to right, each step's conditions and expressions
 * hanging below it as trees. Edges run from parent to child. Pure function of the query model.
 */
public final class DesignGraph {
    private final Map<String, DesignNode> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();
    /** Query-model object (by identity: equal lookups written twice are two nodes) → the node showing it. */
    private final Map<Object, String> partIds = new java.util.IdentityHashMap<>();

    /** A parent-to-child link; {@code pipeline} edges chain the steps, the others hang parts under a step. */
    public record Edge(String from, String to, boolean pipeline) { }

    private DesignGraph() {
    }

    public static DesignGraph of(QuerySet qs) {
        DesignGraph g = new DesignGraph();
        g.pipeline(qs, "");
        return g.freeze();
    }

    private DesignGraph freeze() {
        Map<String, DesignNode> done = new LinkedHashMap<>();
        for (DesignNode n : nodes.values()) {
            done.put(n.id(), new DesignNode(n.id(), n.kind(), n.label(), n.text(), n.parent(),
                    children.getOrDefault(n.id(), List.of())));
        }
        nodes.clear();
        nodes.putAll(done);
        return this;
    }

    public List<DesignNode> nodes() {
        return List.copyOf(nodes.values());
    }

    public DesignNode node(String id) {
        return nodes.get(id);
    }

    /**
     * The node showing this very object of the query model (a Step, Q, Expression or Prefetch of the QuerySet
     * the graph was made from), or null. Matched by identity, which is how compiled SQL spans name their parts.
     */
    public String idOfPart(Object part) {
        return part == null ? null : partIds.get(part);
    }

    public List<Edge> edges() {
        List<Edge> out = new ArrayList<>();
        for (DesignNode n : nodes.values()) {
            if (n.parent() != null) {
                boolean pipe = (n.kind() == NodeKind.STAGE || n.kind() == NodeKind.TERMINAL)
                        && (nodes.get(n.parent()).kind() == NodeKind.SOURCE
                        || nodes.get(n.parent()).kind() == NodeKind.STAGE);
                out.add(new Edge(n.parent(), n.id(), pipe));
            }
        }
        return out;
    }

    private void add(String id, NodeKind kind, String label, String text, String parent) {
        nodes.put(id, new DesignNode(id, kind, label, text, parent, List.of()));
        if (parent != null) {
            children.computeIfAbsent(parent, k -> new ArrayList<>()).add(id);
        }
    }

    /** A pipeline; {@code prefix} is "" for the main one, the id of the frame holding a nested one otherwise. */
    private void pipeline(QuerySet qs, String prefix) {
        String source = prefix.isEmpty() ? "src" : prefix + ".src";
        add(source, NodeKind.SOURCE, qs.model() + ".objects", qs.model() + ".objects", prefix.isEmpty() ? null
                : prefix);
        partIds.putIfAbsent(qs, source);
        String previous = source;
        for (int i = 0; i < qs.steps().size(); i++) {
            Step step = qs.steps().get(i);
            String id = (prefix.isEmpty() ? "" : prefix + ".") + "s" + i;
            add(id, step.terminal() ? NodeKind.TERMINAL : NodeKind.STAGE, step.method(),
                    stepText(qs, i), previous);
            partIds.put(step, id);
            parts(step, id);
            previous = id;
        }
    }

    private static String stepText(QuerySet qs, int i) {
        String whole = DjangoPrinter.print(new QuerySet(qs.model(), qs.steps().subList(0, i + 1)));
        String before = DjangoPrinter.print(new QuerySet(qs.model(), qs.steps().subList(0, i)));
        if (i == 0) {
            before = qs.model() + ".objects";
        }
        return whole.startsWith(before) ? whole.substring(before.length()) : whole;
    }

    private void parts(Step step, String id) {
        if (step instanceof Step.Filter f) {
            for (int k = 0; k < f.args().size(); k++) {
                q(f.args().get(k), id + ".a" + k, id);
            }
            for (int k = 0; k < f.kwargs().size(); k++) {
                q(f.kwargs().get(k), id + ".k" + k, id);
            }
        } else if (step instanceof Step.Annotate a) {
            for (int k = 0; k < a.positional().size(); k++) {
                expression(a.positional().get(k), id + ".p" + k, id, null);
            }
            a.named().forEach((alias, e) -> expression(e, id + ".n." + alias, id, alias));
        } else if (step instanceof Step.Aggregate a) {
            for (int k = 0; k < a.positional().size(); k++) {
                expression(a.positional().get(k), id + ".p" + k, id, null);
            }
            a.named().forEach((alias, e) -> expression(e, id + ".n." + alias, id, alias));
        } else if (step instanceof Step.PrefetchRelated p) {
            for (int k = 0; k < p.lookups().size(); k++) {
                Prefetch pf = p.lookups().get(k);
                String pid = id + ".f" + k;
                partIds.put(pf, pid);
                add(pid, NodeKind.PREFETCH, pf.lookup() + (pf.toAttr() != null ? " → " + pf.toAttr() : ""),
                        pf.plain() ? "\"" + pf.lookup() + "\"" : "Prefetch(\"" + pf.lookup() + "\", ...)", id);
                if (pf.queryset() != null) {
                    pipeline(pf.queryset(), pid);
                }
            }
        } else if (step instanceof Step.Update u) {
            u.values().forEach((field, e) -> expression(e, id + ".n." + field, id, field));
        } else if (step instanceof Step.Terminal t && t.condition() != null) {
            parts(t.condition(), id);
        } else if (step instanceof Step.Combine c) {
            for (int k = 0; k < c.others().size(); k++) {
                String frame = id + ".o" + k;
                add(frame, NodeKind.SUBQUERY, c.method() + " part", DjangoPrinter.print(c.others().get(k)), id);
                pipeline(c.others().get(k), frame);
            }
        }
    }

    private void q(Q q, String id, String parent) {
        partIds.putIfAbsent(q, id);
        if (q instanceof Q.Lookup l) {
            add(id, NodeKind.LOOKUP, l.path(), l.path() + "=" + printValue(l.value()), parent);
            nested(l.value(), id);
            if (!ExpressionParts.simple(l.value()) && !(l.value() instanceof Expression.QueryValue)
                    && !(l.value() instanceof Expression.Subquery)) {
                // an expression value (F("a") * 2, Lower(...)) gets a node to edit it on
                add(id + ".e", NodeKind.EXPRESSION, "value · " + ExpressionHelp.kindName(l.value()),
                        printExpression(l.value()), id);
                expressionParts(l.value(), id + ".e");
            }
            return;
        }
        if (q instanceof Q.ExpressionCondition ec) {
            expression(ec.expression(), id, parent, null);
            return;
        }
        Q.Node n = (Q.Node) q;
        String label = (n.negated() ? "NOT " : "") + (n.connector() == Q.Connector.AND ? "AND" : "OR");
        add(id, NodeKind.Q_GROUP, label, printQ(n), parent);
        for (int k = 0; k < n.children().size(); k++) {
            q(n.children().get(k), id + ".c" + k, id);
        }
    }

    private void expression(Expression e, String id, String parent, String alias) {
        partIds.putIfAbsent(e, id);
        String text = printExpression(e);
        String label = alias != null ? alias : text;
        if (e instanceof Expression.Subquery s) {
            add(id, NodeKind.SUBQUERY, (alias != null ? alias + " = " : "") + "Subquery", text, parent);
            pipeline(s.query(), id);
        } else if (e instanceof Expression.Exists x) {
            add(id, NodeKind.SUBQUERY, (alias != null ? alias + " = " : "") + "Exists", text, parent);
            pipeline(x.query(), id);
        } else {
            add(id, NodeKind.EXPRESSION, label, text, parent);
            expressionParts(e, id);
        }
    }

    /** The parts of an expression that are nodes of their own (see {@link ExpressionParts}). */
    private void expressionParts(Expression e, String id) {
        for (ExpressionParts.Part p : ExpressionParts.parts(e)) {
            String pid = id + "." + p.segment();
            if (p.value() instanceof Q q) {
                q(q, pid, id);
            } else {
                Expression sub = (Expression) p.value();
                add(pid, NodeKind.EXPRESSION, p.role() + " · " + ExpressionHelp.kindName(sub), printExpression(sub),
                        id);
                expressionParts(sub, pid);
            }
        }
    }

    /** Querysets used as lookup values ({@code id__in=...}) become frames under the lookup. */
    private void nested(Expression value, String id) {
        if (value instanceof Expression.QueryValue qv) {
            add(id + ".v", NodeKind.SUBQUERY, "queryset", DjangoPrinter.print(qv.query()), id);
            pipeline(qv.query(), id + ".v");
        } else if (value instanceof Expression.Subquery s) {
            add(id + ".v", NodeKind.SUBQUERY, "Subquery", printExpression(s), id);
            pipeline(s.query(), id + ".v");
        }
    }

    private static String printValue(Expression e) {
        return ExpressionEdits.printValue(e);
    }

    private static String printQ(Q q) {
        return DjangoPrinter.print(new QuerySet("M", List.of(new Step.Filter(List.of(q), List.of(), false))))
                .replaceFirst("^M\\.objects\\.filter\\(", "").replaceFirst("\\)$", "");
    }

    private static String printExpression(Expression e) {
        return ExpressionEdits.print(e);
    }
}
