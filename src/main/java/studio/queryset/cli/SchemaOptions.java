package studio.queryset.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import picocli.CommandLine.Option;
import studio.queryset.query.QueryException;
import studio.queryset.schema.JdbcIntrospector;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/** {@code --models PATH [--app-label L]}: the schema from a models.py, else introspected from the database. */
final class SchemaOptions {
    @Option(names = "--models", description = "Django models.py to read (never executed)")
    Path models;

    @Option(names = "--app-label", description = "App label (default: the models.py folder's name)")
    String appLabel;

    Schema load(Connection connectionOrNull) {
        if (models != null) {
            if (!Files.isRegularFile(models)) {
                throw new QueryException("SchemaError", "models.py not found: " + models.toAbsolutePath());
            }
            try {
                return ModelsPyImporter.importFile(models, appLabel);
            } catch (IOException e) {
                throw new QueryException("SchemaError", "cannot read " + models + ": " + e.getMessage());
            }
        }
        if (connectionOrNull == null) {
            throw new QueryException("SchemaError", "give --models PATH/models.py (or --db to introspect the "
                    + "database)");
        }
        return JdbcIntrospector.introspect(connectionOrNull, appLabel);
    }
}
