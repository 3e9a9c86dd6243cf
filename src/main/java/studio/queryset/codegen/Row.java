package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.List;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.PrefetchPlan;

/**
 * What one row of a result becomes in the generated code: a record whose components come from columns,
 * select_related rows nested in the same result set, and prefetched rows from a second query.
 */
final class Row {
    /** A component of the record and where its value comes from. */
    sealed interface Part permits Column, Nested, Prefetched {
        String member();
    }

    /**
     * A column of the result set (1-based {@code column}); {@code narrow}: an integer of a 32-bit field
     * (IntegerField, SmallIntegerField...), declared {@code int}.
     */
    record Column(String member, String key, int column, ValueType type, boolean nullable, boolean narrow)
            implements Part {
    }

    /** A select_related object, read from the same row. */
    record Nested(String member, Row row) implements Part {
    }

    /** A prefetch_related attribute, filled after the rows are read. */
    record Prefetched(String member, PrefetchPlan plan, Row row) implements Part {
    }

    final String model;
    final String preferredName;
    final String alternativeName;
    final String doc;
    /** What a row is, for the Javadoc of its reader ("The {@code Post}", "The values"). */
    final String what;
    final List<Part> parts = new ArrayList<>();
    /** The record's name once it is declared in the class. */
    String name;

    Row(String model, String preferredName, String alternativeName, String doc, String what) {
        this.model = model;
        this.preferredName = preferredName;
        this.alternativeName = alternativeName;
        this.doc = doc;
        this.what = what;
    }

    Column column(String key) {
        for (Part p : parts) {
            if (p instanceof Column c && c.key().equals(key)) {
                return c;
            }
        }
        return null;
    }

    /** A member name not yet used by this record. */
    String freeMember(String wanted) {
        String m = wanted;
        for (int n = 2; taken(m); n++) {
            m = wanted + n;
        }
        return m;
    }

    private boolean taken(String member) {
        return parts.stream().anyMatch(p -> p.member().equals(member));
    }
}
