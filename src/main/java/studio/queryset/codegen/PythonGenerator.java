package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import studio.queryset.query.Expression;
import studio.queryset.query.FunctionNames;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/**
 * Generates Django Python for a query, ready to paste into {@code manage.py shell}: the imports it needs, then
 * the canonical Django text (DjangoPrinter's) as the last expression. A query with Params becomes a function
 * taking them as arguments, optional ones defaulting to None and composed as the tutorial's
 * {@code search_posts(query, author=None)} does: the condition is added only when the argument is given.
 */
public final class PythonGenerator {
    private static final int WIDTH = 99;
    private static final Set<String> MODELS_NAMES = Set.of("Q", "F", "Value", "Count", "Sum", "Avg", "Max", "Min",
            "StdDev", "Variance", "Subquery", "OuterRef", "Exists", "Prefetch", "Case", "When", "ExpressionWrapper", "Window", "RowRange",
            "ValueRange");
    private static final Set<String> SEARCH_NAMES = Set.of("SearchVector", "SearchQuery", "SearchRank");
    private static final Map<String, String> STDLIB = Map.of("date", "datetime", "datetime", "datetime", "time",
            "datetime", "timedelta", "datetime", "Decimal", "decimal", "UUID", "uuid");

    private final Schema schema;

    public PythonGenerator(Schema schema) {
        this.schema = schema;
    }

    /**
     * The snippet for one query: without Params its last line is the query; with Params it defines a function
     * ({@code functionName}, or one derived from the query) returning it.
     */
    public String generate(QuerySet qs, String functionName) {
        check(qs);
        List<QueryParams.Param> params = QueryParams.of(qs);
        List<String> body;
        if (params.isEmpty()) {
            body = expression(qs, "");
        } else {
            body = function(qs, params, name(qs, functionName));
        }
        return imports(body) + String.join("\n", body) + "\n";
    }

    /** Several queries as one module: a function per query, returning it. */
    public String module(List<QuerySet> queries) {
        List<String> body = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        List<String> derived = QueryNames.distinct(schema, queries, java.util.Collections.nCopies(queries.size(), null));
        for (int i = 0; i < queries.size(); i++) {
            QuerySet qs = queries.get(i);
            check(qs);
            String name = Names.python(derived.get(i));
            for (int n = 2; !names.add(name); n++) {
                name = name.replaceAll("_\\d+$", "") + "_" + n;
            }
            if (!body.isEmpty()) {
                body.add("");
                body.add("");
            }
            body.addAll(function(qs, QueryParams.of(qs), name));
        }
        return imports(body) + String.join("\n", body) + "\n";
    }

    /** A query Django would reject (an unknown field, a wrong lookup) is not exported. */
    private void check(QuerySet qs) {
        try {
            SqlCompiler.plan(schema, qs, Dialect.POSTGRESQL);
        } catch (QueryException e) {
            throw new CodegenException("The query does not compile (" + e.kind() + "): " + e.getMessage());
        }
    }

    private String name(QuerySet qs, String given) {
        String name = given != null && !given.isBlank() ? given : QueryNames.method(schema, qs);
        String py = Names.python(name);
        if (given != null && !given.isBlank() && !Names.isPythonIdentifier(given)) {
            throw new CodegenException("'" + given + "' cannot be a Python function name");
        }
        return given != null && !given.isBlank() ? given : py;
    }

    /** The query as lines of Python: one line, or a parenthesised chain one call a line. */
    private List<String> expression(QuerySet qs, String indent) {
        return chain(DjangoChain.parts(qs), indent, "");
    }

    /**
     * The chain on one line, or one call a line: in parentheses when a line starts with a call (Black's
     * style), bare when the only breaks are inside a call's own parentheses.
     */
    private List<String> chain(List<String> parts, String indent, String prefix) {
        List<String> lines = DjangoChain.lines(parts, WIDTH - indent.length() - 4, "");
        List<String> out = new ArrayList<>();
        if (lines.size() == 1 || lines.stream().noneMatch(l -> l.startsWith("."))) {
            lines = lines.size() == 1 ? lines : DjangoChain.lines(parts, WIDTH - indent.length() - prefix.length(), "");
            if (lines.stream().noneMatch(l -> l.startsWith("."))) {
                out.add(indent + prefix + lines.get(0));
                lines.subList(1, lines.size()).forEach(l -> out.add(indent + l));
                return out;
            }
        }
        out.add(indent + prefix + "(");
        for (String l : lines) {
            out.add(indent + "    " + l);
        }
        out.add(indent + ")");
        return out;
    }

    // ---------------------------------------------------------------- Params as arguments

    private List<String> function(QuerySet qs, List<QueryParams.Param> params, String name) {
        Map<String, String> args = new LinkedHashMap<>();
        for (QueryParams.Param p : params) {
            String arg = Names.isPythonIdentifier(p.name()) ? p.name() : Names.python(p.name());
            while (args.containsValue(arg)) {
                arg = arg + "_";
            }
            args.put(p.name(), arg);
        }
        List<String> signature = new ArrayList<>();
        for (QueryParams.Param p : params) {
            signature.add(args.get(p.name()) + (p.optional() ? "=None" : ""));
        }
        List<String> lines = new ArrayList<>();
        lines.add("def " + name + "(" + String.join(", ", signature) + "):");
        List<String> parts = DjangoChain.parts(qs);
        List<String> chain = new ArrayList<>();
        chain.add(parts.get(0));
        int composed = 0;
        for (int i = 0; i < qs.steps().size(); i++) {
            Step s = qs.steps().get(i);
            Step.Filter condition = s instanceof Step.Filter f ? f
                    : s instanceof Step.Terminal t && t.method().equals("get") ? t.condition() : null;
            if (condition != null && hasOptional(condition.condition())) {
                String var = composed == 0 ? "filters" : "filters_" + (composed + 1);
                composed++;
                build(flatten(Q.and(allConditions(condition))), var, lines, args);
                String method = s instanceof Step.Filter f ? f.method() : "get";
                chain.add("." + method + "(" + var + ")");
            } else {
                chain.add(withArguments(parts.get(i + 1), args));
            }
        }
        if (qs.steps().isEmpty()) {
            chain.add(parts.get(1));
        }
        lines.addAll(chain(chain, "    ", "return "));
        return lines;
    }

    private static List<Q> allConditions(Step.Filter f) {
        List<Q> all = new ArrayList<>(f.args());
        all.addAll(f.kwargs());
        return all;
    }

    /**
     * Statements building {@code var} from a condition tree: the parts without optional Params first, then
     * each optional lookup under an {@code if}, nested trees in variables of their own.
     */
    private void build(Q.Node node, String var, List<String> lines, Map<String, String> args) {
        List<Q> required = new ArrayList<>();
        List<Q> optional = new ArrayList<>();
        for (Q c : node.children()) {
            (hasOptional(c) ? optional : required).add(c);
        }
        String op = node.connector() == Q.Connector.AND ? "&=" : "|=";
        List<Q> rest = optional;
        if (required.isEmpty() && optional.get(0) instanceof Q.Node first) {
            build(first, var, lines, args); // Q() & x is x: start from the first group itself
            rest = optional.subList(1, optional.size());
        } else {
            String start;
            if (required.isEmpty()) {
                start = "Q()";
            } else if (required.size() == 1) {
                start = DjangoChain.condition(required.get(0));
            } else {
                start = DjangoChain.condition(new Q.Node(node.connector(), false, required));
            }
            lines.add("    " + var + " = " + withArguments(start, args));
        }
        int nested = 0;
        for (Q c : rest) {
            if (c instanceof Q.Lookup l && l.value() instanceof Expression.Param p && p.optional()) {
                String arg = args.get(p.name());
                lines.add("    if " + arg + " is not None:");
                lines.add("        " + var + " " + op + " Q(" + withArguments(DjangoChain.keyword(l), args) + ")");
            } else {
                String sub = var + "_" + (char) ('a' + nested++);
                build((Q.Node) c, sub, lines, args);
                lines.add("    " + var + " " + op + " " + sub);
            }
        }
        if (node.negated()) {
            lines.add("    " + var + " = ~" + var);
        }
    }

    /** The same condition with single-child groups unwrapped and same-connector groups merged. */
    private static Q.Node flatten(Q.Node node) {
        List<Q> children = new ArrayList<>();
        for (Q c : node.children()) {
            Q child = c;
            while (child instanceof Q.Node n && !n.negated() && n.children().size() == 1) {
                child = n.children().get(0);
            }
            if (child instanceof Q.Node n) {
                Q.Node flat = flatten(n);
                if (!flat.negated() && flat.connector() == node.connector()) {
                    children.addAll(flat.children());
                } else {
                    children.add(flat);
                }
            } else {
                children.add(child);
            }
        }
        return new Q.Node(node.connector(), node.negated(), children);
    }

    private static boolean hasOptional(Q q) {
        if (q instanceof Q.Lookup l) {
            return l.value() instanceof Expression.Param p && p.optional();
        }
        if (q instanceof Q.Node n) {
            return n.children().stream().anyMatch(PythonGenerator::hasOptional);
        }
        return false;
    }

    /** Django text with each {@code Param("x")} replaced by the argument holding its value. */
    private static String withArguments(String text, Map<String, String> args) {
        String out = text;
        for (var e : args.entrySet()) {
            String quoted = pyString(e.getKey());
            out = out.replace("Param(" + quoted + ", optional=True)", e.getValue())
                    .replace("Param(" + quoted + ")", e.getValue());
        }
        return out;
    }

    /** A string as DjangoPrinter writes it (control characters as escapes, never raw bytes). */
    private static String pyString(String s) {
        return studio.queryset.django.DjangoPrinter.str(s);
    }

    // ---------------------------------------------------------------- imports

    /** The import lines (and the blank lines after them) for the names the code calls. */
    private String imports(List<String> body) {
        Map<String, TreeSet<String>> stdlib = new TreeMap<>();
        Map<String, TreeSet<String>> django = new TreeMap<>();
        Map<String, TreeSet<String>> apps = new TreeMap<>();
        for (String line : body) {
            for (String[] use : names(line)) {
                String name = use[0];
                boolean objects = use[1] != null;
                Model m = objects ? schema.findModel(name).orElse(null) : null;
                if (m != null) {
                    apps.computeIfAbsent(m.appLabel() + ".models", k -> new TreeSet<>()).add(m.name());
                } else if (objects) {
                    continue;
                } else if (STDLIB.containsKey(name)) {
                    stdlib.computeIfAbsent(STDLIB.get(name), k -> new TreeSet<>()).add(name);
                } else if (MODELS_NAMES.contains(name) || name.endsWith("Field")) {
                    django.computeIfAbsent("django.db.models", k -> new TreeSet<>()).add(name);
                } else if (SEARCH_NAMES.contains(name)) {
                    django.computeIfAbsent("django.contrib.postgres.search", k -> new TreeSet<>()).add(name);
                } else if (FunctionNames.isFunction(name)) {
                    django.computeIfAbsent("django.db.models.functions", k -> new TreeSet<>()).add(name);
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Map<String, TreeSet<String>> section : List.of(stdlib, django, apps)) {
            if (section.isEmpty()) {
                continue;
            }
            for (var e : section.entrySet()) {
                sb.append("from ").append(e.getKey()).append(" import ").append(String.join(", ", e.getValue()))
                        .append('\n');
            }
            sb.append('\n');
        }
        if (sb.length() > 0 && body.get(0).startsWith("def ")) {
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Names the line calls ({@code Count(}) or whose {@code .objects} it uses ({@code [name, "objects"]}),
     * outside string literals and attribute accesses.
     */
    private static List<String[]> names(String line) {
        List<String[]> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < line.length() && line.charAt(j) != c) {
                    j += line.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                continue;
            }
            if (Character.isJavaIdentifierStart(c) && (i == 0 || !Character.isJavaIdentifierPart(line.charAt(i - 1)))) {
                int j = i;
                while (j < line.length() && Character.isJavaIdentifierPart(line.charAt(j))) {
                    j++;
                }
                String word = line.substring(i, j);
                boolean attribute = i > 0 && line.charAt(i - 1) == '.';
                boolean definition = line.substring(0, i).endsWith("def ");
                if (!attribute && !definition) {
                    if (j < line.length() && line.charAt(j) == '(') {
                        out.add(new String[] {word, null});
                    } else if (line.startsWith(".objects", j)) {
                        out.add(new String[] {word, "objects"});
                    } else if (line.substring(j).matches("^\\.\\w+\\.through\\.objects.*")) {
                        out.add(new String[] {word, "objects"}); // Book.genres.through.objects needs Book
                    }
                }
                i = j;
                continue;
            }
            i++;
        }
        return out;
    }
}
