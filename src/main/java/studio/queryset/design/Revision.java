package studio.queryset.design;

import java.util.List;
import java.util.Map;
import studio.queryset.codegen.ExportOptions;
import studio.queryset.design.text.EditorError;
import studio.queryset.design.text.ParamRow;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;

/**
 * Everything every panel shows for one state of a {@link QueryDocument}, computed once off the FX thread: the
 * design (its query is the last good one), the Django text the editor holds and why it does not parse, the
 * graph, the compiled plan or why it does not compile, the SQL text with its node spans and parameters, the
 * canonical Django text, the Java snippet and the findings. Immutable; panels are projections of it.
 *
 * @param generation  increases with every change asked of the document; a lower one is never shown after a higher
 * @param cause       what asked for it (the editor keeps typing in progress over settings changes, not commands)
 * @param source      the Django text the editor shows: as typed for text edits, else the query laid out
 * @param parseError  why {@code source} gives no query (the design keeps the last good one), or null
 * @param graph       the design's graph, null when there is no query
 * @param plan        the plan for {@code settings.dialect()}, null when it does not compile
 * @param compileError why it does not compile, with the dialect ({@code FieldError: ... (SQLite)}), or null
 * @param nodeErrors  node id → the compile error shown on it (the red badge)
 * @param nodeProblem the compile error with the node it was put on, for Problems, or null
 * @param computedOn  the thread that built it (the FX thread never builds one: a test checks)
 */
public record Revision(long generation, Cause cause, Design design, Settings settings, String source,
                       EditorError parseError, DesignGraph graph, QueryPlan plan, String compileError,
                       String sqlText, NodeSpans sqlSpans, List<ParamRow> params, String paramsText,
                       String djangoText, String javaText, List<String> pipelineSteps, String pipelineDetail,
                       Map<String, String> nodeErrors, String nodeProblem, List<Finding> findings,
                       String computedOn) {

    /** What changed. */
    public enum Cause { LOAD, COMMAND, MOVE, TEXT, UNDO, REDO, SETTINGS }

    /** What a revision depends on besides the design: none of it is undoable. */
    public record Settings(Schema schema, Dialect dialect, boolean inlineValues, ExportOptions exportOptions,
                           String designName) {
        public Settings {
            dialect = dialect == null ? Dialect.SQLITE : dialect;
            exportOptions = exportOptions == null ? ExportOptions.DERIVED : exportOptions;
        }

        public static Settings of(Schema schema) {
            return new Settings(schema, Dialect.SQLITE, false, ExportOptions.DERIVED, null);
        }

        public Settings withSchema(Schema s) {
            return new Settings(s, dialect, inlineValues, exportOptions, designName);
        }

        public Settings withDialect(Dialect d) {
            return new Settings(schema, d, inlineValues, exportOptions, designName);
        }
    }

    public Revision {
        params = List.copyOf(params);
        pipelineSteps = List.copyOf(pipelineSteps);
        nodeErrors = Map.copyOf(nodeErrors);
        findings = List.copyOf(findings);
    }

    /** The design's query: the last good one, or null when there is none. */
    public studio.queryset.query.QuerySet query() {
        return design.query();
    }

    public boolean compiles() {
        return plan != null;
    }

    /** The same computed parts for another design with the same query (a card moved): nothing to recompute. */
    Revision withDesign(long gen, Cause why, Design d) {
        return new Revision(gen, why, d, settings, source, parseError, graph, plan, compileError, sqlText, sqlSpans,
                params, paramsText, djangoText, javaText, pipelineSteps, pipelineDetail, nodeErrors, nodeProblem,
                findings, computedOn);
    }

    /** The same design with other editor text: a text that fails keeps the last good query and all it shows. */
    Revision withSource(long gen, Cause why, String text, EditorError error, String thread) {
        return new Revision(gen, why, design, settings, text, error, graph, plan, compileError, sqlText, sqlSpans,
                params, paramsText, djangoText, javaText, pipelineSteps, pipelineDetail, nodeErrors, nodeProblem,
                findings, thread);
    }
}
