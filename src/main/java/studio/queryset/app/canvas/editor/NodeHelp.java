package studio.queryset.app.canvas.editor;

import java.util.Map;
import studio.queryset.design.DesignNode;
import studio.queryset.design.NodeKind;

/** One-line explanations of what a node does in SQL, for hover help and the inspector. */
public final class NodeHelp {
    private static final Map<String, String> STAGES = Map.ofEntries(
            Map.entry("filter", "filter(): adds its conditions to WHERE, joined with AND."),
            Map.entry("exclude", "exclude(): adds WHERE NOT (...) of its conditions; across multi-valued relations "
                    + "it becomes a NOT IN subquery."),
            Map.entry("annotate", "annotate(): adds a computed column to SELECT; an aggregate adds a JOIN and "
                    + "GROUP BY the model's columns."),
            Map.entry("alias", "alias(): names an expression for later filters without selecting it."),
            Map.entry("aggregate", "aggregate(): SELECT of aggregates over the whole result, returns one dict."),
            Map.entry("order_by", "order_by(): replaces the ORDER BY clause; \"-field\" sorts descending."),
            Map.entry("values", "values(): SELECTs only the named columns and returns dicts."),
            Map.entry("values_list", "values_list(): SELECTs only the named columns and returns tuples "
                    + "(flat=True: single values)."),
            Map.entry("distinct", "distinct(): SELECT DISTINCT (with fields: PostgreSQL's DISTINCT ON)."),
            Map.entry("only", "only(): SELECTs just these columns (plus the pk); others load lazily later."),
            Map.entry("defer", "defer(): leaves these columns out of SELECT; touching them costs a query each."),
            Map.entry("select_related", "select_related(): LEFT/INNER JOINs the related tables and loads them in "
                    + "the same query."),
            Map.entry("prefetch_related", "prefetch_related(): runs one extra query per lookup "
                    + "(WHERE fk IN (...)) and stitches the rows in memory."),
            Map.entry("slice", "[start:stop]: LIMIT / OFFSET."),
            Map.entry("count", "count(): SELECT COUNT(*) of the query; returns an integer."),
            Map.entry("exists", "exists(): SELECT 1 ... LIMIT 1; returns True or False."),
            Map.entry("first", "first(): ORDER BY (pk when unordered) LIMIT 1; returns an object or None."),
            Map.entry("last", "last(): reversed ORDER BY ... LIMIT 1."),
            Map.entry("get", "get(): WHERE the condition; exactly one row or an error."),
            Map.entry("update", "update(): one UPDATE ... SET ... WHERE statement; returns rows changed."),
            Map.entry("delete", "delete(): DELETE ... WHERE (plus cascades); returns rows deleted."),
            Map.entry("raw", "raw(sql, params): runs your SQL as written, %s bound to the parameters; rows become "
                    + "model objects."));

    private NodeHelp() {
    }

    public static String kindHelp(NodeKind kind) {
        switch (kind) {
            case SOURCE:
                return "Model.objects: SELECT of the model's columns FROM its table — where every pipeline starts.";
            case STAGE:
                return "A chain method: each stage changes the one SQL statement the pipeline compiles to.";
            case TERMINAL:
                return "Evaluates the queryset: runs the SQL now and returns a value instead of a QuerySet.";
            case Q_GROUP:
                return "Q group: its conditions in parentheses joined by AND or OR; negated it becomes NOT (...).";
            case LOOKUP:
                return "Lookup: field__lookup=value becomes one SQL comparison (=, LIKE, IN, IS NULL, >...); "
                        + "a path through relations adds JOINs.";
            case EXPRESSION:
                return "Expression: computed in SQL — F is a column, aggregates become COUNT/SUM/... "
                        + "with GROUP BY.";
            case SUBQUERY:
                return "Subquery / Exists: a nested SELECT inside the outer one; OuterRef points at the outer row.";
            case PREFETCH:
                return "Prefetch: one extra query for this relation, matched to the objects in memory.";
            default:
                return "";
        }
    }

    /** What this node does in SQL, in a sentence. */
    public static String help(DesignNode n) {
        if (n.kind() == NodeKind.STAGE || n.kind() == NodeKind.TERMINAL) {
            String s = STAGES.get(n.label());
            if (s != null) {
                return s;
            }
        }
        String nested = NestedHelp.help(n);
        if (nested != null) {
            return nested;
        }
        if (n.kind() == NodeKind.Q_GROUP) {
            boolean not = n.label().startsWith("NOT");
            boolean or = n.label().endsWith("OR");
            return (not ? "NOT (...): " : "") + (or ? "OR: a row matches when any child matches."
                    : "AND: a row matches when every child matches.") + " Becomes parenthesised SQL in WHERE.";
        }
        if (n.kind() == NodeKind.EXPRESSION) {
            return studio.queryset.design.ExpressionHelp.help(n.text());
        }
        return kindHelp(n.kind());
    }
}
