package studio.queryset.run;

import java.util.List;

/** The outcome of evaluating one expression: the result (or error) and every statement that ran. */
public record Evaluation(String expr, Object result, List<LoggedStatement> statements, String errorKind,
                         String errorMessage, int errorPosition) {

    public boolean failed() {
        return errorKind != null;
    }
}
