package studio.queryset.codegen;

import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;

/** Names derived from what a query does: {@code findPosts}, {@code countAuthors}, {@code findPostTitles}. */
final class QueryNames {
    private QueryNames() {
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
