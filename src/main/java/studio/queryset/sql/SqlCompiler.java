package studio.queryset.sql;

import java.util.List;
import java.util.stream.Collectors;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Field;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;

/** Compiles a QuerySet to SQL with bound parameters for one dialect. */
public final class SqlCompiler {
    private SqlCompiler() {
    }

    public static CompiledQuery compile(Schema schema, QuerySet qs, Dialect dialect) {
        Model m = schema.model(qs.model());
        String cols = m.concreteFields().stream()
                .map(f -> dialect.quote(m.table()) + "." + dialect.quote(f.column()))
                .collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder("SELECT " + cols + " FROM " + dialect.quote(m.table()));
        if (!m.ordering().isEmpty()) {
            sql.append(" ORDER BY ").append(m.ordering().stream().map(o -> {
                boolean desc = o.startsWith("-");
                Field f = m.field(desc ? o.substring(1) : o).orElseThrow();
                return dialect.quote(m.table()) + "." + dialect.quote(f.column()) + (desc ? " DESC" : " ASC");
            }).collect(Collectors.joining(", ")));
        }
        return new CompiledQuery(sql.toString(), List.of());
    }
}
