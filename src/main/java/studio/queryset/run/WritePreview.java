package studio.queryset.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * Runs a write (update, delete, create, bulk_create) inside a transaction, looks at a sample of the rows it
 * touches before and after, and rolls everything back: what the write would do, with nothing changed.
 * The connection must allow writes (PostgreSQL refuses writes in a read-only transaction even when they would
 * be rolled back).
 */
public final class WritePreview {
    /** How many affected rows the preview shows. */
    public static final int SAMPLE = 5;

    /**
     * @param rowsAffected what the write reports (rows changed, or objects created)
     * @param before       up to {@link #SAMPLE} target rows as they were
     * @param after        the same rows after the write (absent when deleted; the created objects for create)
     */
    public record Result(long rowsAffected, List<Object> before, List<Object> after, List<LoggedStatement> log) { }

    private WritePreview() {
    }

    public static Result preview(Connection conn, Schema schema, Dialect dialect, QuerySet write,
                                 Map<String, Object> params) {
        Step terminal = write.terminal();
        if (!(terminal instanceof Step.Update || terminal instanceof Step.Create
                || terminal instanceof Step.Terminal t && t.method().equals("delete"))) {
            throw new QueryException("TypeError", "a preview is for update(), delete(), create() and "
                    + "bulk_create(); this query only reads");
        }
        QueryLog log = new QueryLog();
        Executor executor = new Executor(conn, dialect, log).withParams(params);
        QueryPlan plan = SqlCompiler.planFor(schema, write, dialect, params);
        try {
            boolean auto = conn.getAutoCommit();
            conn.setAutoCommit(false);
            try {
                List<Object> pks = new ArrayList<>();
                List<Object> before = new ArrayList<>();
                if (!(terminal instanceof Step.Create)) {
                    QuerySet sample = samplePks(write.chain());
                    for (Object pk : (List<?>) executor.execute(SqlCompiler.plan(schema, sample, dialect),
                            Executor.WriteMode.DENY)) {
                        pks.add(pk);
                    }
                    before.addAll(rowsWithPks(executor, schema, dialect, write.model(), pks));
                }
                Object result = executor.execute(plan, Executor.WriteMode.PENDING);
                List<Object> after = new ArrayList<>();
                long affected;
                if (result instanceof List<?> created) {
                    after.addAll(created.subList(0, Math.min(SAMPLE, created.size())));
                    affected = created.size();
                } else if (result instanceof Map<?, ?> one) {
                    after.add(one);
                    affected = 1;
                } else {
                    affected = ((Number) result).longValue();
                    after.addAll(rowsWithPks(executor, schema, dialect, write.model(), pks));
                }
                return new Result(affected, before, after, log.entries());
            } finally {
                conn.rollback();
                conn.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw Connections.translate(e);
        }
    }

    /** The first {@link #SAMPLE} primary keys of the rows a write targets, in pk order. */
    private static QuerySet samplePks(QuerySet chain) {
        return chain.then(new Step.OrderBy(List.of(new Expression.OrderBy(new Expression.F("pk"), false, null, null,
                true)))).then(new Step.ValuesList(List.of("pk"), true, false))
                .then(new Step.Slice(null, (long) SAMPLE));
    }

    private static List<?> rowsWithPks(Executor executor, Schema schema, Dialect dialect, String model,
                                       List<Object> pks) {
        if (pks.isEmpty()) {
            return List.of();
        }
        QuerySet qs = QuerySet.of(model).then(new Step.Filter(List.of(), List.of(new Q.Lookup("pk__in",
                Expression.Value.of(pks))), false)).then(new Step.OrderBy(List.of(new Expression.OrderBy(
                new Expression.F("pk"), false, null, null, true))));
        return (List<?>) executor.execute(SqlCompiler.plan(schema, qs, dialect), Executor.WriteMode.DENY);
    }
}
