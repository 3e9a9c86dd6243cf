package studio.queryset.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import picocli.CommandLine.Option;
import studio.queryset.query.QueryException;
import studio.queryset.run.Connections;
import studio.queryset.schema.ImportWarning;
import studio.queryset.schema.JdbcIntrospector;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/** {@code --models PATH [--app-label L]}: the schema from a models.py, else introspected from the database. */
final class SchemaOptions {
    @Option(names = "--models", description = "Django models.py, models/ package, app folder or project folder "
            + "(all its apps) to read; never executed")
    Path models;

    @Option(names = "--app-label", description = "App label of a single models.py or app (default: the app "
            + "folder's name or its apps.py label)")
    String appLabel;

    @Option(names = "--user-model", description = "What settings.AUTH_USER_MODEL names (app_label.Model); default: "
            + "the AUTH_USER_MODEL of the project's settings, else auth.User")
    String userModel;

    /**
     * For commands that run nothing: the models.py when given, else the schema introspected from {@code db}
     * over a read-only connection closed right after.
     */
    Schema loadForCompiling(String db) {
        if (db == null || models != null) {
            return load(null);
        }
        try (Connection c = Connections.open(db, false)) {
            return load(c);
        } catch (java.sql.SQLException e) {
            throw new QueryException("SchemaError", "cannot close " + db + ": " + e.getMessage());
        }
    }

    /** The dialect of {@code db} when given, else the named one. */
    static Dialect dialect(String db, String dialectName) {
        return db != null ? Dialect.fromJdbcUrl(db) : Dialect.parse(dialectName);
    }

    Schema load(Connection connectionOrNull) {
        if (models != null) {
            if (!Files.isRegularFile(models) && !Files.isDirectory(models)) {
                throw new QueryException("SchemaError", "--models: no such file or folder: " + models.toAbsolutePath()
                        + " (give a models.py, a models/ package, an app folder or a project folder)");
            }
            try {
                return printWarnings(ModelsPyImporter.importFile(models, appLabel, userModel));
            } catch (IOException e) {
                throw new QueryException("SchemaError", "cannot read " + models + ": " + e.getMessage());
            } catch (OutOfMemoryError | StackOverflowError e) {
                // one line, not a JVM stack trace: what ran out, and how to give it more
                throw new QueryException(studio.queryset.query.ResourceErrors.kind(e), "out of "
                        + (e instanceof OutOfMemoryError ? "memory (heap limit " + Runtime.getRuntime().maxMemory()
                        / (1024 * 1024) + " MB) reading " + models + "; run java with a larger -Xmx, e.g. "
                        + "java -Xmx2g -jar queryset-studio.jar ..." : "stack reading " + models
                        + " (nesting too deep); run java with a larger -Xss, e.g. -Xss8m"));
            }
        }
        if (connectionOrNull == null) {
            throw new QueryException("SchemaError", "give --models PATH/models.py (or --db to introspect the "
                    + "database)");
        }
        return printWarnings(JdbcIntrospector.introspect(connectionOrNull, appLabel));
    }

    /** What the import or introspection assumed, one {@code warning:} line each on stderr. */
    private static Schema printWarnings(Schema schema) {
        for (ImportWarning w : schema.warnings()) {
            System.err.println("warning: " + w);
        }
        return schema;
    }

    /** The schema's warnings as the {@code "warnings"} array of a JSON answer (none: no array). */
    static void putWarnings(ObjectNode o, Schema schema) {
        if (!schema.warnings().isEmpty()) {
            ArrayNode a = o.putArray("warnings");
            schema.warnings().forEach(w -> a.add(w.toString()));
        }
    }
}
