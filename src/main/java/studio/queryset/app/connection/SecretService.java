package studio.queryset.app.connection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The desktop's keyring through the freedesktop Secret Service, driven by libsecret's {@code secret-tool}
 * (Debian's {@code libsecret-tools}): the password goes through a pipe, never an argument or a file. Items are
 * stored under {@code service=queryset-studio key=user@host:port/db}.
 */
public final class SecretService {
    private static final String SERVICE = "queryset-studio";
    private static final long TIMEOUT_SECONDS = 5;

    private final String tool;
    private Boolean available;
    private String reason = "";

    SecretService(String tool) {
        this.tool = tool;
    }

    /** The keyring of the user's session, or one that is unavailable with the reason. */
    public static SecretService desktop() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "secret-tool");
            if (Files.isExecutable(p)) {
                return new SecretService(p.toString());
            }
        }
        SecretService none = new SecretService(null);
        none.available = false;
        none.reason = "Remembering passwords needs the desktop keyring (Secret Service) and secret-tool (Debian: "
                + "apt-get install libsecret-tools); passwords are not stored anywhere else";
        return none;
    }

    /** Whether a Secret Service answers (asked once). */
    public synchronized boolean available() {
        if (available == null) {
            try {
                Result r = run(null, "lookup", "service", SERVICE, "key", "__probe__");
                available = r.code() <= 1 && r.err().isBlank(); // 1 with nothing said: answered, not found
                if (!available) {
                    reason = "No desktop keyring answers (" + r.err().strip() + "); passwords are not remembered";
                }
            } catch (IOException e) {
                available = false;
                reason = "The desktop keyring cannot be reached (" + e.getMessage() + "); passwords are not "
                        + "remembered";
            }
        }
        return available;
    }

    public String unavailableReason() {
        available();
        return reason;
    }

    /** The stored secret, or null. */
    String lookup(String key) throws IOException {
        Result r = run(null, "lookup", "service", SERVICE, "key", key);
        return r.code() == 0 ? r.out() : null;
    }

    void store(String key, String secret) throws IOException {
        Result r = run(secret, "store", "--label=QuerySet Studio: " + key, "service", SERVICE, "key", key);
        if (r.code() != 0) {
            throw new IOException("the keyring refused the password: " + r.err().strip());
        }
    }

    void clear(String key) throws IOException {
        run(null, "clear", "service", SERVICE, "key", key);
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(String input, String... args) throws IOException {
        if (tool == null) {
            throw new IOException("secret-tool is not installed");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        try (OutputStream in = p.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drainErr = new Thread(() -> copy(p.getErrorStream(), err));
        Thread drainOut = new Thread(() -> copy(p.getInputStream(), out));
        drainErr.start();
        drainOut.start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the keyring did not answer within " + TIMEOUT_SECONDS + " s");
            }
            drainOut.join(1000);
            drainErr.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted");
        }
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream from, ByteArrayOutputStream to) {
        try (from) {
            from.transferTo(to);
        } catch (IOException ignored) {
            // the process ended; what was read is the answer
        }
    }
}
