package studio.queryset.app.shell;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The project folder holding the bundled sample ({@code sample-db/blog/models.py} and
 * {@code sample-db/blog.sqlite3}), and where that answer came from.
 *
 * <p>Looked up in this order: system property {@code qss.home}, environment {@code QSS_HOME} (both taken as
 * given, since the user asked for them), then the first of these that holds the sample: environment
 * {@code QSS_PROJECT_DIR} (set by the build for tests), the working directory, the folder above the jar's
 * folder, the jar's folder.
 */
public record ProjectHome(Path dir, String source) {

    public static final String MODELS = "sample-db/blog/models.py";
    public static final String DATABASE = "sample-db/blog.sqlite3";

    public Path modelsPy() {
        return dir.resolve(MODELS);
    }

    public Path database() {
        return dir.resolve(DATABASE);
    }

    public static ProjectHome locate() {
        return locate(System.getProperty("qss.home"), System.getenv("QSS_HOME"), System.getenv("QSS_PROJECT_DIR"),
                Path.of("").toAbsolutePath(), jarFolder());
    }

    static ProjectHome locate(String property, String env, String buildDir, Path workingDir, Path jarDir) {
        if (notBlank(property)) {
            return new ProjectHome(Path.of(property).toAbsolutePath(), "system property qss.home");
        }
        if (notBlank(env)) {
            return new ProjectHome(Path.of(env).toAbsolutePath(), "environment variable QSS_HOME");
        }
        List<ProjectHome> candidates = new ArrayList<>();
        if (notBlank(buildDir)) {
            candidates.add(new ProjectHome(Path.of(buildDir).toAbsolutePath(), "environment variable QSS_PROJECT_DIR"));
        }
        candidates.add(new ProjectHome(workingDir, "working directory"));
        if (jarDir != null) {
            if (jarDir.getParent() != null) {
                candidates.add(new ProjectHome(jarDir.getParent(), "folder above the jar"));
            }
            candidates.add(new ProjectHome(jarDir, "folder of the jar"));
        }
        for (ProjectHome c : candidates) {
            if (Files.isRegularFile(c.modelsPy())) {
                return c;
            }
        }
        return new ProjectHome(workingDir, "working directory");
    }

    private static Path jarFolder() {
        try {
            CodeSource cs = ProjectHome.class.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                return null;
            }
            Path p = Path.of(cs.getLocation().toURI());
            return Files.isRegularFile(p) ? p.toAbsolutePath().getParent() : null;
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
