package studio.queryset.app.connection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Passwords the user asked to remember, keyed by {@code user@host:port/db}, kept in the desktop's keyring (the
 * Secret Service: GNOME Keyring, KWallet...) and nowhere else. Without a keyring nothing is remembered and the
 * dialog says so. Files of older versions, which held passwords in clear, are read, moved into the keyring
 * when there is one, and deleted; they are never written again.
 */
public final class PasswordStore {
    private final Path legacyFile;
    private final SecretService keyring;

    public PasswordStore(Path dir) {
        this(dir, SecretService.desktop());
    }

    PasswordStore(Path dir, SecretService keyring) {
        this.legacyFile = dir.resolve("passwords.properties");
        this.keyring = keyring;
        migrate();
    }

    public static String key(String user, String host, int port, String db) {
        return user + "@" + host + ":" + port + "/" + db;
    }

    /** Whether passwords can be remembered at all (a keyring answers). */
    public boolean canRemember() {
        return keyring.available();
    }

    /** Why nothing can be remembered, for the dialog. */
    public String unavailableReason() {
        return keyring.unavailableReason();
    }

    public String get(String key) {
        if (keyring.available()) {
            try {
                String secret = keyring.lookup(key);
                if (secret != null) {
                    return secret;
                }
            } catch (IOException e) {
                // the keyring did not answer this time: nothing remembered
            }
        }
        return legacy().getProperty(key);
    }

    public void remember(String key, String password) throws IOException {
        if (!keyring.available()) {
            throw new IOException(keyring.unavailableReason());
        }
        keyring.store(key, password);
    }

    public void forget(String key) throws IOException {
        if (keyring.available()) {
            keyring.clear(key);
        }
    }

    /** The clear-text file of older versions. */
    Path legacyFile() {
        return legacyFile;
    }

    private Properties legacy() {
        Properties p = new Properties();
        if (Files.isRegularFile(legacyFile)) {
            try (InputStream in = Files.newInputStream(legacyFile)) {
                p.load(in);
            } catch (IOException e) {
                // unreadable: nothing remembered
            }
        }
        return p;
    }

    private void migrate() {
        if (!Files.isRegularFile(legacyFile) || !keyring.available()) {
            return;
        }
        Properties old = legacy();
        try {
            for (String k : old.stringPropertyNames()) {
                keyring.store(k, old.getProperty(k));
            }
            Files.delete(legacyFile);
        } catch (IOException e) {
            // keep the old file until the keyring takes every entry
        }
    }
}
