package studio.queryset.design;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import studio.queryset.design.Revision.Cause;
import studio.queryset.design.Revision.Settings;
import studio.queryset.design.text.DjangoLayout;
import studio.queryset.design.text.EditorError;
import studio.queryset.design.text.ErrorLocator;
import studio.queryset.design.text.ExportPreview;
import studio.queryset.design.text.ParamRow;
import studio.queryset.design.text.SqlDisplay;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.ErrorSite;
import studio.queryset.query.NodePath;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.ResourceErrors;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.schema.SchemaException;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.EvaluatedStatements;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * Builds {@link Revision}s: one parse (for text), one graph, one compile and one rendering of each panel per
 * change. Pure functions of their arguments, run on the document's worker thread.
 */
final class Revisions {
    static final String NO_QUERY = "Select a model in the schema browser, or write a QuerySet in the Django tab.";

    private Revisions() {
    }

    /**
     * What a design shows; the editor text is its query laid out. The Java export (half the work for a large
     * design) runs on {@code side} while this thread builds the rest.
     */
    static Revision of(long gen, Cause cause, Design design, Settings s, Executor side) {
        return of(gen, cause, design, s, null, null, side);
    }

    /**
     * What a Django text gives on top of {@code base}: a new query (parsed and compiled, as the editor requires),
     * or, when it fails, the base design's revision with the text and its error ({@code previous} is reused when
     * it shows the base design with these settings).
     */
    static Revision ofText(long gen, Design base, String text, Settings s, Revision previous, Executor side) {
        Schema schema = s.schema();
        QuerySet qs;
        QueryPlan plan;
        EditorError error = null;
        if (schema == null) {
            error = new EditorError("SchemaError", "No schema is loaded, so there are no models to query. "
                    + "See Problems.", -1, 0, 0);
        } else if (text.isBlank()) {
            error = new EditorError("SyntaxError",
                    "Write a QuerySet, e.g. Post.objects.filter(title__icontains=\"django\")", -1, 0, 0);
        }
        if (error != null) {
            return failed(gen, base, text, error, s, previous, side);
        }
        DjangoParser.Parsed parsed = null;
        try {
            parsed = DjangoParser.parseWithSource(text, schema);
            qs = parsed.query();
            plan = SqlCompiler.plan(schema, qs, s.dialect());
        } catch (QueryException e) {
            return failed(gen, base, text, ErrorLocator.locate(text, parsed, e), s, previous, side);
        } catch (SchemaException e) {
            return failed(gen, base, text, ErrorLocator.locate(text, parsed,
                    new QueryException("FieldError", e.getMessage())), s, previous, side);
        } catch (RuntimeException e) {
            // a bug of ours: still said in one line, with what failed
            return failed(gen, base, text, new EditorError("InternalError",
                    e.getClass().getSimpleName() + ": " + e.getMessage(), -1, 0, 0), s, previous, side);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // pasted text too deep or too large for this thread: an error in the editor, the window lives on
            return failed(gen, base, text, new EditorError(ResourceErrors.kind(e), ResourceErrors.message(e), -1, 0,
                    0), s, previous, side);
        }
        Design next = base.query() == null || !base.query().model().equals(qs.model()) ? Design.of("untitled", qs)
                : qs.equals(base.query()) ? base : base.withQuery(qs);
        return of(gen, Cause.TEXT, next, s, text, plan, side);
    }

    private static Revision failed(long gen, Design base, String text, EditorError error, Settings s,
                                   Revision previous, Executor side) {
        Revision shown = previous != null && previous.design() == base && previous.settings().equals(s) ? previous
                : of(gen, Cause.TEXT, base, s, null, null, side);
        return shown.withSource(gen, Cause.TEXT, text, error, Thread.currentThread().getName());
    }

    private static Revision of(long gen, Cause cause, Design design, Settings s, String source, QueryPlan parsed,
                               Executor side) {
        String thread = Thread.currentThread().getName();
        QuerySet qs = design.query();
        Schema schema = s.schema();
        Dialect d = s.dialect();
        if (qs == null || schema == null) {
            return new Revision(gen, cause, design, s, qs == null ? source == null ? "" : source
                    : DjangoLayout.layout(qs), null, null, null, null, "-- " + NO_QUERY, NodeSpans.NONE, List.of(),
                    "", "", "// " + NO_QUERY, List.of(), "", Map.of(), null, List.of(), thread);
        }
        CompletableFuture<String> javaText = CompletableFuture.supplyAsync(
                () -> ExportPreview.javaTab(schema, d, s.exportOptions(), s.designName(), qs), side);
        DesignGraph graph = DesignGraph.of(qs);
        String django = DjangoPrinter.print(qs);
        List<String> steps = DjangoLayout.steps(qs);
        String text = source != null ? source : DjangoLayout.layout(qs);
        Model m = schema.findModel(qs.model()).orElse(null);
        String detail = m == null ? "unknown model" : m.table() + " · " + m.concreteFields().size() + " columns";
        List<Finding> findings = Findings.find(schema, qs, graph);
        QueryPlan plan = parsed;
        QueryException error = null;
        List<EvaluatedStatements.Planned> first = List.of();
        try {
            if (plan == null) {
                plan = SqlCompiler.plan(schema, qs, d);
            }
            // terminals used as values: their queries run first, and must compile as the main one does
            first = EvaluatedStatements.plans(qs, schema, d, DjangoPrinter::evaluated);
        } catch (QueryException e) {
            error = e;
        } catch (SchemaException e) {
            error = new QueryException("FieldError", e.getMessage());
        } catch (RuntimeException e) {
            error = new QueryException("InternalError", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        String java = javaText.join();
        if (error != null) {
            String failure = error.kind() + ": " + error.getMessage();
            String at = nodeOf(graph, ErrorSite.of(error, qs));
            String problem = at == null ? failure : "Node " + graph.node(at).label() + " (" + at + "): " + failure;
            return new Revision(gen, cause, design, s, text, null, graph, null, failure + " (" + d.displayName() + ")",
                    "-- This QuerySet does not compile for " + d.displayName() + ":\n-- "
                            + failure.replace("\n", "\n-- "), NodeSpans.NONE, List.of(), "", django, java, steps,
                    detail, at == null ? Map.of() : Map.of(at, failure), problem, findings, thread);
        }
        SqlDisplay.Shown shown = SqlDisplay.shown(plan, first, graph, d, s.inlineValues());
        List<ParamRow> rows = SqlDisplay.params(plan, d);
        long bound = rows.stream().filter(r -> !r.type().equals("keys")).count();
        String paramsText = d.displayName() + " · " + plural(plan.statements().size(), "statement") + " · "
                + plural(bound, "parameter") + (s.inlineValues() && bound > 0
                ? " · values inlined for reading; the run binds them" : "");
        return new Revision(gen, cause, design, s, text, null, graph, plan, null, shown.text(), shown.spans(), rows,
                paramsText, django, java, steps, detail, Map.of(), null, findings, thread);
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /**
     * The node showing the part an error is about: the part's own node, else the nearest node above it (simple
     * operands and field-name arguments have none); an error about the whole query is shown on its last stage.
     */
    static String nodeOf(DesignGraph g, ErrorSite site) {
        for (NodePath p = site.path(); p != null; p = p.parent()) {
            DesignNode n = g.node(p);
            if (n != null) {
                return n.id();
            }
        }
        String last = null;
        for (DesignNode n : g.nodes()) {
            if (n.kind() == NodeKind.STAGE || n.kind() == NodeKind.TERMINAL) {
                last = n.id();
            }
        }
        return last;
    }
}
