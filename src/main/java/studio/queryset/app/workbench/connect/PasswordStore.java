package studio.queryset.app.workbench.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.Set;

/**
 * Passwords the user asked to remember, keyed by {@code user@host:port/db}, in a file only the user may read
 * or write (created with permissions 600 before anything is written to it). Others stay in memory.
 */
public final class PasswordStore {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private final Path file;

    public PasswordStore(Path dir) {
        this.file = dir.resolve("passwords.properties");
    }

    public Path file() {
        return file;
    }

    public static String key(String user, String host, int port, String db) {
        return user + "@" + host + ":" + port + "/" + db;
    }

    public String get(String key) {
        return load().getProperty(key);
    }

    public void remember(String key, String password) throws IOException {
        Properties p = load();
        p.setProperty(key, password);
        store(p);
    }

    public void forget(String key) throws IOException {
        Properties p = load();
        if (p.remove(key) != null) {
            store(p);
        }
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                // unreadable: nothing remembered
            }
        }
        return p;
    }

    private void store(Properties p) throws IOException {
        Files.createDirectories(file.getParent());
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path tmp = posix ? Files.createTempFile(file.getParent(), ".passwords", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(file.getParent(), ".passwords", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "QuerySet Studio: remembered database passwords (readable by you only)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (posix) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
