package studio.queryset.app.schema;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.schema.Field;
import studio.queryset.schema.Relation;
import studio.queryset.schema.RelationKind;
import studio.queryset.schema.ReverseRelation;

/** How fields and relations are described to people, the same in the schema browser and the inspector. */
public final class SchemaLabels {
    private SchemaLabels() {
    }

    /** {@code CharField(200)}, {@code GeneratedField = Length("body")}. */
    public static String fieldType(Field f) {
        if (f.generated() != null) {
            return f.djangoType() + " = " + f.generated();
        }
        return f.maxLength() > 0 ? f.djangoType() + "(" + f.maxLength() + ")" : f.djangoType();
    }

    /** {@code CharField(200)}, {@code GeneratedField}: what the schema browser shows. */
    public static String fieldTypeShort(Field f) {
        return f.maxLength() > 0 ? f.djangoType() + "(" + f.maxLength() + ")" : f.djangoType();
    }

    /** Short marks: pk, null, unique, generated. */
    public static List<String> marks(Field f) {
        List<String> marks = new ArrayList<>();
        if (f.primaryKey()) {
            marks.add("pk");
        }
        if (f.nullable()) {
            marks.add("null");
        }
        if (f.unique() && !f.primaryKey()) {
            marks.add("unique");
        }
        if (f.generated() != null) {
            marks.add("generated");
        }
        return marks;
    }

    public static String kind(RelationKind kind) {
        if (kind == RelationKind.FOREIGN_KEY) {
            return "FK";
        }
        return kind == RelationKind.ONE_TO_ONE ? "one-to-one" : "M2M";
    }

    /** {@code → Author (FK)}, {@code → Tag (M2M)}: what the schema browser shows. */
    public static String forwardShort(Field f) {
        return "→ " + f.relation().target() + " (" + kind(f.relation().kind()) + ")";
    }

    /** {@code → Author (FK, column author_id)}, {@code → Tag (M2M via blog_post_tags)}. */
    public static String forward(Field f) {
        Relation r = f.relation();
        String via = r.kind() == RelationKind.MANY_TO_MANY
                ? "M2M via " + r.throughTable()
                : kind(r.kind()) + ", column " + f.column();
        return "→ " + r.target() + " (" + via + ")";
    }

    /** {@code reverse FK from Post.author}. */
    public static String reverse(ReverseRelation rr) {
        return "reverse " + kind(rr.field().relation().kind()) + " from " + rr.source().name() + "."
                + rr.field().name();
    }
}
