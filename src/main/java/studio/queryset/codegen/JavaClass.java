package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The generated class as it is assembled: imports (sorted, only what is used), constants, public methods,
 * the private helpers of the queries, general utilities and nested records. Helpers and records are shared
 * between the queries of one class when they are identical; a name already taken by different code gets
 * another name.
 */
final class JavaClass {
    /** Members of one kind, in the order they are shown (a member may be placed before another). */
    private static final class Members {
        private final Map<String, List<String>> byName = new LinkedHashMap<>();
        private final List<String> order = new ArrayList<>();

        String add(String preferred, String alternative, Function<String, List<String>> code, String before) {
            for (String candidate : List.of(preferred, alternative)) {
                String found = place(candidate, code, before);
                if (found != null) {
                    return found;
                }
            }
            for (int n = 2; ; n++) {
                String found = place(alternative + n, code, before);
                if (found != null) {
                    return found;
                }
            }
        }

        private String place(String name, Function<String, List<String>> code, String before) {
            List<String> resolved = code.apply(name);
            List<String> existing = byName.get(name);
            if (existing != null) {
                return existing.equals(resolved) ? name : null;
            }
            byName.put(name, resolved);
            int at = before == null ? -1 : order.indexOf(before);
            if (at < 0) {
                order.add(name);
            } else {
                order.add(at, name);
            }
            return name;
        }

        List<List<String>> inOrder() {
            List<List<String>> out = new ArrayList<>();
            order.forEach(n -> out.add(byName.get(n)));
            return out;
        }
    }

    private final TreeSet<String> imports = new TreeSet<>();
    private final Members constants = new Members();
    private final List<List<String>> methods = new ArrayList<>();
    private final Members helpers = new Members();
    private final Members utilities = new Members();
    private final Members records = new Members();

    void use(String qualifiedName) {
        imports.add(qualifiedName);
    }

    /** Declares a constant (its declaration for a name): the same declaration is made once. */
    String constant(String preferred, Function<String, String> declaration) {
        String base = preferred.endsWith("_SQL") ? preferred.substring(0, preferred.length() - 4) : preferred;
        String suffix = preferred.endsWith("_SQL") ? "_SQL" : "";
        Function<String, List<String>> code = n -> List.of(declaration.apply(n).split("\n", -1));
        String name = constants.place(preferred, code, null);
        for (int n = 2; name == null; n++) {
            name = constants.place(base + "_" + n + suffix, code, null);
        }
        return name;
    }

    void method(List<String> lines) {
        methods.add(lines);
    }

    /**
     * A private helper of a query: its lines (at class-body depth) for a name. Returns the name it got: the
     * preferred one, unless that is taken by different code (then {@code alternative}, then numbered). A new
     * helper is shown before {@code before} (null: last).
     */
    String helper(String preferred, String alternative, Function<String, List<String>> code, String before) {
        return helpers.add(preferred, alternative, code, before);
    }

    /** A general helper (value conversion, batching), shown after the queries' own helpers. */
    String utility(String name, List<String> lines) {
        return utilities.add(name, name, n -> lines, null);
    }

    String record(String preferred, String alternative, Function<String, List<String>> code, String before) {
        return records.add(preferred, alternative, code, before);
    }

    String render(String packageName, String className, List<String> classJavadoc) {
        StringBuilder sb = new StringBuilder();
        if (packageName != null && !packageName.isBlank()) {
            sb.append("package ").append(packageName).append(";\n\n");
        }
        for (String imp : imports) {
            sb.append("import ").append(imp).append(";\n");
        }
        if (!imports.isEmpty()) {
            sb.append('\n');
        }
        sb.append("/**\n");
        for (String l : classJavadoc) {
            sb.append(l.isEmpty() ? " *" : " * " + l).append('\n');
        }
        sb.append(" */\n");
        sb.append("public final class ").append(className).append(" {\n");
        List<List<String>> blocks = new ArrayList<>();
        List<List<String>> consts = constants.inOrder();
        consts.stream().filter(c -> !c.get(c.size() - 1).endsWith("\"\"\";")).forEach(blocks::add);
        consts.stream().filter(c -> c.get(c.size() - 1).endsWith("\"\"\";")).forEach(blocks::add);
        blocks.add(List.of("    private " + className + "() {", "    }"));
        blocks.addAll(methods);
        blocks.addAll(helpers.inOrder());
        blocks.addAll(utilities.inOrder());
        blocks.addAll(records.inOrder());
        boolean first = true;
        for (List<String> block : blocks) {
            if (!first) {
                sb.append('\n');
            }
            first = false;
            for (String l : block) {
                sb.append(l).append('\n');
            }
        }
        return sb.append("}\n").toString();
    }
}
