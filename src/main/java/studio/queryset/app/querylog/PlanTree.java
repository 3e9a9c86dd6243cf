package studio.queryset.app.querylog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A plan's text lines as a tree, by indentation: SQLite's drawing ({@code |--SEARCH ...} under
 * {@code QUERY PLAN}, three characters a level) and PostgreSQL's EXPLAIN ({@code ->  Hash Join} nodes, their
 * {@code Hash Cond:} lines indented under them) both nest a line under the closest line above it that is less
 * indented. The labels lose their drawing ({@code |--}, {@code `--}, {@code ->}).
 */
public record PlanTree(String label, List<PlanTree> children) {

    public PlanTree {
        children = List.copyOf(children);
    }

    private record Line(int indent, String label) { }

    private static final class Builder {
        final String label;
        final int indent;
        final List<Builder> children = new ArrayList<>();

        Builder(String label, int indent) {
            this.label = label;
            this.indent = indent;
        }

        PlanTree build() {
            return new PlanTree(label, children.stream().map(Builder::build).toList());
        }
    }

    /** The top-level nodes of the plan (usually one: {@code QUERY PLAN}, or PostgreSQL's outermost node). */
    public static List<PlanTree> parse(List<String> lines) {
        List<Builder> roots = new ArrayList<>();
        Deque<Builder> open = new ArrayDeque<>();
        for (String raw : lines) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            Line line = line(raw);
            while (!open.isEmpty() && open.peek().indent >= line.indent()) {
                open.pop();
            }
            Builder b = new Builder(line.label(), line.indent());
            if (open.isEmpty()) {
                roots.add(b);
            } else {
                open.peek().children.add(b);
            }
            open.push(b);
        }
        return roots.stream().map(Builder::build).toList();
    }

    private static Line line(String raw) {
        int sqliteMark = Math.max(raw.indexOf("|--"), raw.indexOf("`--"));
        if (sqliteMark >= 0 && raw.substring(0, sqliteMark).matches("[| ]*")) {
            return new Line(sqliteMark + 3, raw.substring(sqliteMark + 3).trim());
        }
        int indent = 0;
        while (indent < raw.length() && raw.charAt(indent) == ' ') {
            indent++;
        }
        String label = raw.substring(indent);
        if (label.startsWith("->")) {
            label = label.substring(2).trim();
        }
        return new Line(indent, label);
    }
}
