package studio.queryset.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import studio.queryset.sql.Dialect;

/**
 * Creates the sample blog's tables in a database and fills them with {@link BlogDataGenerator}'s rows: the
 * engine behind {@code queryset-studio sample-db}. Everything happens in one transaction: the CREATE TABLE
 * statements of the dialect's DDL ({@code /sample-db/schema.<dialect>.sql} on the class path, copied from
 * {@code sample-db/} by the build), then the rows in JDBC batches, then the rest of the DDL (indexes and,
 * on PostgreSQL, foreign keys), which is faster than keeping indexes up to date row by row.
 */
public final class SampleDbLoader {

    /** The sample's tables, parents first. */
    public static final List<String> TABLES = List.of(
            "blog_author", "blog_profile", "blog_tag", "blog_post", "blog_post_tags", "blog_comment");

    private static final int BATCH = 1_000;

    /**
     * What to load where.
     *
     * @param url    {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}
     * @param schema PostgreSQL schema to create (if missing) and load into, or null for the current one
     * @param posts  number of posts; authors and comments scale with it
     * @param force  drop the sample's tables first when they exist (else refuse)
     * @param seed   random seed; the same seed gives the same rows
     */
    public record Options(String url, String schema, int posts, boolean force, long seed) {
        public static Options defaults(String url) {
            return new Options(url, null, BlogDataGenerator.DEFAULT_POSTS, false, BlogDataGenerator.DEFAULT_SEED);
        }

        public Options withSchema(String newSchema) {
            return new Options(url, newSchema, posts, force, seed);
        }

        public Options withPosts(int newPosts) {
            return new Options(url, schema, newPosts, force, seed);
        }

        public Options withForce(boolean newForce) {
            return new Options(url, schema, posts, newForce, seed);
        }
    }

    /** What was loaded. */
    public record Result(Dialect dialect, BlogDataGenerator.Counts counts, long nanos) {
    }

    private SampleDbLoader() {
    }

    /**
     * Loads the sample. {@code progress} gets short human-readable lines (may be null); the work is the same
     * either way.
     */
    public static Result load(Options options, Consumer<String> progress) throws SampleDbException {
        long start = System.nanoTime();
        Consumer<String> say = progress == null ? s -> { } : progress;
        Dialect dialect;
        try {
            dialect = Dialect.fromJdbcUrl(options.url());
        } catch (IllegalArgumentException e) {
            throw new SampleDbException("unsupported database URL '" + redact(options.url())
                    + "': use jdbc:sqlite:FILE, jdbc:postgresql://HOST:PORT/DB?user=... or "
                    + "jdbc:mariadb://HOST:PORT/DB?user=...");
        }
        if (options.schema() != null && dialect != Dialect.POSTGRESQL) {
            throw new SampleDbException("--schema works only with PostgreSQL (" + dialect.displayName()
                    + " has no schemas)");
        }
        if (options.schema() != null && options.schema().isBlank()) {
            throw new SampleDbException("--schema needs a name");
        }
        BlogDataGenerator.Sizes sizes;
        try {
            sizes = BlogDataGenerator.Sizes.forPosts(options.posts());
        } catch (IllegalArgumentException e) {
            throw new SampleDbException(e.getMessage());
        }
        List<String> ddl = SqlScript.fromClasspath(
                "/sample-db/schema." + dialect.name().toLowerCase(Locale.ROOT) + ".sql");

        try (Connection conn = connect(options.url(), dialect)) {
            List<String> existing = existingTables(conn, dialect, options.schema());
            if (!existing.isEmpty() && !options.force()) {
                throw new SampleDbException("the database already has the sample's tables ("
                        + String.join(", ", existing) + "); add --force to drop and recreate them");
            }
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                if (dialect == Dialect.SQLITE) {
                    st.execute("PRAGMA cache_size = -65536");
                }
                if (options.schema() != null) {
                    st.execute("CREATE SCHEMA IF NOT EXISTS " + dialect.quote(options.schema()));
                    st.execute("SET search_path TO " + dialect.quote(options.schema()));
                }
                if (!existing.isEmpty()) {
                    say.accept("dropping " + String.join(", ", existing));
                    dropTables(st, dialect, existing);
                }
                List<String> after = new ArrayList<>();
                for (String sql : ddl) {
                    if (sql.regionMatches(true, 0, "CREATE TABLE", 0, 12)) {
                        st.execute(sql);
                    } else {
                        after.add(sql);
                    }
                }
                BlogDataGenerator.Counts counts;
                try (JdbcSink sink = new JdbcSink(conn, dialect, say)) {
                    counts = new BlogDataGenerator(options.seed(), sizes).generate(sink);
                }
                say.accept("creating indexes and constraints");
                for (String sql : after) {
                    st.execute(sql);
                }
                if (dialect == Dialect.POSTGRESQL) {
                    for (String table : TABLES) {
                        String q = dialect.quote(table);
                        // explicit ids do not move identity sequences: move them past the rows, as Django's
                        // sqlsequencereset does, so later inserts get fresh ids
                        st.execute("SELECT setval(pg_get_serial_sequence('" + q + "', 'id'), "
                                + "COALESCE(MAX(\"id\"), 1), MAX(\"id\") IS NOT NULL) FROM " + q);
                    }
                }
                conn.commit();
                if (dialect == Dialect.POSTGRESQL) {
                    st.execute("ANALYZE " + String.join(", ", TABLES.stream().map(dialect::quote).toList()));
                    conn.commit();
                }
                conn.setAutoCommit(true);
                if (dialect == Dialect.SQLITE && !existing.isEmpty()) {
                    st.execute("VACUUM"); // give back the dropped tables' pages
                }
                return new Result(dialect, counts, System.nanoTime() - start);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(conn);
                throw e;
            }
        } catch (SQLException e) {
            throw new SampleDbException(describe(e, options.url()), e);
        }
    }

    private static Connection connect(String url, Dialect dialect) throws SampleDbException {
        Properties props = new Properties();
        if (dialect == Dialect.SQLITE) {
            Path file = sqliteFile(url);
            if (file != null && file.toAbsolutePath().getParent() != null) {
                try {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                } catch (java.io.IOException e) {
                    String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                            : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                            : e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                            : oneLine(e.getMessage());
                    throw new SampleDbException("cannot create the folder " + file.toAbsolutePath().getParent()
                            + " for the SQLite database: " + why);
                }
            }
        } else if (dialect == Dialect.MARIADB) {
            // parameters in the URL win over these defaults; Connector/J's timeout is in milliseconds and it
            // sends batches as bulk statements by default
            props.setProperty("connectTimeout", "10000");
        } else {
            // parameters in the URL win over these defaults
            props.setProperty("reWriteBatchedInserts", "true");
            props.setProperty("connectTimeout", "10");
        }
        try {
            return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw new SampleDbException("cannot connect to " + redact(url) + ": " + oneLine(e.getMessage()), e);
        }
    }

    /** The file of a {@code jdbc:sqlite:} URL, or null for an in-memory database. */
    static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring(5);
        }
        if (rest.isEmpty() || rest.equals(":memory:") || rest.startsWith(":resource:")) {
            return null;
        }
        return Path.of(rest);
    }

    private static List<String> existingTables(Connection conn, Dialect dialect, String schema) throws SQLException {
        String in = String.join(", ", TABLES.stream().map(t -> "'" + t + "'").toList());
        String sql;
        if (dialect == Dialect.SQLITE) {
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (" + in + ")";
        } else if (dialect == Dialect.MARIADB) {
            sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ("
                    + in + ")";
        } else {
            sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                    + (schema == null ? "current_schema()" : "?") + " AND table_name IN (" + in + ")";
        }
        List<String> found = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            if (dialect == Dialect.POSTGRESQL && schema != null) {
                ps.setString(1, schema);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        found.sort((a, b) -> Integer.compare(TABLES.indexOf(a), TABLES.indexOf(b)));
        return found;
    }

    private static void dropTables(Statement st, Dialect dialect, List<String> existing) throws SQLException {
        List<String> childrenFirst = new ArrayList<>(existing);
        java.util.Collections.reverse(childrenFirst);
        for (String table : childrenFirst) {
            st.execute("DROP TABLE IF EXISTS " + dialect.quote(table)
                    + (dialect == Dialect.POSTGRESQL ? " CASCADE" : ""));
        }
    }

    private static void rollbackQuietly(Connection conn) {
        try {
            if (!conn.getAutoCommit()) {
                conn.rollback();
            }
        } catch (SQLException ignored) {
            // the original failure is the one to report
        }
    }

    private static String describe(SQLException e, String url) {
        SQLException cause = e.getNextException() != null ? e.getNextException() : e; // batches hide the cause
        return "failed on " + redact(url) + ": " + oneLine(cause.getMessage());
    }

    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        String s = message.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }

    /** The URL with any password hidden, for messages. */
    public static String redact(String url) {
        return url == null ? "" : url.replaceAll("(?i)(password=)[^&;]*", "$1***")
                .replaceAll("(//[^/:@]+:)[^@/]*@", "$1***@");
    }

    /** Writes the generator's rows with one batched PreparedStatement a table. */
    private static final class JdbcSink implements BlogDataGenerator.Sink, AutoCloseable {
        private final Dialect dialect;
        private final Consumer<String> say;
        private final Batch authors;
        private final Batch profiles;
        private final Batch tags;
        private final Batch posts;
        private final Batch postTags;
        private final Batch comments;
        private final List<Batch> all;

        JdbcSink(Connection conn, Dialect dialect, Consumer<String> say) throws SQLException {
            this.dialect = dialect;
            this.say = say;
            authors = new Batch(conn, dialect, "blog_author", "id", "name", "email");
            profiles = new Batch(conn, dialect, "blog_profile", "id", "author_id", "bio", "website");
            tags = new Batch(conn, dialect, "blog_tag", "id", "name");
            posts = new Batch(conn, dialect, "blog_post", "id", "title", "slug", "body", "author_id", "published_at",
                    "updated_at", "view_count");
            postTags = new Batch(conn, dialect, "blog_post_tags", "id", "post_id", "tag_id");
            comments = new Batch(conn, dialect, "blog_comment", "id", "post_id", "author_name", "body", "created_at");
            all = List.of(authors, profiles, tags, posts, postTags, comments);
        }

        @Override
        public void author(int id, String name, String email) throws SQLException {
            PreparedStatement ps = authors.ps;
            ps.setInt(1, id);
            ps.setString(2, name);
            ps.setString(3, email);
            authors.add();
        }

        @Override
        public void profile(int id, int authorId, String bio, String website) throws SQLException {
            PreparedStatement ps = profiles.ps;
            ps.setInt(1, id);
            ps.setInt(2, authorId);
            ps.setString(3, bio);
            if (website == null) {
                ps.setNull(4, Types.VARCHAR);
            } else {
                ps.setString(4, website);
            }
            profiles.add();
        }

        @Override
        public void tag(int id, String name) throws SQLException {
            tags.ps.setInt(1, id);
            tags.ps.setString(2, name);
            tags.add();
        }

        @Override
        public void post(int id, String title, String slug, String body, int authorId, LocalDateTime publishedAt,
                         LocalDateTime updatedAt, int viewCount) throws SQLException {
            PreparedStatement ps = posts.ps;
            ps.setInt(1, id);
            ps.setString(2, title);
            ps.setString(3, slug);
            ps.setString(4, body);
            ps.setInt(5, authorId);
            setDateTime(ps, 6, publishedAt);
            setDateTime(ps, 7, updatedAt);
            ps.setInt(8, viewCount);
            posts.add();
        }

        @Override
        public void postTag(int id, int postId, int tagId) throws SQLException {
            PreparedStatement ps = postTags.ps;
            ps.setInt(1, id);
            ps.setInt(2, postId);
            ps.setInt(3, tagId);
            if (postTags.pending + 1 >= BATCH) {
                posts.flush(); // parents reach the database before their children
            }
            postTags.add();
        }

        @Override
        public void comment(int id, int postId, String authorName, String body, LocalDateTime createdAt)
                throws SQLException {
            if (id == 1) {
                flushAll(); // every post is in before the first comment
            }
            PreparedStatement ps = comments.ps;
            ps.setInt(1, id);
            ps.setInt(2, postId);
            ps.setString(3, authorName);
            ps.setString(4, body);
            setDateTime(ps, 5, createdAt);
            comments.add();
        }

        @Override
        public void progress(String table, long done, long total) {
            say.accept(String.format(Locale.ROOT, "%s: %,d of %,d rows", table, done, total));
        }

        /**
         * Django's storage: text 'YYYY-MM-DD HH:MM:SS' on SQLite; a UTC timestamp with time zone on
         * PostgreSQL; a naive datetime(6) on MariaDB.
         */
        private void setDateTime(PreparedStatement ps, int index, LocalDateTime value) throws SQLException {
            if (dialect == Dialect.SQLITE) {
                if (value == null) {
                    ps.setNull(index, Types.VARCHAR);
                } else {
                    ps.setString(index, sqliteText(value));
                }
            } else if (dialect == Dialect.MARIADB) {
                // datetime(6) without a zone: the UTC wall time, as Django with USE_TZ=False stores it
                if (value == null) {
                    ps.setNull(index, Types.TIMESTAMP);
                } else {
                    ps.setObject(index, value, Types.TIMESTAMP);
                }
            } else if (value == null) {
                ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(index, value.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            }
        }

        void flushAll() throws SQLException {
            for (Batch b : all) {
                b.flush();
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                flushAll();
            } finally {
                for (Batch b : all) {
                    b.ps.close();
                }
            }
        }
    }

    /** {@code 2024-01-01 00:00:00}, as Django stores a datetime without microseconds in SQLite. */
    static String sqliteText(LocalDateTime t) {
        char[] c = new char[19];
        put(c, 0, t.getYear(), 4);
        c[4] = '-';
        put(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, t.getDayOfMonth(), 2);
        c[10] = ' ';
        put(c, 11, t.getHour(), 2);
        c[13] = ':';
        put(c, 14, t.getMinute(), 2);
        c[16] = ':';
        put(c, 17, t.getSecond(), 2);
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static final class Batch {
        final PreparedStatement ps;
        int pending;

        Batch(Connection conn, Dialect dialect, String table, String... columns) throws SQLException {
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(dialect.quote(table)).append(" (");
            for (int i = 0; i < columns.length; i++) {
                sql.append(i == 0 ? "" : ", ").append(dialect.quote(columns[i]));
            }
            sql.append(") VALUES (").append("?, ".repeat(columns.length - 1)).append("?)");
            ps = conn.prepareStatement(sql.toString());
        }

        void add() throws SQLException {
            ps.addBatch();
            if (++pending >= BATCH) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (pending > 0) {
                ps.executeBatch();
                pending = 0;
            }
        }
    }
}
