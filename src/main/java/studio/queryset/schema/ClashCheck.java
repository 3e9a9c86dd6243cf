package studio.queryset.schema;

import java.util.ArrayList;
import java.util.List;

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
            for (ReverseRelation r : reverse) {
                String fieldName = label(r.source()) + "." + r.field().name();
                for (Field clash : target.fields()) {
                    String clashName = label(target) + "." + clash.name();
                    if (clash.name().equals(r.accessorName())) {
                        out.add(new Clash(r.source(), r.field(), "fields.E302: Reverse accessor for '" + fieldName
                                + "' clashes with field name '" + clashName + "'."));
                    }
                    if (clash.name().equals(r.queryName())) {
                        out.add(new Clash(r.source(), r.field(), "fields.E303: Reverse query name for '" + fieldName
                                + "' clashes with field name '" + clashName + "'."));
                    }
                }
                for (ReverseRelation other : reverse) {
                    if (other == r) {
                        continue;
                    }
                    String clashName = label(other.source()) + "." + other.field().name();
                    if (other.accessorName().equals(r.accessorName())) {
                        out.add(new Clash(r.source(), r.field(), "fields.E304: Reverse accessor for '" + fieldName
                                + "' clashes with reverse accessor for '" + clashName + "'."));
                    }
                    if (other.accessorName().equals(r.queryName())) {
                        out.add(new Clash(r.source(), r.field(), "fields.E305: Reverse query name for '" + fieldName
                                + "' clashes with reverse query name for '" + clashName + "'."));
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
