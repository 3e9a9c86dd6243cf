package studio.queryset.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a schema from a live database that comes without models.py: tables become models (named the Django
 * way back from {@code <app>_<model>}), FK columns {@code x_id} become ForeignKeys named {@code x}, and tables
 * holding only two foreign keys (plus an id) become ManyToMany fields on the first one's model.
 */
public final class JdbcIntrospector {
    private record Column(String name, String typeName, int jdbcType, boolean nullable, int size) { }

    private record ForeignKey(String column, String targetTable, String targetColumn) { }

    private JdbcIntrospector() {
    }

    public static Schema introspect(Connection conn, String appLabelOrNull) {
        try {
            DatabaseMetaData md = conn.getMetaData();
            String product = md.getDatabaseProductName().toLowerCase(Locale.ROOT);
            String schemaPattern = product.contains("postgres") ? conn.getSchema() : null;
            // MariaDB/MySQL: Connector/J answers from information_schema; the catalog is the connection's database,
            // so tables of other databases on the same server are not taken in
            String catalog = product.contains("mariadb") || product.contains("mysql") ? conn.getCatalog() : null;
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = md.getTables(catalog, schemaPattern, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String t = rs.getString("TABLE_NAME");
                    if (!t.startsWith("sqlite_") && !t.startsWith("django_") && !t.startsWith("auth_")) {
                        tables.add(t);
                    }
                }
            }
            if (tables.isEmpty()) {
                throw new SchemaException("the database has no tables to introspect", 0);
            }
            String app = appLabelOrNull != null ? appLabelOrNull : commonPrefix(tables);
            Map<String, List<Column>> columns = new LinkedHashMap<>();
            Map<String, List<ForeignKey>> fks = new LinkedHashMap<>();
            Map<String, String> pks = new LinkedHashMap<>();
            for (String t : tables) {
                List<Column> cols = new ArrayList<>();
                try (ResultSet rs = md.getColumns(catalog, schemaPattern, t, "%")) {
                    while (rs.next()) {
                        cols.add(new Column(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"),
                                rs.getInt("DATA_TYPE"), rs.getInt("NULLABLE") == DatabaseMetaData.columnNullable,
                                rs.getInt("COLUMN_SIZE")));
                    }
                }
                columns.put(t, cols);
                try (ResultSet rs = md.getPrimaryKeys(catalog, schemaPattern, t)) {
                    if (rs.next()) {
                        pks.put(t, rs.getString("COLUMN_NAME"));
                    }
                }
                List<ForeignKey> list = new ArrayList<>();
                try (ResultSet rs = md.getImportedKeys(catalog, schemaPattern, t)) {
                    while (rs.next()) {
                        list.add(new ForeignKey(rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"),
                                rs.getString("PKCOLUMN_NAME")));
                    }
                }
                fks.put(t, list);
            }
            Map<String, String> modelNames = new LinkedHashMap<>();
            for (String t : tables) {
                if (!isJoinTable(columns.get(t), fks.get(t))) {
                    modelNames.put(t, modelName(t, app));
                }
            }
            List<Model> models = new ArrayList<>();
            for (String t : modelNames.keySet()) {
                List<Field> fields = new ArrayList<>();
                for (Column c : columns.get(t)) {
                    ForeignKey fk = fks.get(t).stream().filter(f -> f.column().equals(c.name())).findFirst()
                            .orElse(null);
                    boolean pk = c.name().equals(pks.get(t));
                    if (fk != null && modelNames.containsKey(fk.targetTable())) {
                        String name = c.name().endsWith("_id") ? c.name().substring(0, c.name().length() - 3)
                                : c.name();
                        fields.add(new Field(name, c.name(), "ForeignKey", valueType(c), c.nullable(), false, pk, 0,
                                null, new Relation(RelationKind.FOREIGN_KEY, modelNames.get(fk.targetTable()), null,
                                null, null, null, null, null, "CASCADE"), 0));
                    } else {
                        fields.add(new Field(c.name(), c.name(), djangoType(c, pk), valueType(c), c.nullable(), pk,
                                pk, c.size(), null, null, 0));
                    }
                }
                for (String jt : tables) {
                    if (modelNames.containsKey(jt)) {
                        continue;
                    }
                    List<ForeignKey> jf = fks.get(jt);
                    if (jf.size() == 2 && jf.get(0).targetTable().equals(t)
                            && modelNames.containsKey(jf.get(1).targetTable())) {
                        String target = modelNames.get(jf.get(1).targetTable());
                        String prefix = t + "_";
                        String name = jt.startsWith(prefix) ? jt.substring(prefix.length())
                                : jt.toLowerCase(Locale.ROOT);
                        fields.add(new Field(name, null, "ManyToManyField", ValueType.INTEGER, false, false, false, 0,
                                null, new Relation(RelationKind.MANY_TO_MANY, target, null, null, null, jt,
                                jf.get(0).column(), jf.get(1).column(), "CASCADE"), 0));
                    }
                }
                models.add(new Model(modelNames.get(t), app, t, fields, List.of(), 0));
            }
            return new Schema(models);
        } catch (SQLException e) {
            throw new SchemaException("cannot read the database's tables: " + e.getMessage(), 0);
        }
    }

    private static boolean isJoinTable(List<Column> cols, List<ForeignKey> fks) {
        if (fks.size() != 2) {
            return false;
        }
        long others = cols.stream().filter(c -> fks.stream().noneMatch(f -> f.column().equals(c.name())))
                .filter(c -> !c.name().equals("id")).count();
        return others == 0;
    }

    private static String commonPrefix(List<String> tables) {
        String first = tables.get(0);
        int us = first.indexOf('_');
        if (us <= 0) {
            return "app";
        }
        String prefix = first.substring(0, us + 1);
        return tables.stream().allMatch(t -> t.startsWith(prefix)) ? prefix.substring(0, us) : "app";
    }

    private static String modelName(String table, String app) {
        String base = table.startsWith(app + "_") ? table.substring(app.length() + 1) : table;
        StringBuilder sb = new StringBuilder();
        for (String part : base.split("_")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    private static ValueType valueType(Column c) {
        String t = c.typeName().toLowerCase(Locale.ROOT);
        if (t.contains("bool") || t.equals("bit") && c.size() <= 1) {
            return ValueType.BOOLEAN; // MySQL's BooleanField is tinyint(1), which Connector/J reports as BIT(1)
        }
        if (t.contains("int") || t.equals("serial") || t.equals("bigserial")) {
            return ValueType.INTEGER;
        }
        if (t.contains("numeric") || t.contains("decimal")) {
            return ValueType.DECIMAL;
        }
        if (t.contains("real") || t.contains("double") || t.contains("float")) {
            return ValueType.FLOAT;
        }
        if (t.contains("timestamp") || t.equals("datetime")) {
            return ValueType.DATETIME;
        }
        if (t.equals("date")) {
            return ValueType.DATE;
        }
        if (t.startsWith("time")) {
            return ValueType.TIME;
        }
        if (t.contains("interval")) {
            return ValueType.DURATION;
        }
        if (t.contains("uuid")) {
            return ValueType.UUID;
        }
        if (t.contains("json")) {
            return ValueType.JSON;
        }
        return ValueType.TEXT;
    }

    private static String djangoType(Column c, boolean pk) {
        return switch (valueType(c)) {
            case INTEGER -> pk ? "AutoField" : "IntegerField";
            case DECIMAL -> "DecimalField";
            case FLOAT -> "FloatField";
            case BOOLEAN -> "BooleanField";
            case DATE -> "DateField";
            case DATETIME -> "DateTimeField";
            case TIME -> "TimeField";
            case DURATION -> "DurationField";
            case UUID -> "UUIDField";
            case JSON -> "JSONField";
            case TEXT -> c.typeName().toLowerCase(Locale.ROOT).contains("text") ? "TextField" : "CharField";
        };
    }
}
