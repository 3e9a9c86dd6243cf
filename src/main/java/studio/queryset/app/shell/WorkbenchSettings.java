package studio.queryset.app.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import studio.queryset.sql.Dialect;

/**
 * The workbench's settings, kept in {@code ~/.config/queryset-studio/workbench.properties} (or the folder named by
 * {@code -Dqss.config.dir}, which tests use): recent files, theme, default dialect, row and time limits, the
 * window's bounds. Written atomically on every change; an unreadable file gives the defaults.
 */
public final class WorkbenchSettings {
    public static final int MAX_RECENT = 10;
    private final Path dir;
    private final Properties props = new Properties();

    public WorkbenchSettings(Path dir) {
        this.dir = dir;
        Path f = file();
        if (Files.isRegularFile(f)) {
            try (InputStream in = Files.newInputStream(f)) {
                props.load(in);
            } catch (IOException | IllegalArgumentException e) {
                props.clear();
            }
        }
    }

    /** The folder of settings, recovery file and remembered passwords. */
    public static Path defaultDir() {
        String override = System.getProperty("qss.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        // $HOME first: Java's user.home comes from the password database and ignores a HOME set to isolate a run
        String home = System.getenv("HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".config");
        return base.resolve("queryset-studio");
    }

    public Path dir() {
        return dir;
    }

    private Path file() {
        return dir.resolve("workbench.properties");
    }

    public String get(String key, String def) {
        return props.getProperty(key, def);
    }

    public int getInt(String key, int def) {
        try {
            return Integer.parseInt(props.getProperty(key, Integer.toString(def)).trim());
        } catch (NumberFormatException e) {
            return def;
        }
    }

    public double getDouble(String key, double def) {
        try {
            return Double.parseDouble(props.getProperty(key, Double.toString(def)).trim());
        } catch (NumberFormatException e) {
            return def;
        }
    }

    public void put(String key, Object value) {
        if (value == null) {
            props.remove(key);
        } else {
            props.setProperty(key, value.toString());
        }
        save();
    }

    // ------------------------------------------------------------------ typed settings

    public String theme() {
        return get("theme", "light");
    }

    public Dialect defaultDialect() {
        return switch (get("dialect", "sqlite")) {
            case "postgresql" -> Dialect.POSTGRESQL;
            case "mariadb" -> Dialect.MARIADB;
            default -> Dialect.SQLITE;
        };
    }

    /** Rows the streaming grid keeps (0: no limit). */
    public int rowLimit() {
        return getInt("rowLimit", 1_000_000);
    }

    /** Seconds before a run is cancelled (0: no limit). */
    public int timeLimitSeconds() {
        return getInt("timeLimitSeconds", 0);
    }

    /**
     * Whether a start without a design argument reopens the last design (on unless turned off in Preferences;
     * {@code -Dqss.reopenLast=false} changes the default, so test runs start on the sample whatever they saved).
     */
    public boolean reopenLastDesign() {
        return Boolean.parseBoolean(get("reopenLast", System.getProperty("qss.reopenLast", "true")));
    }

    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String p = props.getProperty("recent." + i);
            if (p != null && !p.isBlank()) {
                out.add(Path.of(p));
            }
        }
        return out;
    }

    public void addRecent(Path file) {
        List<Path> list = recentFiles();
        Path abs = file.toAbsolutePath().normalize();
        list.remove(abs);
        list.add(0, abs);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) {
                props.setProperty("recent." + i, list.get(i).toString());
            } else {
                props.remove("recent." + i);
            }
        }
        save();
    }

    private void save() {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".workbench", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "QuerySet Studio workbench settings");
            }
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // settings are a convenience: a read-only home leaves the defaults for next time
        }
    }
}
