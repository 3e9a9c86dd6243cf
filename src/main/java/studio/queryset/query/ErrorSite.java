package studio.queryset.query;

import studio.queryset.query.QueryParts.Name;
import studio.queryset.query.QueryParts.Place;

/**
 * The part of a query an error is about: a {@link Place} (null: the whole query), and within it, when the error
 * is about one name, that {@link Name} and which of its {@code __} parts ({@code namePart}, -1 for all of it).
 * The text span (the parser's source map), the canvas node (the graph) and the command line's position are
 * projections of it.
 */
public record ErrorSite(Place place, Name name, int namePart) {
    /** The whole query: where errors of the database go, which name no part. */
    public static final ErrorSite WHOLE = new ErrorSite(null, null, -1);

    /** The path of the part, or null for the whole query. */
    public NodePath path() {
        return place == null ? null : place.path();
    }

    /**
     * Where in {@code qs} the error is: the innermost object of its trail that belongs to {@code qs}; within it the
     * name it is about, among the names that part holds. Names resolved only when the SQL is built (a values() or
     * select_related() field) pass no part but the terminal step, if any: they are looked for in the whole query.
     * A raw() query's errors are about its SQL argument; anything else with no part is about the whole query.
     */
    public static ErrorSite of(QueryException e, QuerySet qs) {
        QueryParts parts = QueryParts.of(qs);
        Place at = null;
        for (Object o : e.trail()) {
            at = parts.place(o);
            if (at != null) {
                break;
            }
        }
        if (e.name() != null) {
            // under the part the error passed through; a name only the SQL build resolves (values("x")) has none
            ErrorSite named = named(parts, at, e.name());
            if (named == null && at != null && parts.parts().get(at.path()) instanceof Step s && s.terminal()) {
                named = named(parts, null, e.name());
            }
            if (named != null) {
                return named;
            }
        }
        if (at == null && qs.terminal() instanceof Step.Raw) {
            at = new Place(NodePath.step(qs.steps().size() - 1), -1);
        }
        if (at != null && at.argument() < 0 && parts.parts().get(at.path()) instanceof Step.Raw) {
            at = new Place(at.path(), 0); // raw()'s errors are about its SQL
        }
        return at == null ? WHOLE : new ErrorSite(at, null, -1);
    }

    /** The first name under {@code within} (anywhere when null) that is or has the part {@code name}. */
    private static ErrorSite named(QueryParts parts, Place within, String name) {
        for (Name n : parts.names()) {
            if (within != null && !(within.path().contains(n.place().path())
                    && (within.argument() < 0 || within.argument() == n.place().argument()
                    || !within.path().equals(n.place().path())))) {
                continue;
            }
            if (n.text().equals(name)) {
                return new ErrorSite(n.place(), n, -1);
            }
            if (!n.key()) {
                String[] split = LookupPath.split(n.text());
                for (int i = 0; i < split.length; i++) {
                    if (split[i].equals(name)) {
                        return new ErrorSite(n.place(), n, split.length == 1 ? -1 : i);
                    }
                }
            }
        }
        return null;
    }
}
