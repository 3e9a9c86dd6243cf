package studio.queryset.sql;

import java.util.List;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.ValueType;

/**
 * Where a lookup path lands: a column on some alias (after the joins it needed) and the parts left over,
 * which are transforms and the lookup ({@code ["year", "gte"]}).
 *
 * @param alias     table alias holding the column
 * @param column    the column
 * @param field     the schema field of the column (null for an annotation)
 * @param model     the model owning the column
 * @param joins     the joins this path walked, in order
 * @param rest      transforms and lookup after the field
 * @param relationEnd true when the path ended on a relation (compared by the related pk)
 */
record ResolvedPath(String alias, String column, Field field, Model model, List<Join> joins, List<String> rest,
                    boolean relationEnd) {

    ValueType valueType() {
        return field == null ? ValueType.INTEGER : field.valueType();
    }

    boolean multiValued() {
        return joins.stream().anyMatch(j -> j.multiValued);
    }
}
