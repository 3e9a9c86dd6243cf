package studio.queryset.django;

import java.util.List;
import java.util.Map;
import studio.queryset.query.ErrorSite;
import studio.queryset.query.LookupPath;
import studio.queryset.query.NodePath;
import studio.queryset.query.QueryParts.Place;

/**
 * Where each part of a parsed QuerySet is in its text, by {@link NodePath}: every step, argument, Q child, lookup
 * keyword and value, expression node and nested queryset; and, for steps that take field names or keywords, each
 * argument. {@link #span(ErrorSite)} is the one projection of an error's part onto the text.
 */
public final class SourceMap {
    /**
     * One part or argument: its {@code whole} text; {@code name}, the text of the lookup or field path it holds
     * ({@code titel__icontains} of a keyword, {@code author__name} inside {@code F("...")} or {@code "-..."}); and
     * {@code key}, the alias or field of {@code key=value}. Either may be null.
     */
    public record Site(Span whole, Span name, Span key) { }

    private final String text;
    private final Map<NodePath, Site> parts;
    private final Map<NodePath, List<Site>> arguments;

    SourceMap(String text, Map<NodePath, Site> parts, Map<NodePath, List<Site>> arguments) {
        this.text = text;
        this.parts = Map.copyOf(parts);
        this.arguments = Map.copyOf(arguments);
    }

    /** The part at {@code path}, or null when the text has no such part. */
    public Site site(NodePath path) {
        return parts.get(path);
    }

    /** Argument {@code i} of the step or call at {@code path}, or null. */
    public Site argument(NodePath path, int i) {
        List<Site> args = arguments.get(path);
        return args == null || i < 0 || i >= args.size() ? null : args.get(i);
    }

    /** The whole expression, without the blanks around it. */
    public Span whole() {
        int s = 0;
        int e = text.length();
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return new Span(s, e);
    }

    /**
     * The text an error is about: the name part it names, else the name, argument or part; a part the text does not
     * show (an implicit one) is shown by the nearest part around it; no part at all is the whole expression.
     */
    public Span span(ErrorSite site) {
        Place place = site.place();
        if (place == null) {
            return whole();
        }
        Site at = place.argument() >= 0 ? argument(place.path(), place.argument()) : null;
        if (at == null) {
            at = site(place.path());
        }
        for (NodePath p = place.path(); at == null && p != null; p = p.parent()) {
            at = site(p);
        }
        if (at == null) {
            return whole();
        }
        if (site.name() != null) {
            Span named = site.name().key() ? at.key() : at.name();
            if (named != null) {
                return site.namePart() < 0 ? named : part(named, site.name().text(), site.namePart());
            }
        }
        return at.whole();
    }

    /** Part {@code i} of the {@code __}-path written at {@code span}, when the text there spells {@code path}. */
    private Span part(Span span, String path, int i) {
        if (!text.substring(span.start(), span.end()).equals(path)) {
            return span; // written with escapes: the whole name
        }
        String[] split = LookupPath.split(path);
        int start = span.start();
        for (int k = 0; k < i; k++) {
            start += split[k].length() + 2;
        }
        return new Span(start, start + split[i].length());
    }

    /**
     * Where in {@code text} an error is: a parse error at its offset; a compile or run error at its part of
     * {@code parsed} (null when parsing failed), via {@link ErrorSite}. Never nowhere: at least the whole text.
     */
    public static Span locate(String text, DjangoParser.Parsed parsed, studio.queryset.query.QueryException e) {
        if (e.position() >= 0) {
            return tokenAt(text, e.position());
        }
        if (parsed == null) {
            return new SourceMap(text, Map.of(), Map.of()).whole();
        }
        return parsed.source().span(ErrorSite.of(e, parsed.query()));
    }

    /** The token at {@code offset} (a parse error's position): a name, number or string, or one character. */
    public static Span tokenAt(String text, int offset) {
        int start = Math.max(0, Math.min(offset, text.length()));
        if (start >= text.length()) {
            return new Span(Math.max(0, text.length() - 1), text.length());
        }
        char c = text.charAt(start);
        int i = start + 1;
        if (Character.isLetterOrDigit(c) || c == '_') {
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
        } else if (c == '"' || c == '\'') {
            while (i < text.length() && text.charAt(i) != c && text.charAt(i) != '\n') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            i = Math.min(text.length(), i + 1);
        }
        return new Span(start, i);
    }
}
