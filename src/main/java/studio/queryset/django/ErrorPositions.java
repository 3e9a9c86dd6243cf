package studio.queryset.django;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.queryset.query.QueryException;

/**
 * Points a compile error back into the Django text it came from. The query model carries no source offsets,
 * so errors that quote a name ("Cannot resolve keyword 'titel'", "Unsupported lookup 'yeer'") are located at
 * the first place the text uses that name as a keyword, lookup part or string.
 */
public final class ErrorPositions {
    private static final Pattern QUOTED = Pattern.compile("'([A-Za-z_][A-Za-z0-9_]*)'");

    private ErrorPositions() {
    }

    public static QueryException locate(String text, QueryException e) {
        if (e.position() >= 0 || text == null) {
            return e;
        }
        Matcher m = QUOTED.matcher(e.getMessage());
        if (!m.find()) {
            return e;
        }
        String name = m.group(1);
        // as a lookup part: (name__ / __name= / __name__ / "name / name=
        Pattern use = Pattern.compile("(?:(?<=__)|(?<![A-Za-z0-9_]))" + Pattern.quote(name) + "(?=__|=|\"|')");
        Matcher u = use.matcher(text);
        while (u.find()) {
            int at = u.start();
            char before = at > 0 ? text.charAt(at - 1) : ' ';
            if (before == '(' || before == ',' || before == ' ' || before == '"' || before == '\'' || before == '_') {
                return new QueryException(e.kind(), e.getMessage(), at);
            }
        }
        return e;
    }
}
