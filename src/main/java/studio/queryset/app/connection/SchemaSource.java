package studio.queryset.app.connection;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import studio.queryset.query.QueryException;
import studio.queryset.run.Connections;
import studio.queryset.schema.JdbcIntrospector;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.schema.SchemaException;

/**
 * Where the window's schema comes from besides the bundled sample: a Django {@code models.py} attached to the
 * current database (read, never run; the app label is its folder's name, as on the command line) or the
 * database itself, introspected over JDBC. Failures are {@link Failure}s naming the file and line; the caller
 * keeps the schema it had. Blocking: the workbench calls it off the FX thread.
 */
public final class SchemaSource {
    private SchemaSource() {
    }

    /**
     * A schema that could not be loaded.
     *
     * @param source the models.py or database it was loaded from
     * @param line   the models.py line at fault, or 0 when the error is not about one line
     */
    public static final class Failure extends Exception {
        private final String source;
        private final int line;

        Failure(String source, int line, String message) {
            super(message);
            this.source = source;
            this.line = line;
        }

        public String source() {
            return source;
        }

        public int line() {
            return line;
        }
    }

    /** A loaded schema and how to name where it came from ("models.py (blog)", "introspected blog.sqlite3"). */
    public record Loaded(Schema schema, String description) { }

    /** A models.py, a models/ package, an app folder or a whole project folder (every app in it). */
    public static Loaded modelsPy(Path file) throws Failure {
        String name = file.toString();
        if (!Files.isRegularFile(file) && !Files.isDirectory(file)) {
            throw new Failure(name, 0, file + " does not exist; choose a Django models.py or project folder");
        }
        try {
            Schema s = ModelsPyImporter.importFile(file, null);
            if (s.models().isEmpty()) {
                throw new Failure(name, 0, file + " defines no models (no class deriving from models.Model)");
            }
            if (Files.isDirectory(file)) {
                long apps = s.models().stream().filter(m -> m.line() > 0).map(m -> m.appLabel()).distinct().count();
                return new Loaded(s, file.getFileName() + " (" + apps + (apps == 1 ? " app)" : " apps)"));
            }
            Path folder = file.toAbsolutePath().getParent();
            return new Loaded(s, file.getFileName() + " (" + (folder == null ? "app" : folder.getFileName()) + ")");
        } catch (SchemaException e) {
            if (e.file() != null) {
                throw new Failure(e.file(), e.line(), e.detail()); // in a project: the module that failed
            }
            // the message starts "line N: " already; the dialog puts the line after the file's name
            String m = e.getMessage();
            String prefix = "line " + e.line() + ": ";
            throw new Failure(name, e.line(), e.line() > 0 && m.startsWith(prefix) ? m.substring(prefix.length()) : m);
        } catch (MalformedInputException e) {
            throw new Failure(name, 0, file + " is not UTF-8 text");
        } catch (NoSuchFileException e) {
            throw new Failure(name, 0, file + " does not exist");
        } catch (IOException e) {
            throw new Failure(name, 0, "cannot read " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new Failure(name, 0, file + " could not be imported: " + e);
        }
    }

    public static Loaded introspect(ConnectionTarget target) throws Failure {
        if (target == null) {
            throw new Failure("database", 0, "no database is connected (Database → Connect…)");
        }
        try (Connection conn = Connections.open(target.url(), false)) {
            Schema s = JdbcIntrospector.introspect(conn, null);
            return new Loaded(s, "introspected " + target.label());
        } catch (SchemaException e) {
            throw new Failure(target.label(), 0, e.getMessage());
        } catch (QueryException e) {
            throw new Failure(target.label(), 0, e.kind() + ": " + e.getMessage());
        } catch (SQLException e) {
            throw new Failure(target.label(), 0, "DatabaseError: " + e.getMessage());
        }
    }
}
