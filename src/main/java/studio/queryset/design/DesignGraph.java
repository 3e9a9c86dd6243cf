package studio.queryset.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.design.edit.ExpressionText;
import studio.queryset.design.edit.NodeParts;
import studio.queryset.query.NodePath;
import studio.queryset.query.Segment;
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
    /** Source node id → the model its pipeline queries. */
    private final Map<String, String> models = new LinkedHashMap<>();

    /** A parent-to-child link; {@code pipeline} edges chain the steps, the others hang parts under a step. */
    public record Edge(String from, String to, boolean pipeline) { }

    private DesignGraph() {
    }

    public static DesignGraph of(QuerySet qs) {
        DesignGraph g = new DesignGraph();
        g.pipeline(qs, null);
        return g.freeze();
    }

    private DesignGraph freeze() {
        Map<String, DesignNode> done = new LinkedHashMap<>();
        for (DesignNode n : nodes.values()) {
            done.put(n.id(), new DesignNode(n.id(), n.path(), n.kind(), n.role(), n.label(), n.text(), n.parent(),
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
        return id == null ? null : nodes.get(id);
    }

    public DesignNode node(NodePath path) {
        return path == null ? null : nodes.get(path.toString());
    }

    /**
     * The node showing this very object of the query model (a Step, Q, Expression or Prefetch of the QuerySet
     * the graph was made from), or null. Matched by identity, which is how compiled SQL spans name their parts.
     */
    public String idOfPart(Object part) {
        return part == null ? null : partIds.get(part);
    }

    /** The model the pipeline holding {@code id} queries (the nested model inside a frame), or null. */
    public String modelOf(String id) {
        DesignNode n = node(id);
        if (n == null) {
            return null;
        }
        return models.get((n.path().isSource() ? n.path() : n.path().sourcePath()).toString());
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

    private void add(NodePath path, NodeKind kind, Role role, String label, String text, NodePath parent) {
        String id = path.toString();
        String parentId = parent == null ? null : parent.toString();
        nodes.put(id, new DesignNode(id, path, kind, role, label, text, parentId, List.of()));
        if (parentId != null) {
            children.computeIfAbsent(parentId, k -> new ArrayList<>()).add(id);
        }
    }

    /** A pipeline; {@code frame} is null for the main one, the node holding a nested one otherwise. */
    private void pipeline(QuerySet qs, NodePath frame) {
        NodePath source = frame == null ? NodePath.SOURCE : frame.child(new Segment.Source());
        add(source, NodeKind.SOURCE, Role.SOURCE, DjangoPrinter.manager(qs.model()), DjangoPrinter.manager(qs.model()), frame);
        partIds.putIfAbsent(qs, source.toString());
        models.put(source.toString(), qs.model());
        NodePath previous = source;
        for (int i = 0; i < qs.steps().size(); i++) {
            Step step = qs.steps().get(i);
            NodePath id = frame == null ? NodePath.step(i) : frame.child(new Segment.StepAt(i));
            add(id, step.terminal() ? NodeKind.TERMINAL : NodeKind.STAGE, step.terminal() ? Role.TERMINAL : Role.STEP,
                    step.method(), stepText(qs, i), previous);
            partIds.put(step, id.toString());
            parts(step, id);
            previous = id;
        }
    }

    private static String stepText(QuerySet qs, int i) {
        String whole = DjangoPrinter.print(new QuerySet(qs.model(), qs.steps().subList(0, i + 1)));
        String before = DjangoPrinter.print(new QuerySet(qs.model(), qs.steps().subList(0, i)));
        if (i == 0) {
            before = DjangoPrinter.manager(qs.model());
        }
        return whole.startsWith(before) ? whole.substring(before.length()) : whole;
    }

    private void parts(Step step, NodePath id) {
        if (step instanceof Step.Filter f) {
            for (int k = 0; k < f.args().size(); k++) {
                q(f.args().get(k), id.child(new Segment.Arg(k)), id);
            }
            for (int k = 0; k < f.kwargs().size(); k++) {
                q(f.kwargs().get(k), id.child(new Segment.Kwarg(k)), id);
            }
        } else if (step instanceof Step.Annotate a) {
            named(a.positional(), a.named(), id, Role.ANNOTATION);
        } else if (step instanceof Step.Aggregate a) {
            named(a.positional(), a.named(), id, Role.ANNOTATION);
        } else if (step instanceof Step.PrefetchRelated p) {
            for (int k = 0; k < p.lookups().size(); k++) {
                Prefetch pf = p.lookups().get(k);
                NodePath pid = id.child(new Segment.PrefetchItem(k));
                partIds.put(pf, pid.toString());
                add(pid, NodeKind.PREFETCH, Role.PREFETCH, pf.lookup() + (pf.toAttr() != null ? " → " + pf.toAttr()
                        : ""), pf.plain() ? "\"" + pf.lookup() + "\"" : "Prefetch(\"" + pf.lookup() + "\", ...)", id);
                if (pf.queryset() != null) {
                    pipeline(pf.queryset(), pid);
                }
            }
        } else if (step instanceof Step.Update u) {
            u.values().forEach((field, e) -> expression(e, id.child(new Segment.Named(field)), id, field,
                    Role.UPDATE_VALUE));
        } else if (step instanceof Step.Terminal t && t.condition() != null) {
            parts(t.condition(), id);
        } else if (step instanceof Step.Combine c) {
            for (int k = 0; k < c.others().size(); k++) {
                NodePath frame = id.child(new Segment.CombinedPart(k));
                add(frame, NodeKind.SUBQUERY, Role.COMBINED_PART, (c.isOperator() ? c.symbol() : c.method()) + " part",
                        DjangoPrinter.print(c.others().get(k)), id);
                pipeline(c.others().get(k), frame);
            }
        }
    }

    private void named(List<Expression> positional, java.util.Map<String, Expression> named, NodePath id, Role role) {
        for (int k = 0; k < positional.size(); k++) {
            expression(positional.get(k), id.child(new Segment.Positional(k)), id, null, Role.POSITIONAL);
        }
        named.forEach((alias, e) -> expression(e, id.child(new Segment.Named(alias)), id, alias, role));
    }

    private void q(Q q, NodePath id, NodePath parent) {
        partIds.putIfAbsent(q, id.toString());
        if (q instanceof Q.Lookup l) {
            add(id, NodeKind.LOOKUP, Role.LOOKUP, l.path(), l.path() + "=" + ExpressionText.printValue(l.value()),
                    parent);
            nested(l.value(), id);
            if (!NodeParts.simple(l.value()) && !(l.value() instanceof Expression.QueryValue)
                    && !(l.value() instanceof Expression.Subquery)) {
                // an expression value (F("a") * 2, Lower(...)) gets a node to edit it on
                NodePath e = id.child(new Segment.Fixed(Segment.Part.LOOKUP_VALUE));
                add(e, NodeKind.EXPRESSION, Role.LOOKUP_EXPRESSION, "value · " + ExpressionHelp.kindName(l.value()),
                        ExpressionText.print(l.value()), id);
                expressionParts(l.value(), e);
            }
            return;
        }
        if (q instanceof Q.ExpressionCondition ec) {
            expression(ec.expression(), id, parent, null, Role.CONDITION_EXPRESSION);
            return;
        }
        Q.Node n = (Q.Node) q;
        String label = (n.negated() ? "NOT " : "") + (n.connector() == Q.Connector.AND ? "AND" : "OR");
        add(id, NodeKind.Q_GROUP, Role.Q_GROUP, label, ExpressionText.printQ(n), parent);
        for (int k = 0; k < n.children().size(); k++) {
            q(n.children().get(k), id.child(new Segment.QChild(k)), id);
        }
    }

    /** An expression hanging under a step or a condition; {@code role} is what it is there. */
    private void expression(Expression e, NodePath id, NodePath parent, String alias, Role role) {
        partIds.putIfAbsent(e, id.toString());
        String text = ExpressionText.print(e);
        String label = alias != null ? alias : text;
        if (e instanceof Expression.Subquery s) {
            add(id, NodeKind.SUBQUERY, Role.SUBQUERY, (alias != null ? alias + " = " : "") + "Subquery", text, parent);
            pipeline(s.query(), id);
        } else if (e instanceof Expression.Exists x) {
            add(id, NodeKind.SUBQUERY, Role.EXISTS, (alias != null ? alias + " = " : "") + "Exists", text, parent);
            pipeline(x.query(), id);
        } else {
            add(id, NodeKind.EXPRESSION, role, label, text, parent);
            expressionParts(e, id);
        }
    }

    /** The parts of an expression that are nodes of their own (see {@link NodeParts}). */
    private void expressionParts(Expression e, NodePath id) {
        for (NodeParts.Part p : NodeParts.of(e)) {
            NodePath pid = id.child(p.segment());
            if (p.value() instanceof Q q) {
                q(q, pid, id);
            } else {
                Expression sub = (Expression) p.value();
                add(pid, NodeKind.EXPRESSION, Role.EXPRESSION_PART, p.role() + " · " + ExpressionHelp.kindName(sub),
                        ExpressionText.print(sub), id);
                expressionParts(sub, pid);
            }
        }
    }

    /** Querysets used as lookup values ({@code id__in=...}) become frames under the lookup. */
    private void nested(Expression value, NodePath id) {
        NodePath v = id.child(new Segment.Fixed(Segment.Part.LOOKUP_QUERY));
        if (value instanceof Expression.QueryValue qv) {
            add(v, NodeKind.SUBQUERY, Role.QUERY_VALUE, "queryset", DjangoPrinter.print(qv.query()), id);
            pipeline(qv.query(), v);
        } else if (value instanceof Expression.Subquery s) {
            add(v, NodeKind.SUBQUERY, Role.SUBQUERY, "Subquery", ExpressionText.print(s), id);
            pipeline(s.query(), v);
        }
    }
}
