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
import java.util.Set;

/**
 * Builds a schema from a live database that comes without models.py. Apps and model names come from Django's
 * {@code django_content_type} when the database has it (a table {@code <app_label>_<model>} is that model, named
 * in CamelCase from its permission names where they spell it), else from the table names; FK columns {@code x_id}
 * become ForeignKeys named {@code x} (into {@code auth_*} tables too), and a table is a ManyToMany join table only
 * when it holds an id and exactly two foreign keys, nothing else, and no content type claims it.
 */
public final class JdbcIntrospector {
    private record Column(String name, String typeName, int jdbcType, boolean nullable, int size) { }

    private record ForeignKey(String column, String targetTable, String targetColumn) { }

    private record Table(String name, List<Column> columns, List<ForeignKey> fks, String pk) {
        ForeignKey fk(String column) {
            return fks.stream().filter(f -> f.column().equals(column)).findFirst().orElse(null);
        }
    }

    /** The app label and model name a table is read as. */
    private record Naming(String app, String name) { }

    /** Tables of Django's contrib apps that set a db_table of their own: the model each is. */
    private static final Map<String, Naming> DJANGO_TABLES = Map.of(
            "django_content_type", new Naming("contenttypes", "ContentType"),
            "django_admin_log", new Naming("admin", "LogEntry"),
            "django_site", new Naming("sites", "Site"),
            "django_redirect", new Naming("redirects", "Redirect"),
            "django_flatpage", new Naming("flatpages", "FlatPage"));

    /** Django's bookkeeping tables: no model a query could use. */
    private static final Set<String> BOOKKEEPING = Set.of("django_migrations", "django_session");

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
            Map<String, Table> tables = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = md.getTables(catalog, schemaPattern, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String t = rs.getString("TABLE_NAME");
                    if (!t.startsWith("sqlite_") && !BOOKKEEPING.contains(t)) {
                        names.add(t);
                    }
                }
            }
            if (names.isEmpty()) {
                throw new SchemaException("the database has no tables to introspect", 0);
            }
            for (String t : names) {
                tables.put(t, readTable(md, catalog, schemaPattern, t));
            }
            List<ImportWarning> warnings = new ArrayList<>();
            ContentTypes contentTypes = ContentTypes.read(conn, tables.keySet());
            Map<String, Naming> naming = new LinkedHashMap<>();
            List<String> joinTables = new ArrayList<>();
            TableNames guess = new TableNames(tables.keySet(), contentTypes.appLabels(), appLabelOrNull);
            for (Table t : tables.values()) {
                Naming byType = DJANGO_TABLES.containsKey(t.name()) ? DJANGO_TABLES.get(t.name())
                        : contentTypes.naming(t.name());
                if (byType == null && isJoinTable(t)) {
                    joinTables.add(t.name());
                } else if (byType != null && appLabelOrNull == null) {
                    naming.put(t.name(), byType);
                } else {
                    Naming n = guess.naming(t.name());
                    warnings.add(namedFromTable(t.name(), n, contentTypes.present(), appLabelOrNull, guess));
                    naming.put(t.name(), n);
                }
            }
            for (String jt : List.copyOf(joinTables)) {
                if (!claimed(tables.get(jt), naming.keySet())) {
                    // id + two foreign keys, yet no model table is the side that declares it: a model of its own
                    Naming n = guess.naming(jt);
                    joinTables.remove(jt);
                    naming.put(jt, n);
                    warnings.add(new ImportWarning(jt, 0, "table " + jt + " has only an id and two foreign keys, "
                            + "but no table of a model it points at names it (<table>_<field>); read as model "
                            + n.app() + "." + n.name(), n.app() + "." + n.name()));
                }
            }
            Map<String, String> keys = keys(naming);
            List<Model> models = new ArrayList<>();
            for (Map.Entry<String, Naming> e : naming.entrySet()) {
                Table t = tables.get(e.getKey());
                List<Field> fields = new ArrayList<>();
                for (Column c : t.columns()) {
                    ForeignKey fk = t.fk(c.name());
                    boolean pk = c.name().equals(t.pk());
                    if (fk != null && keys.containsKey(fk.targetTable())) {
                        String name = c.name().endsWith("_id") ? c.name().substring(0, c.name().length() - 3)
                                : c.name();
                        // a foreign key that is the primary key: a one-to-one, Django's multi-table <parent>_ptr
                        RelationKind kind = pk ? RelationKind.ONE_TO_ONE : RelationKind.FOREIGN_KEY;
                        fields.add(new Field(name, c.name(), pk ? "OneToOneField" : "ForeignKey", valueType(c),
                                c.nullable(), pk, pk, 0, null, new Relation(kind, keys.get(fk.targetTable()), null,
                                null, null, null, null, null, "CASCADE"), 0));
                    } else {
                        fields.add(new Field(c.name(), c.name(), djangoType(c, pk), valueType(c), c.nullable(), pk,
                                pk, c.size(), null, null, 0));
                    }
                }
                String model = e.getValue().app() + "." + e.getValue().name();
                for (Column c : t.columns()) {
                    String unknown = unmappedType(c);
                    if (unknown != null) {
                        warnings.add(new ImportWarning(t.name(), 0, "column " + t.name() + "." + c.name() + " has "
                                + "type " + unknown + ", which the introspector does not map; read as text ("
                                + djangoType(c, false) + ")", model));
                    }
                }
                for (String jt : joinTables) {
                    Field m2m = manyToMany(t, tables.get(jt), keys);
                    if (m2m != null) {
                        fields.add(m2m);
                        warnings.add(new ImportWarning(jt, 0, "table " + jt + " (an id and two foreign keys, "
                                + "nothing else, and no content type) read as the join table of many-to-many "
                                + e.getValue().name() + "." + m2m.name() + " to " + m2m.relation().target(), model));
                    }
                }
                models.add(new Model(e.getValue().name(), e.getValue().app(), t.name(), fields, List.of(), 0));
            }
            return new Schema(models, warnings);
        } catch (SQLException e) {
            throw new SchemaException("cannot read the database's tables: " + e.getMessage(), 0);
        }
    }

    private static Table readTable(DatabaseMetaData md, String catalog, String schema, String t) throws SQLException {
        List<Column> cols = new ArrayList<>();
        try (ResultSet rs = md.getColumns(catalog, schema, t, "%")) {
            while (rs.next()) {
                cols.add(new Column(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"),
                        rs.getInt("NULLABLE") == DatabaseMetaData.columnNullable, rs.getInt("COLUMN_SIZE")));
            }
        }
        String pk = null;
        try (ResultSet rs = md.getPrimaryKeys(catalog, schema, t)) {
            if (rs.next()) {
                pk = rs.getString("COLUMN_NAME");
            }
        }
        List<ForeignKey> fks = new ArrayList<>();
        try (ResultSet rs = md.getImportedKeys(catalog, schema, t)) {
            while (rs.next()) {
                fks.add(new ForeignKey(rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"),
                        rs.getString("PKCOLUMN_NAME")));
            }
        }
        return new Table(t, cols, fks, pk);
    }

    /** What the introspector assumed when a table's name alone gave its app and model. */
    private static ImportWarning namedFromTable(String table, Naming n, boolean contentTypes, String appLabel,
                                                TableNames guess) {
        String model = n.app() + "." + n.name();
        String why;
        if (contentTypes && appLabel == null) {
            why = "matches no row of django_content_type (a db_table of its own?)";
        } else if (appLabel != null) {
            why = "has its app label from --app-label and its model name from the rest of the table name";
        } else if (guess.apps().contains(n.app())) {
            why = "has no django_content_type to name it: app label " + n.app() + " is the table-name prefix that "
                    + "several tables share, the model name the rest capitalized at its underscores";
        } else {
            why = "has no django_content_type to name it and no table-name prefix that other tables share: app "
                    + "label " + n.app() + " assumed, the model name from the whole table name";
        }
        return new ImportWarning(table, 0, "table " + table + " " + why + "; read as model " + model, model);
    }

    /** Whether a model table is the side that declares the join table, with a model table on the other side. */
    private static boolean claimed(Table join, Set<String> modelTables) {
        ForeignKey a = join.fks().get(0);
        ForeignKey b = join.fks().get(1);
        return claims(join, a, b, modelTables) || claims(join, b, a, modelTables);
    }

    private static boolean claims(Table join, ForeignKey side, ForeignKey other, Set<String> modelTables) {
        return modelTables.contains(side.targetTable()) && modelTables.contains(other.targetTable())
                && join.name().startsWith(side.targetTable() + "_")
                && join.name().length() > side.targetTable().length() + 1;
    }

    /** Type names read as text that are text in every Django backend (char, varchar, text, clob, citext...). */
    private static final List<String> TEXT_TYPES = List.of("char", "text", "clob", "string", "inet", "cidr",
            "macaddr", "name", "enum", "set");

    /** The column's type name when it falls through to text without being a text type, else null. */
    private static String unmappedType(Column c) {
        if (valueType(c) != ValueType.TEXT) {
            return null;
        }
        String t = c.typeName().toLowerCase(Locale.ROOT);
        return TEXT_TYPES.stream().anyMatch(t::contains) ? null : c.typeName();
    }

    /**
     * Django's auto-created M2M table: an {@code id} and two foreign keys, nothing else, named {@code
     * <table of one side>_<field>} (a model such as RealmMember(realm, user) has a name of its own).
     */
    private static boolean isJoinTable(Table t) {
        return t.fks().size() == 2 && t.columns().size() == 3 && "id".equals(t.pk())
                && t.fks().stream().noneMatch(f -> f.column().equals("id"))
                && t.fks().stream().anyMatch(f -> t.name().startsWith(f.targetTable() + "_"));
    }

    /**
     * The M2M field a join table gives {@code t} when it is the side that declares it: Django names the table
     * {@code <model table>_<field>}, with {@code <model>_id} (or {@code from_<model>_id}) for this side.
     */
    private static Field manyToMany(Table t, Table join, Map<String, String> keys) {
        String prefix = t.name() + "_";
        if (!join.name().startsWith(prefix) || join.name().length() == prefix.length()) {
            return null;
        }
        ForeignKey a = join.fks().get(0);
        ForeignKey b = join.fks().get(1);
        ForeignKey source;
        ForeignKey target;
        if (a.targetTable().equals(t.name()) && b.targetTable().equals(t.name())) {
            boolean aFrom = a.column().startsWith("from_");
            source = aFrom ? a : b;
            target = aFrom ? b : a;
        } else if (a.targetTable().equals(t.name())) {
            source = a;
            target = b;
        } else if (b.targetTable().equals(t.name())) {
            source = b;
            target = a;
        } else {
            return null;
        }
        if (!keys.containsKey(target.targetTable())) {
            return null;
        }
        String name = join.name().substring(prefix.length());
        return new Field(name, null, "ManyToManyField", ValueType.INTEGER, false, false, false, 0, null,
                new Relation(RelationKind.MANY_TO_MANY, keys.get(target.targetTable()), null, null, null, join.name(),
                        source.column(), target.column(), "CASCADE"), 0);
    }

    /** Each table's schema key: the model name, {@code app.Model} where two apps share it. */
    private static Map<String, String> keys(Map<String, Naming> naming) {
        Map<String, Long> counts = new LinkedHashMap<>();
        naming.values().forEach(n -> counts.merge(n.name().toLowerCase(Locale.ROOT), 1L, Long::sum));
        Map<String, String> keys = new LinkedHashMap<>();
        naming.forEach((table, n) -> keys.put(table, counts.get(n.name().toLowerCase(Locale.ROOT)) > 1
                ? n.app() + "." + n.name() : n.name()));
        return keys;
    }

    /**
     * What {@code django_content_type} (and {@code auth_permission}'s names) say about the tables: which table is
     * which app's model, and the model's CamelCase name where a default permission name spells it out.
     */
    private record ContentTypes(Map<String, Naming> byTable, Set<String> appLabels, boolean present) {
        static ContentTypes read(Connection conn, Set<String> tables) throws SQLException {
            Map<String, Naming> byTable = new LinkedHashMap<>();
            Set<String> apps = new java.util.LinkedHashSet<>();
            if (!tables.contains("django_content_type")) {
                return new ContentTypes(byTable, apps, false);
            }
            Map<String, String> camel = tables.contains("auth_permission") ? permissionNames(conn) : Map.of();
            try (var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT app_label, model FROM django_content_type")) {
                while (rs.next()) {
                    String app = rs.getString(1);
                    String model = rs.getString(2);
                    apps.add(app);
                    String table = app + "_" + model;
                    if (tables.contains(table)) {
                        String name = camel.getOrDefault(app + "." + model, capitalize(model));
                        byTable.put(table, new Naming(app, name));
                    }
                }
            }
            return new ContentTypes(byTable, apps, true);
        }

        /**
         * {@code app.model} to CamelCase from Django's default permission names ("Can view realm count": the
         * verbose name Django derived from RealmCount) when its words join to the model name.
         */
        private static Map<String, String> permissionNames(Connection conn) throws SQLException {
            Map<String, String> out = new LinkedHashMap<>();
            try (var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT ct.app_label, ct.model, p.name FROM auth_permission p "
                         + "JOIN django_content_type ct ON p.content_type_id = ct.id WHERE p.codename LIKE 'view\\_%' "
                         + "ESCAPE '\\' OR p.codename LIKE 'add\\_%' ESCAPE '\\'")) {
                while (rs.next()) {
                    String key = rs.getString(1) + "." + rs.getString(2);
                    String label = rs.getString(3);
                    for (String verb : List.of("Can view ", "Can add ")) {
                        if (label != null && label.startsWith(verb)) {
                            String words = label.substring(verb.length());
                            StringBuilder sb = new StringBuilder();
                            for (String w : words.split(" ")) {
                                sb.append(capitalize(w));
                            }
                            if (sb.toString().toLowerCase(Locale.ROOT).equals(rs.getString(2))) {
                                out.put(key, sb.toString());
                            }
                        }
                    }
                }
            }
            return out;
        }

        Naming naming(String table) {
            return byTable.get(table);
        }
    }

    /**
     * Names from table names alone: the longest known app label (from content types, else the leading word that
     * several tables share) is the app, and the rest, CamelCased at its underscores, the model.
     */
    private record TableNames(Set<String> apps, String fixedApp) {
        TableNames(Set<String> tables, Set<String> knownApps, String fixedApp) {
            this(appsOf(tables, knownApps), fixedApp);
        }

        private static Set<String> appsOf(Set<String> tables, Set<String> knownApps) {
            if (!knownApps.isEmpty()) {
                return knownApps;
            }
            Map<String, Integer> firstWords = new LinkedHashMap<>();
            for (String t : tables) {
                int us = t.indexOf('_');
                if (us > 0) {
                    firstWords.merge(t.substring(0, us), 1, Integer::sum);
                }
            }
            Set<String> apps = new java.util.LinkedHashSet<>();
            firstWords.forEach((w, n) -> {
                if (n > 1 || tables.size() == 1) {
                    apps.add(w);
                }
            });
            return apps;
        }

        Naming naming(String table) {
            String app = fixedApp;
            if (app == null) {
                app = apps.stream().filter(a -> table.startsWith(a + "_") && table.length() > a.length() + 1)
                        .max(java.util.Comparator.comparingInt(String::length)).orElse("app");
            }
            String base = table.startsWith(app + "_") ? table.substring(app.length() + 1) : table;
            StringBuilder sb = new StringBuilder();
            for (String part : base.split("_")) {
                sb.append(capitalize(part));
            }
            return new Naming(app, sb.toString());
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
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
