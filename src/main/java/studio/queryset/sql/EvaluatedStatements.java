package studio.queryset.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import studio.queryset.query.Evaluations;
import studio.queryset.query.Expression;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;

/**
 * The statements a queryset's evaluated terminals ({@code filter(id__gt=Order.objects.count())}) run before it, as
 * Django runs them while the queryset is built: for showing without running (compile's {@code "evaluated"}, the SQL
 * tab). Each names the placeholder ({@link Evaluations#placeholderName}) its value fills in the outer statement.
 */
public final class EvaluatedStatements {
    private EvaluatedStatements() {
    }

    /** One statement that runs first: the terminal's text, the placeholder its value fills, its SQL. */
    public record Planned(String text, String placeholder, CompiledQuery query) {
    }

    /** In the order they run: one inside another's queryset first; {@code text} prints a terminal. */
    public static List<Planned> plans(QuerySet qs, Schema schema, Dialect dialect,
                                      Function<Expression.Evaluated, String> text) {
        List<Planned> out = new ArrayList<>();
        plans(qs, "", schema, dialect, text, out);
        return out;
    }

    private static void plans(QuerySet qs, String within, Schema schema, Dialect dialect,
                              Function<Expression.Evaluated, String> text, List<Planned> out) {
        List<Expression.Evaluated> all = Evaluations.inRunOrder(qs);
        for (int i = 0; i < all.size(); i++) {
            Expression.Evaluated ev = all.get(i);
            String name = Evaluations.placeholderName(within, i + 1);
            String inner = name.substring("evaluated[".length(), name.length() - 1) + ".";
            plans(ev.query(), inner, schema, dialect, text, out);
            CompiledQuery q;
            try {
                q = SqlCompiler.plan(schema, Evaluations.placeholders(ev.query(), inner), dialect).statements().get(0);
            } catch (QueryException e) {
                throw e.in(ev);
            }
            out.add(new Planned(text.apply(ev), name, q));
        }
    }

}
