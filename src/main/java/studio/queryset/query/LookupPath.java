package studio.queryset.query;

/**
 * Splits lookup paths on {@code __} without a regular expression: {@code String.split("__")} compiles a
 * pattern on every call, and the compiler splits paths in its hottest loops.
 */
public final class LookupPath {
    private LookupPath() {
    }

    public static String[] split(String path) {
        return studio.queryset.schema.PathResolver.split(path);
    }

    /** The first part of a path ({@code author} of {@code author__name}). */
    public static String head(String path) {
        int at = path.indexOf("__");
        return at < 0 ? path : path.substring(0, at);
    }
}
