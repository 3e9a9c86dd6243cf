package studio.queryset.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.ITypeConverter;

/**
 * {@code --db}: a JDBC URL, or the path of an SQLite file as people type it ({@code --db blog.sqlite3}), read as
 * {@code jdbc:sqlite:PATH} when the file starts with SQLite's header. Anything else is passed on unchanged, and
 * opening it says which URLs are valid.
 */
public final class DatabaseUrl implements ITypeConverter<String> {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String convert(String value) {
        return of(value);
    }

    public static String of(String value) {
        if (value == null || value.startsWith("jdbc:")) {
            return value;
        }
        Path p = Path.of(value);
        return Files.isRegularFile(p) && isSqlite(p) ? "jdbc:sqlite:" + p : value;
    }

    private static boolean isSqlite(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER);
        } catch (IOException e) {
            return false;
        }
    }
}
