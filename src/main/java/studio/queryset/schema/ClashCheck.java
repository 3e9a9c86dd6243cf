package studio.queryset.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Django's system checks fields.E302-E305 on a linked schema: a reverse accessor or reverse query name that clashes
 * with a field of the target or with another relation's reverse accessor. Django refuses to start with these; the
 * importer reports them in Django's words (the query compiler takes the first of the clashing names).
 */
final class ClashCheck {
    /** One clash, about {@code field} of {@code source}. */
    record Clash(Model source, Field field, String message) { }

    private ClashCheck() {
    }

    static List<Clash> run(Schema schema) {
        List<Clash> out = new ArrayList<>();
        for (Model target : schema.models()) {
            List<ReverseRelation> reverse = schema.reverseRelations(target);
            if (reverse.isEmpty()) {
                continue;
            }
            // other reverse relations looked up by name, not compared pairwise: a user model has a reverse relation from most models
            Map<String, List<ReverseRelation>> byAccessor = new HashMap<>();
            for (ReverseRelation r : reverse) {
                byAccessor.computeIfAbsent(r.accessorName(), k -> new ArrayList<>()).add(r);
            }
            for (ReverseRelation r : reverse) {
                String fieldName = label(r.source()) + "." + r.field().name();
                for (Field clash : target.fields()) {
                    if (clash.name().equals(r.accessorName())) {
                        out.add(new Clash(r.source(), r.field(), "fields.E302: Reverse accessor for '" + fieldName
                                + "' clashes with field name '" + label(target) + "." + clash.name() + "'."));
                    }
                    if (clash.name().equals(r.queryName())) {
                        out.add(new Clash(r.source(), r.field(), "fields.E303: Reverse query name for '" + fieldName
                                + "' clashes with field name '" + label(target) + "." + clash.name() + "'."));
                    }
                }
                for (ReverseRelation other : byAccessor.getOrDefault(r.accessorName(), List.of())) {
                    if (other != r) {
                        out.add(new Clash(r.source(), r.field(), "fields.E304: Reverse accessor for '" + fieldName
                                + "' clashes with reverse accessor for '" + label(other.source()) + "."
                                + other.field().name() + "'."));
                    }
                }
                for (ReverseRelation other : byAccessor.getOrDefault(r.queryName(), List.of())) {
                    if (other != r) {
                        out.add(new Clash(r.source(), r.field(), "fields.E305: Reverse query name for '" + fieldName
                                + "' clashes with reverse query name for '" + label(other.source()) + "."
                                + other.field().name() + "'."));
                    }
                }
            }
        }
        return out;
    }

    private static String label(Model m) {
        return m.appLabel() + "." + m.name();
    }
}
