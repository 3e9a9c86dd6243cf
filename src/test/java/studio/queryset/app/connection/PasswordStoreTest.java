package studio.queryset.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remembered passwords live in the desktop keyring only: a real GNOME Keyring in a private D-Bus session takes,
 * returns and forgets them; without a keyring nothing is stored anywhere; an old clear-text file is moved into
 * the keyring and deleted.
 */
class PasswordStoreTest {

    @TempDir
    Path dir;

    @Test
    void withoutAKeyringNothingIsStoredAndTheReasonIsSaid() {
        PasswordStore store = new PasswordStore(dir, new SecretService(null));
        assertThat(store.canRemember()).isFalse();
        assertThatThrownBy(() -> store.remember("ann@db:5432/blog", "s3cret")).isInstanceOf(IOException.class);
        assertThat(dir.toFile().list()).as("no file written").isEmpty();
    }

    @Test
    void aRealKeyringStoresReturnsAndForgetsAndTakesOverTheOldFile() throws Exception {
        for (String tool : List.of("dbus-run-session", "gnome-keyring-daemon", "secret-tool")) {
            boolean found = List.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":")).stream()
                    .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
            Assumptions.assumeTrue(found, tool + " is missing: apt-get install libsecret-tools gnome-keyring");
        }
        Files.writeString(dir.resolve("passwords.properties"), "old@db\\:5432/x=legacy\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        String script = "eval \"$(printf 'test\\n' | gnome-keyring-daemon --unlock --components=secrets)\"; exec \""
                + Path.of(System.getProperty("java.home"), "bin", "java") + "\" -cp \""
                + System.getProperty("java.class.path") + "\" '" + KeyringSession.class.getName() + "' \"" + dir + "\"";
        List<String> cmd = new ArrayList<>(List.of("dbus-run-session", "--", "sh", "-c", script));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("legacy=legacy", "stored=s3cret", "forgotten=null", "file=false");
        assertThat(dir.resolve("passwords.properties")).as("the clear-text file is gone").doesNotExist();
    }

    /** Runs inside the D-Bus session with its keyring; prints what the store answered. */
    public static final class KeyringSession {
        public static void main(String[] args) throws IOException {
            Path dir = Path.of(args[0]);
            PasswordStore store = new PasswordStore(dir);
            if (!store.canRemember()) {
                System.out.println("unavailable: " + store.unavailableReason());
                return;
            }
            System.out.println("legacy=" + store.get("old@db:5432/x"));
            store.remember("ann@db:5432/blog", "s3cret");
            System.out.println("stored=" + new PasswordStore(dir).get("ann@db:5432/blog"));
            store.forget("ann@db:5432/blog");
            System.out.println("forgotten=" + store.get("ann@db:5432/blog"));
            System.out.println("file=" + Files.exists(dir.resolve("passwords.properties")));
        }
    }
}
