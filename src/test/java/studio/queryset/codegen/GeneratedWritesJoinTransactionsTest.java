package studio.queryset.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.queryset.codegen.ExportOptions.Flavour;
import studio.queryset.django.DjangoParser;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.support.PostgresSupport;
import studio.queryset.support.SampleDatabases;

/**
 * Generated update()/delete() code, both flavours, on SQLite and PostgreSQL, compiled and run: with auto-commit
 * on it commits its own transaction and leaves auto-commit on; inside a caller's open transaction it neither
 * commits (the caller's rollback undoes everything) nor rolls back (a failure leaves the caller's earlier work
 * in place for the caller to decide).
 */
class GeneratedWritesJoinTransactionsTest {
    static Schema schema;
    @TempDir
    static Path dir;

    private static final Map<String, String> QUERIES = Map.of(
            "bump", "Post.objects.filter(pk=Param(\"pk\")).update(view_count=F(\"view_count\") + 1)",
            "rename", "Post.objects.filter(pk=Param(\"pk\")).update(slug=Param(\"slug\"))",
            "dropAuthor", "Author.objects.filter(pk=Param(\"pk\")).delete()");

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
    }

    /** The generated methods of one flavour for one database, called by name. */
    private record Generated(Flavour flavour, Map<String, Method> methods) {
        Object call(String name, Connection c, Object... args) throws Throwable {
            Method m = methods.get(name);
            List<Object> all = new ArrayList<>();
            all.add(c);
            all.addAll(List.of(args));
            try {
                return m.invoke(null, all.toArray());
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static Generated generate(Flavour flavour, Dialect dialect) throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        String pkg = "tx." + flavour.name().toLowerCase() + "." + dialect.name().toLowerCase();
        for (var q : QUERIES.entrySet()) {
            String cls = Names.upperFirst(q.getKey());
            Exporter.Exported e = Exporter.export(schema, dialect, new ExportOptions(flavour, pkg, cls, q.getKey()),
                    null, List.of(DjangoParser.parse(q.getValue(), schema)));
            sources.put(pkg + "." + cls, e.source());
            e.companions().forEach(c -> sources.put(pkg + "." + c.fileName().replace(".java", ""), c.source()));
        }
        ClassLoader loader = GeneratedCode.compile(sources, dir.resolve(pkg));
        Map<String, Method> methods = new LinkedHashMap<>();
        for (String name : QUERIES.keySet()) {
            Class<?> c = loader.loadClass(pkg + "." + Names.upperFirst(name));
            for (Method m : c.getMethods()) {
                if (m.getName().equals(name)) {
                    methods.put(name, m);
                }
            }
        }
        return new Generated(flavour, methods);
    }

    private interface Opener {
        Connection open() throws SQLException;
    }

    @Test
    void onSqlite() throws Throwable {
        Path db = SampleDatabases.sqliteCopy(dir);
        for (Flavour f : List.of(Flavour.JAVA_JDBC, Flavour.JAVA_API)) {
            check(generate(f, Dialect.SQLITE), () -> DriverManager.getConnection("jdbc:sqlite:" + db), false);
        }
    }

    @Test
    void onPostgresql() throws Throwable {
        try (Connection admin = PostgresSupport.connectOrSkip()) {
            String pgSchema = PostgresSupport.createTempSchema(admin, "qss_tx");
            try {
                try (Connection c = DriverManager.getConnection(PostgresSupport.url())) {
                    SampleDatabases.loadIntoPostgres(c, pgSchema);
                }
                Opener open = () -> {
                    Connection c = DriverManager.getConnection(PostgresSupport.url());
                    try (Statement st = c.createStatement()) {
                        st.execute("SET search_path TO " + PostgresSupport.quote(pgSchema));
                    }
                    return c;
                };
                for (Flavour f : List.of(Flavour.JAVA_JDBC, Flavour.JAVA_API)) {
                    check(generate(f, Dialect.POSTGRESQL), open, true);
                }
            } finally {
                PostgresSupport.dropSchema(admin, pgSchema);
            }
        }
    }

    private static void check(Generated g, Opener open, boolean postgres) throws Throwable {
        String as = g.flavour().id();
        // auto-commit on: its own transaction, committed; auto-commit stays on
        try (Connection c = open.open()) {
            long before = views(c, 1);
            assertThat(((Number) g.call("bump", c, 1L)).longValue()).isEqualTo(1);
            assertThat(c.getAutoCommit()).as(as).isTrue();
            try (Connection other = open.open()) {
                assertThat(views(other, 1)).as(as + ": committed, seen elsewhere").isEqualTo(before + 1);
            }
        }
        // in the caller's transaction: nothing committed, the caller's rollback undoes it all
        try (Connection c = open.open()) {
            long views = views(c, 2);
            long authors = count(c, "blog_author");
            c.setAutoCommit(false);
            execute(c, "UPDATE blog_author SET name = 'Changed by the caller' WHERE id = 1");
            assertThat(((Number) g.call("bump", c, 2L)).longValue()).isEqualTo(1);
            assertThat(((Number) g.call("dropAuthor", c, 3L)).longValue()).as(as + ": cascades").isGreaterThan(1);
            assertThat(c.getAutoCommit()).as(as + ": the caller's mode is kept").isFalse();
            c.rollback();
            assertThat(views(c, 2)).as(as).isEqualTo(views);
            assertThat(count(c, "blog_author")).as(as + ": the delete was not committed").isEqualTo(authors);
            assertThat(name(c, 1)).as(as + ": the caller's change was not committed").isNotEqualTo(
                    "Changed by the caller");
        }
        // a failure in the caller's transaction: not rolled back by the generated code
        try (Connection c = open.open()) {
            c.setAutoCommit(false);
            execute(c, "UPDATE blog_author SET name = 'Kept until the caller decides' WHERE id = 1");
            String taken = slug(c, 5);
            Throwable failure = null;
            try {
                g.call("rename", c, 4L, taken);
            } catch (Throwable t) {
                failure = t;
            }
            assertThat(failure).as(as + ": a slug another post has").isNotNull();
            assertThat(failure.getMessage()).as(as).containsIgnoringCase("unique");
            assertThat(c.getAutoCommit()).isFalse();
            if (postgres) {
                // the transaction is still the caller's, aborted by the error: had the code rolled back, this would run
                assertThatThrownBy(() -> name(c, 1)).as(as).isInstanceOf(SQLException.class)
                        .hasMessageContaining("current transaction is aborted");
            } else {
                assertThat(name(c, 1)).as(as + ": the caller's work is still there").isEqualTo(
                        "Kept until the caller decides");
            }
            c.rollback();
            assertThat(name(c, 1)).isNotEqualTo("Kept until the caller decides");
        }
    }

    private static long views(Connection c, long post) throws SQLException {
        return ((Number) one(c, "SELECT view_count FROM blog_post WHERE id = ?", post)).longValue();
    }

    private static String slug(Connection c, long post) throws SQLException {
        return (String) one(c, "SELECT slug FROM blog_post WHERE id = ?", post);
    }

    private static String name(Connection c, long author) throws SQLException {
        return (String) one(c, "SELECT name FROM blog_author WHERE id = ?", author);
    }

    private static long count(Connection c, String table) throws SQLException {
        return ((Number) one(c, "SELECT COUNT(*) FROM " + table + " WHERE id > ?", 0L)).longValue();
    }

    private static Object one(Connection c, String sql, long arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql + " " + arg).isTrue();
                return rs.getObject(1);
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
