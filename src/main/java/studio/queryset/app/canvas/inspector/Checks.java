package studio.queryset.app.canvas.inspector;

import studio.queryset.design.edit.Edit;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/**
 * A field's edit is refused when it breaks a query that compiled: what the user typed is what Django would
 * refuse ({@code Cannot resolve keyword 'titel' into field}), so it stays in the field with that message instead
 * of reaching the design. A query that did not compile before is not blamed on the field.
 */
final class Checks {
    private Checks() {
    }

    static Edit compiles(Schema schema, QuerySet before, Edit edit) {
        if (schema == null || edit.query().equals(before) || error(schema, before) != null) {
            return edit;
        }
        QueryException e = error(schema, edit.query());
        if (e != null) {
            throw e;
        }
        return edit;
    }

    private static QueryException error(Schema schema, QuerySet q) {
        try {
            SqlCompiler.plan(schema, q, Dialect.SQLITE);
            return null;
        } catch (QueryException e) {
            return e;
        } catch (RuntimeException e) {
            return null; // not the user's text: the revision's compile reports it as a bug
        }
    }
}
