package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;
import studio.queryset.sql.LookupSpecs;

/**
 * Names derived from what a query does: {@code findPosts}, {@code countAuthors}, {@code findPostTitles}; in a
 * batch, queries that would share a name are told apart by what differs ({@code findPostsByAuthor},
 * {@code findPostsOrderedByViewCount}) rather than numbered.
 */
final class QueryNames {
    /** Beyond this many filter fields a name reads like a sentence; the first ones say enough. */
    private static final int MAX_FIELDS = 2;

    private QueryNames() {
    }

    /**
     * A name for each query: the given one where there is one, else the derived name, qualified where several
     * queries would share it (by their filters, then annotations and relations, ordering, slice), numbered only
     * when even that leaves two alike.
     */
    static List<String> distinct(Schema schema, List<QuerySet> queries, List<String> given) {
        List<String> names = new ArrayList<>();
        Map<String, List<Integer>> byBase = new HashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            String g = given.get(i);
            String base = g != null && !g.isBlank() ? g : method(schema, queries.get(i));
            names.add(base);
            if (g == null || g.isBlank()) {
                byBase.computeIfAbsent(base, k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> group : byBase.values()) {
            if (group.size() < 2) {
                continue;
            }
            // each query takes qualifiers one at a time, only while its name still collides with another's
            List<List<String>> parts = new ArrayList<>();
            int[] level = new int[group.size()];
            for (int idx : group) {
                parts.add(qualifiers(queries.get(idx)));
            }
            List<String> candidate = new ArrayList<>();
            for (boolean changed = true; changed; ) {
                candidate.clear();
                for (int k = 0; k < group.size(); k++) {
                    candidate.add(names.get(group.get(k)) + String.join("", parts.get(k).subList(0, level[k])));
                }
                changed = false;
                for (int k = 0; k < group.size(); k++) {
                    boolean collides = candidate.indexOf(candidate.get(k)) != candidate.lastIndexOf(candidate.get(k));
                    if (collides && level[k] < parts.get(k).size()) {
                        level[k]++;
                        changed = true;
                    }
                }
            }
            for (int k = 0; k < group.size(); k++) {
                names.set(group.get(k), candidate.get(k));
            }
        }
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            for (int n = 2; !taken.add(name); n++) {
                name = names.get(i) + n; // still alike: the same query twice, say
            }
            names.set(i, name);
        }
        return names;
    }

    /** What tells a query apart, most telling first: "ByAuthor", "WithPostCount", "OrderedByViewCount", "Top10". */
    private static List<String> qualifiers(QuerySet qs) {
        Set<String> fields = new LinkedHashSet<>();
        Set<String> with = new LinkedHashSet<>();
        String ordered = null;
        String slice = null;
        boolean excluding = false;
        for (Step s : qs.steps()) {
            if (s instanceof Step.Filter f) {
                excluding |= f.exclude() && fields.isEmpty();
                collect(f.condition(), fields);
            } else if (s instanceof Step.Annotate a && !a.alias()) {
                a.named().keySet().forEach(n -> with.add(Names.type(n)));
            } else if (s instanceof Step.SelectRelated sr) {
                sr.paths().forEach(p -> with.add(Names.type(p)));
            } else if (s instanceof Step.PrefetchRelated pr) {
                pr.lookups().forEach(p -> with.add(Names.type(p.toAttr() != null ? p.toAttr() : p.lookup())));
            } else if (s instanceof Step.OrderBy o && !o.items().isEmpty()
                    && o.items().get(0).expression() instanceof Expression.F f) {
                ordered = "OrderedBy" + Names.type(f.path()) + (o.items().get(0).descending() ? "Desc" : "");
            } else if (s instanceof Step.Slice sl && sl.stop() != null) {
                slice = (sl.start() == null || sl.start() == 0) ? "Top" + sl.stop()
                        : "From" + sl.start() + "To" + sl.stop();
            }
        }
        List<String> out = new ArrayList<>();
        if (!fields.isEmpty()) {
            List<String> first = new ArrayList<>(fields).subList(0, Math.min(MAX_FIELDS, fields.size()));
            out.add((excluding ? "Excluding" : "By") + String.join("And", first));
        }
        if (!with.isEmpty()) {
            out.add("With" + String.join("And", new ArrayList<>(with).subList(0, Math.min(MAX_FIELDS, with.size()))));
        }
        if (ordered != null) {
            out.add(ordered);
        }
        if (slice != null) {
            out.add(slice);
        }
        return out;
    }

    private static void collect(Q q, Set<String> fields) {
        if (q instanceof Q.Lookup l) {
            List<String> parts = new ArrayList<>(List.of(l.path().split("__")));
            if (parts.size() > 1 && LookupSpecs.isLookup(parts.get(parts.size() - 1))) {
                // the lookup is dropped from a name: title__icontains is "Title"
                parts.remove(parts.size() - 1);
            }
            parts.replaceAll(part -> part.equals("pk") ? "id" : part);
            fields.add(Names.type(String.join("_", parts)));
        } else if (q instanceof Q.Node n) {
            n.children().forEach(c -> collect(c, fields));
        }
    }

    /** The method (Java) name; Python's function is its snake case. */
    static String method(Schema schema, QuerySet qs) {
        String model = Names.type(schema.model(qs.model()).name());
        String models = Names.plural(model);
        Step t = qs.terminal();
        if (t instanceof Step.Terminal term) {
            return switch (term.method()) {
                case "count" -> "count" + models;
                case "exists" -> "has" + models;
                case "delete" -> "delete" + models;
                default -> term.method() + model; // get, first, last, earliest, latest
            };
        }
        if (t instanceof Step.Update) {
            return "update" + models;
        }
        if (t instanceof Step.Aggregate) {
            return "aggregate" + models;
        }
        if (t instanceof Step.Raw) {
            return "raw" + models;
        }
        if (t instanceof Step.Index) {
            return "find" + model;
        }
        for (int i = qs.steps().size() - 1; i >= 0; i--) {
            Step s = qs.steps().get(i);
            if (s instanceof Step.ValuesList vl) {
                return vl.flat() && vl.fields().size() == 1
                        ? "find" + model + Names.plural(Names.type(vl.fields().get(0))) : "find" + model + "Values";
            }
            if (s instanceof Step.Values) {
                return "find" + model + "Values";
            }
        }
        return "find" + models;
    }
}
