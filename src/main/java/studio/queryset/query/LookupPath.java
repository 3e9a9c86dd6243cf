package studio.queryset.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits lookup paths on {@code __} without a regular expression: {@code String.split("__")} compiles a
 * pattern on every call, and the compiler splits paths in its hottest loops.
 */
public final class LookupPath {
    private LookupPath() {
    }

    public static String[] split(String path) {
        int at = path.indexOf("__");
        if (at < 0) {
            return new String[] {path};
        }
        List<String> parts = new ArrayList<>(4);
        int from = 0;
        while (at >= 0) {
            parts.add(path.substring(from, at));
            from = at + 2;
            at = path.indexOf("__", from);
        }
        parts.add(path.substring(from));
        return parts.toArray(new String[0]);
    }

    /** The first part of a path ({@code author} of {@code author__name}). */
    public static String head(String path) {
        int at = path.indexOf("__");
        return at < 0 ? path : path.substring(0, at);
    }
}
