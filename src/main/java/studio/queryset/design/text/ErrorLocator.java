package studio.queryset.design.text;

import studio.queryset.django.DjangoParser;
import studio.queryset.django.SourceMap;
import studio.queryset.django.Span;
import studio.queryset.query.QueryException;

/**
 * The editor's view of an error: the part it names, projected onto the text by the parser's source map (a parse
 * error by its offset). Every error gets a range; one with no part is the whole expression.
 */
public final class ErrorLocator {
    private ErrorLocator() {
    }

    /** {@code parsed} is null when the text did not parse. */
    public static EditorError locate(String text, DjangoParser.Parsed parsed, QueryException e) {
        String msg = e.getMessage() == null || e.getMessage().isBlank() ? e.kind() : e.getMessage();
        Span at = SourceMap.locate(text, parsed, e);
        return new EditorError(e.kind(), msg, at.start(), at.start(), at.end());
    }
}
