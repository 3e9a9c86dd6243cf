package studio.queryset.run;

import java.util.List;
import studio.queryset.query.QueryException;

/**
 * The outcome of evaluating one expression: the result (or error) and every statement that ran. A failed one
 * keeps its {@code error}, which names the part of the query it is about; where that is in the text is for the
 * caller, who has the text's source map.
 */
public record Evaluation(String expr, Object result, List<LoggedStatement> statements, String errorKind,
                         String errorMessage, QueryException error) {

    public static Evaluation failed(String expr, List<LoggedStatement> statements, QueryException e) {
        return new Evaluation(expr, null, statements, e.kind(), e.getMessage(), e);
    }

    public boolean failed() {
        return errorKind != null;
    }
}
