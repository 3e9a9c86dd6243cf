package studio.queryset.app.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;
import studio.queryset.schema.SchemaException;

/**
 * The bundled sample as loaded: its schema (null when models.py is missing or unreadable), its database
 * file (null when missing) and what went wrong, as problems rather than exceptions.
 */
public record SampleProject(ProjectHome home, Schema schema, Path database, List<Problem> problems) {

    public static final String APP_LABEL = "blog";
    private static final String SOURCE = "Sample";

    public SampleProject {
        problems = List.copyOf(problems);
    }

    public static SampleProject open(ProjectHome home) {
        List<Problem> problems = new ArrayList<>();
        Schema schema = null;
        Path models = home.modelsPy();
        if (!Files.isRegularFile(models)) {
            problems.add(Problem.error(SOURCE, "The sample models were not found: " + models
                    + " does not exist (project folder taken from the " + home.source() + "). Start QuerySet"
                    + " Studio from the project folder, or point -Dqss.home=DIR or QSS_HOME at it."));
        } else {
            try {
                schema = ModelsPyImporter.importFile(models, APP_LABEL);
            } catch (SchemaException e) {
                problems.add(Problem.error(SOURCE, models + ": " + e.getMessage()));
            } catch (IOException e) {
                problems.add(Problem.error(SOURCE, "Cannot read " + models + ": " + e.getMessage()));
            } catch (RuntimeException e) {
                problems.add(Problem.error(SOURCE, models + " could not be imported: " + e));
            }
        }
        Path db = home.database();
        if (!Files.isRegularFile(db)) {
            problems.add(Problem.warning(SOURCE, "The sample database was not found: " + db + " does not exist."
                    + " Running queries needs it."));
            db = null;
        }
        return new SampleProject(home, schema, db, problems);
    }
}
