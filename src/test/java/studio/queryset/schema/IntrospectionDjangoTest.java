package studio.queryset.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.django.DjangoParser;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;
import studio.queryset.support.PostgresSupport;

/**
 * Introspection of databases Django 3.2 created itself ({@code manage.py migrate}, resources introspect/*.sql, the
 * databases' own dumps) for a throwaway project with auth, contenttypes and two apps:
 * <pre>
 * shop:      Realm(name); RealmMember(realm FK Realm, user FK AUTH_USER_MODEL);
 *            ProductLine(title, price, owner FK user null related_name="+", watchers M2M user, related M2M "self");
 *            LegacyThing(label) with db_table "legacy_things"
 * analytics: RealmCount(realm FK shop.Realm, value, end_time);
 *            StreamCount(realm FK shop.Realm, stream_id) with verbose_name "stream statistic"
 * </pre>
 * The expected models, tables, columns and relations are what Django's app registry listed for that project.
 */
class IntrospectionDjangoTest {

    @Test
    void sqliteDatabaseMadeByDjango(@TempDir Path dir) throws Exception {
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db.sqlite3"))) {
            run(conn, load("django32.sqlite.sql"));
            check(JdbcIntrospector.introspect(conn, null), Dialect.SQLITE);
        }
    }

    @Test
    void postgresqlDatabaseMadeByDjango() throws Exception {
        try (Connection conn = PostgresSupport.connectOrSkip()) {
            String schema = PostgresSupport.createTempSchema(conn, "qss_introspect");
            try {
                List<String> statements = new ArrayList<>();
                for (String s : load("django32.postgresql.sql")) {
                    if (!s.startsWith("CREATE SCHEMA")) {
                        statements.add(s.replace("qss_importer_intro.", PostgresSupport.quote(schema) + "."));
                    }
                }
                run(conn, statements);
                conn.setSchema(schema);
                check(JdbcIntrospector.introspect(conn, null), Dialect.POSTGRESQL);
            } finally {
                conn.setSchema("public");
                PostgresSupport.dropSchema(conn, schema);
            }
        }
    }

    @Test
    void withoutContentTypesAppsComeFromSharedTablePrefixes(@TempDir Path dir) throws Exception {
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db.sqlite3"))) {
            run(conn, load("django32.sqlite.sql"));
            run(conn, List.of("DROP TABLE auth_group_permissions", "DROP TABLE auth_user_user_permissions",
                    "DROP TABLE auth_permission", "DROP TABLE django_content_type"));
            Schema s = JdbcIntrospector.introspect(conn, null);
            assertThat(s.models()).extracting(m -> m.appLabel() + "." + m.name()).containsExactlyInAnyOrder(
                    "analytics.Realmcount", "analytics.Streamcount", "auth.Group", "auth.User", "app.LegacyThings",
                    "shop.Productline", "shop.Realm", "shop.Realmmember");
            // every name is a guess from the table name, and each join table a guess from its columns: all said
            assertThat(s.warnings()).extracting(ImportWarning::toString).contains(
                    "shop_realmmember: table shop_realmmember has no django_content_type to name it: app label shop "
                            + "is the table-name prefix that several tables share, the model name the rest "
                            + "capitalized at its underscores; read as model shop.Realmmember",
                    "legacy_things: table legacy_things has no django_content_type to name it and no table-name "
                            + "prefix that other tables share: app label app assumed, the model name from the whole "
                            + "table name; read as model app.LegacyThings",
                    "shop_productline_watchers: table shop_productline_watchers (an id and two foreign keys, "
                            + "nothing else, and no content type) read as the join table of many-to-many "
                            + "Productline.watchers to User");
            assertThat(s.warnings()).hasSize(s.models().size() + 3);
            assertThat(s.warnings()).extracting(ImportWarning::model).doesNotContainNull();
            // two FKs and an id, but not named after either side's table: a model
            assertThat(s.model("Realmmember").field("user").orElseThrow().relation().target()).isEqualTo("User");
            assertThat(s.model("User").field("groups").orElseThrow().relation().throughTable())
                    .isEqualTo("auth_user_groups");
            assertThat(s.model("Productline").field("watchers").orElseThrow().relation().target()).isEqualTo("User");
        }
    }

    @Test
    void djangosOwnTablesWithADbTableOfTheirOwnAreTheirModels(@TempDir Path dir) throws Exception {
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db.sqlite3"))) {
            run(conn, load("django32.sqlite.sql"));
            // django.contrib.sites' table as Django 3.2 creates it, and its content type
            run(conn, List.of("CREATE TABLE \"django_site\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "
                    + "\"domain\" varchar(100) NOT NULL UNIQUE, \"name\" varchar(50) NOT NULL)",
                    "INSERT INTO django_content_type VALUES(11,'sites','site')"));
            Schema s = JdbcIntrospector.introspect(conn, null);
            assertThat(s.model("Site").appLabel()).isEqualTo("sites");
            assertThat(s.model("Site").table()).isEqualTo("django_site");
            assertThat(s.warnings()).extracting(ImportWarning::message).noneMatch(m -> m.contains("django_site"));
        }
    }

    private static void check(Schema s, Dialect dialect) {
        // apps and names from django_content_type; CamelCase from the permission names that spell it
        assertThat(s.models()).extracting(m -> m.appLabel() + "." + m.name() + " " + m.table()).containsExactlyInAnyOrder(
                "auth.Permission auth_permission", "auth.Group auth_group", "auth.User auth_user",
                "contenttypes.ContentType django_content_type", "shop.Realm shop_realm",
                "shop.RealmMember shop_realmmember", "shop.ProductLine shop_productline",
                "analytics.RealmCount analytics_realmcount", "analytics.Streamcount analytics_streamcount",
                "app.LegacyThings legacy_things");
        assertThat(s.warnings()).extracting(ImportWarning::toString).containsExactlyInAnyOrder("legacy_things: "
                + "table legacy_things matches no row of django_content_type (a db_table of its own?); read as model "
                + "app.LegacyThings", joinTable("auth_group_permissions", "Group.permissions to Permission"),
                joinTable("auth_user_groups", "User.groups to Group"),
                joinTable("auth_user_user_permissions", "User.user_permissions to Permission"),
                joinTable("shop_productline_related", "ProductLine.related to ProductLine"),
                joinTable("shop_productline_watchers", "ProductLine.watchers to User"));
        // a model with exactly two foreign keys and an id is still a model: its content type claims it
        Model member = s.model("RealmMember");
        assertThat(member.concreteFields()).extracting(f -> f.column() + (f.isRelation() ? "->"
                + f.relation().target() : "")).containsExactlyInAnyOrder("id", "realm_id->Realm", "user_id->User");
        // FKs into auth_* are relations; Django's M2M tables are M2M fields with Django's columns
        Model product = s.model("ProductLine");
        assertThat(product.field("owner").orElseThrow().relation().target()).isEqualTo("User");
        Relation watchers = product.field("watchers").orElseThrow().relation();
        assertThat(List.of(watchers.kind(), watchers.target(), watchers.throughTable(), watchers.throughSourceColumn(),
                watchers.throughTargetColumn())).containsExactly(RelationKind.MANY_TO_MANY, "User",
                "shop_productline_watchers", "productline_id", "user_id");
        Relation related = product.field("related").orElseThrow().relation();
        assertThat(List.of(related.target(), related.throughTable(), related.throughSourceColumn(),
                related.throughTargetColumn())).containsExactly("ProductLine", "shop_productline_related",
                "from_productline_id", "to_productline_id");
        Relation groups = s.model("User").field("groups").orElseThrow().relation();
        assertThat(List.of(groups.target(), groups.throughTable(), groups.throughSourceColumn(),
                groups.throughTargetColumn())).containsExactly("Group", "auth_user_groups", "user_id", "group_id");
        assertThat(s.model("Group").field("permissions").orElseThrow().relation().target()).isEqualTo("Permission");
        assertThat(s.model("Permission").field("content_type").orElseThrow().relation().target())
                .isEqualTo("ContentType");
        assertThat(s.models()).extracting(Model::table).doesNotContain("auth_user_groups", "shop_productline_watchers",
                "django_migrations");
        // Django 3.2: ... FROM "shop_productline" INNER JOIN "shop_productline_watchers" ON ("shop_productline"."id"
        // = "shop_productline_watchers"."productline_id") INNER JOIN "auth_user" ON
        // ("shop_productline_watchers"."user_id" = "auth_user"."id") WHERE "auth_user"."username" = x
        assertThat(sql(s, "ProductLine.objects.filter(watchers__username=\"x\")", dialect)).endsWith(
                "FROM \"shop_productline\" INNER JOIN \"shop_productline_watchers\" ON (\"shop_productline\".\"id\" = "
                        + "\"shop_productline_watchers\".\"productline_id\") INNER JOIN \"auth_user\" ON "
                        + "(\"shop_productline_watchers\".\"user_id\" = \"auth_user\".\"id\") WHERE "
                        + "\"auth_user\".\"username\" = " + "?");
        assertThat(sql(s, "RealmCount.objects.filter(realm__name=\"r\")", dialect)).endsWith("FROM "
                + "\"analytics_realmcount\" INNER JOIN \"shop_realm\" ON (\"analytics_realmcount\".\"realm_id\" = "
                + "\"shop_realm\".\"id\") WHERE \"shop_realm\".\"name\" = ?");
    }

    @Test
    void aJoinTableNoModelNamesIsAModelAndUnmappedColumnTypesAreSaid(@TempDir Path dir) throws Exception {
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db.sqlite3"))) {
            run(conn, load("django32.sqlite.sql"));
            run(conn, List.of("CREATE TABLE \"shop_pairing\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "
                    + "\"left_id\" integer NOT NULL REFERENCES \"shop_realm\" (\"id\"), \"right_id\" integer "
                    + "NOT NULL REFERENCES \"auth_user\" (\"id\"), \"photo\" blob NULL)",
                    "CREATE TABLE \"shop_realm_pairs\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "
                    + "\"realm_id\" integer NOT NULL REFERENCES \"shop_realm\" (\"id\"), \"session_id\" "
                    + "varchar(40) NOT NULL REFERENCES \"django_session\" (\"session_key\"))",
                    "INSERT INTO django_content_type VALUES(11,'shop','pairing')"));
            Schema s = JdbcIntrospector.introspect(conn, null);
            // shop_realm_pairs: id + two FKs named like shop_realm's M2M, but its other side is django_session, no
            // model: a model of its own, said so, never dropped
            assertThat(s.model("RealmPairs").table()).isEqualTo("shop_realm_pairs");
            assertThat(s.model("Realm").field("pairs")).isEmpty();
            assertThat(s.warnings()).extracting(ImportWarning::toString).contains(
                    "shop_realm_pairs: table shop_realm_pairs has only an id and two foreign keys, but no table of a "
                            + "model it points at names it (<table>_<field>); read as model shop.RealmPairs",
                    "shop_pairing: column shop_pairing.photo has type BLOB, which the introspector does not map; "
                            + "read as text (CharField)");
            assertThat(s.model("Pairing").field("photo").orElseThrow().valueType()).isEqualTo(ValueType.TEXT);
        }
    }

    private static String joinTable(String table, String field) {
        return table + ": table " + table + " (an id and two foreign keys, nothing else, and no content type) read "
                + "as the join table of many-to-many " + field;
    }

    private static String sql(Schema s, String expr, Dialect dialect) {
        return SqlCompiler.plan(s, DjangoParser.parse(expr, s), dialect).statements().get(0).sql();
    }

    /** The dump's statements (one per ';' at a line end), comments left out. */
    private static List<String> load(String name) throws Exception {
        String text;
        try (var in = IntrospectionDjangoTest.class.getResourceAsStream("/introspect/" + name)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("--") || line.isBlank()) {
                continue;
            }
            sb.append(line).append('\n');
            if (line.endsWith(";")) {
                out.add(sb.toString().strip());
                sb.setLength(0);
            }
        }
        return out;
    }

    private static void run(Connection conn, List<String> statements) throws Exception {
        try (Statement st = conn.createStatement()) {
            for (String s : statements) {
                if (!s.equals("BEGIN TRANSACTION;") && !s.equals("COMMIT;") && !s.equals("PRAGMA foreign_keys=OFF;")) {
                    st.execute(s);
                }
            }
        }
    }
}
