package studio.queryset.run;

import java.sql.Connection;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/** Compile and run a QuerySet on a connection; errors come back typed, never as stack traces. */
public final class Engine {
    private final Schema schema;
    private final Connection connection;
    private final Dialect dialect;
    private volatile Executor running;

    public Engine(Schema schema, Connection connection, Dialect dialect) {
        this.schema = schema;
        this.connection = connection;
        this.dialect = dialect;
    }

    public Evaluation evaluate(String text, QuerySet qs, boolean allowWrites) {
        return evaluate(text, qs, allowWrites ? Executor.WriteMode.COMMIT : Executor.WriteMode.DENY);
    }

    public Evaluation evaluate(String text, QuerySet qs, Executor.WriteMode writes) {
        QueryLog log = new QueryLog();
        try {
            QueryPlan plan = SqlCompiler.plan(schema, qs, dialect);
            Executor executor = new Executor(connection, dialect, log);
            running = executor;
            Object result;
            try {
                result = executor.execute(plan, writes);
            } finally {
                running = null;
            }
            return new Evaluation(text, result, log.entries(), null, null, -1);
        } catch (QueryException e) {
            QueryException located = studio.queryset.django.ErrorPositions.locate(text, e);
            return new Evaluation(text, null, log.entries(), e.kind(), e.getMessage(), located.position());
        } catch (studio.queryset.schema.SchemaException e) {
            return new Evaluation(text, null, log.entries(), "FieldError", e.getMessage(), -1);
        } catch (RuntimeException e) {
            // a bug of ours: still a typed error for the caller, with the cause named
            return new Evaluation(text, null, log.entries(), "InternalError", e.getClass().getSimpleName() + ": "
                    + e.getMessage(), -1);
        }
    }

    /**
     * Cancels the statement running now, from any thread (a shutdown hook on Ctrl+C): the database stops it, as
     * psql's cancel request does, instead of finishing it for a client that is gone.
     */
    public void cancel() {
        Executor e = running;
        if (e != null) {
            e.cancel();
        }
    }

    public Schema schema() {
        return schema;
    }

    public Dialect dialect() {
        return dialect;
    }
}
