package studio.queryset.design;

import java.util.Map;
import studio.queryset.query.Expression;
import studio.queryset.sql.FunctionSpecs;

/** Short names and one-sentence SQL explanations of expression nodes (card titles, hover help, inspector). */
public final class ExpressionHelp {
    /** Help for what is not a function (the functions' sentences are in the registry, sql/FunctionSpecs). */
    private static final Map<String, String> OTHERS = Map.ofEntries(
            Map.entry("Case", "Case(): CASE WHEN ... THEN ... ELSE default END — the first When whose condition "
                    + "holds gives the value."),
            Map.entry("When", "When(): one WHEN condition THEN value branch of a Case; the condition is a Q."),
            Map.entry("ExpressionWrapper", "ExpressionWrapper(): the expression with an explicit output_field."),
            Map.entry("F", "F(): a column of the row (through JOINs for a path), compared or computed in SQL, "
                    + "never read into Python."),
            Map.entry("Subquery", "Subquery(): a nested SELECT giving one value per outer row."),
            Map.entry("Exists", "Exists(): EXISTS (nested SELECT) — true when the subquery has a row."),
            Map.entry("Window", "Window(): expression OVER (PARTITION BY ... ORDER BY ... frame) — a window "
                    + "function or an aggregate computed over the row's partition, without grouping the rows; "
                    + "a filter cannot use it."));

    private ExpressionHelp() {
    }

    /** What an expression is, for a card title: "F arithmetic", "Count", "Case", "F", "value". */
    public static String kindName(Expression e) {
        if (e instanceof Expression.Combined c) {
            return "arithmetic " + c.operator();
        }
        if (e instanceof Expression.Negated) {
            return "negation";
        }
        if (e instanceof Expression.Func f) {
            return f.name();
        }
        if (e instanceof Expression.Aggregate a) {
            return a.function() + (a.filter() != null ? " (filtered)" : "");
        }
        if (e instanceof Expression.Case) {
            return "Case";
        }
        if (e instanceof Expression.When) {
            return "When";
        }
        if (e instanceof Expression.Wrapper) {
            return "ExpressionWrapper";
        }
        if (e instanceof Expression.F) {
            return "F";
        }
        if (e instanceof Expression.Param) {
            return "Param";
        }
        if (e instanceof Expression.Subquery) {
            return "Subquery";
        }
        if (e instanceof Expression.Evaluated) {
            return "runs first, while the QuerySet is built";
        }
        if (e instanceof Expression.Exists) {
            return "Exists";
        }
        if (e instanceof Expression.Condition) {
            return "Q";
        }
        if (e instanceof Expression.Window w) {
            return "Window " + kindName(w.expression());
        }
        return "value";
    }

    /** What an expression node does in SQL, from its Django text ({@code Count("posts", ...)}, {@code F("a") * 2}). */
    public static String help(String text) {
        String t = text == null ? "" : text.strip();
        if (topLevelOperator(t)) {
            return "Arithmetic: + - * / on columns and values, computed by the database for each row "
                    + "(F(\"a\") + F(\"b\") * 2 keeps Python's precedence).";
        }
        int paren = t.indexOf('(');
        String head = paren > 0 ? t.substring(0, paren) : "";
        String s = OTHERS.get(head);
        if (s != null) {
            return s;
        }
        var spec = FunctionSpecs.find(head);
        if (spec.isPresent()) {
            return spec.get().help();
        }
        if (head.equals("Param")) {
            return "Param(): a value given when the query runs (optional ones drop their lookup when not given).";
        }
        return "Expression: computed in SQL — F is a column, aggregates become COUNT/SUM/... with GROUP BY.";
    }

    /** True when the text has + - * / % outside parentheses and quotes, i.e. it is arithmetic at the top. */
    private static boolean topLevelOperator(String t) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"' && (i == 0 || t.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && i > 0 && " +-*/%".indexOf(c) > 0 && i + 1 < t.length()
                    && t.charAt(i - 1) == ' ' && t.charAt(i + 1) == ' ') {
                return true;
            }
        }
        return false;
    }
}
