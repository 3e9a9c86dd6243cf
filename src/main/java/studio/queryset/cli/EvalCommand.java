package studio.queryset.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.SourceMap;
import studio.queryset.django.Span;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.run.Connections;
import studio.queryset.run.Engine;
import studio.queryset.run.Evaluation;
import studio.queryset.run.Executor;
import studio.queryset.query.ResourceErrors;
import studio.queryset.schema.Schema;
import studio.queryset.schema.SchemaException;
import studio.queryset.sql.Dialect;

/** {@code eval}: run Django QuerySet text against a database and print Django's result as JSON. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate QuerySet expressions on a database; one JSON object per expression.")
public final class EvalCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    SchemaOptions schemaOptions;

    @Option(names = "--db", converter = DatabaseUrl.class, required = true, description = "an SQLite file, jdbc:sqlite:FILE, jdbc:postgresql://HOST:PORT/DB?user=U or jdbc:mariadb://HOST:PORT/DB?user=U")
    String db;

    @Option(names = "--batch", description = "Read one expression per line from stdin")
    boolean batch;

    @Option(names = "--allow-writes", description = "Let update() and delete() change data (in a transaction)")
    boolean allowWrites;

    @Parameters(arity = "0..1", paramLabel = "EXPR", description = "A QuerySet, e.g. Post.objects.count()")
    String expr;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (!batch && expr == null) {
            System.err.println("eval: give an EXPR or --batch");
            return 2;
        }
        Connection conn;
        Schema schema;
        try {
            conn = Connections.open(db, allowWrites);
            schema = schemaOptions.load(conn);
        } catch (QueryException | SchemaException e) {
            String kind = e instanceof QueryException q ? q.kind() : "SchemaError";
            out.println(JSON.writeValueAsString(error(expr, kind, e.getMessage(), -1)));
            return batch ? 1 : 2;
        }
        returnStartUpHeap();
        Dialect dialect = Dialect.fromJdbcUrl(db);
        Engine engine = new Engine(schema, conn, dialect);
        // Ctrl+C / SIGTERM: cancel the running statement on the server before the JVM goes
        Thread cancelOnExit = new Thread(() -> engine.cancel(java.time.Duration.ofSeconds(3)), "qss-cancel-on-exit");
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        int[] failures = {0};
        try (conn) {
            ExpressionInput.each(batch, expr, text -> {
                StreamedJson line = new StreamedJson(out, text);
                Evaluation ev;
                DjangoParser.Parsed parsed = null;
                try {
                    parsed = DjangoParser.parseWithSource(text, schema);
                    ev = engine.evaluate(text, parsed.query(), allowWrites ? Executor.WriteMode.COMMIT
                            : Executor.WriteMode.DENY, line::row);
                } catch (QueryException e) {
                    ev = Evaluation.failed(text, java.util.List.of(), e);
                } catch (StackOverflowError | OutOfMemoryError e) {
                    // the last net: one too-large expression must not end the batch or lose the lines before it
                    ev = Evaluation.failed(text, java.util.List.of(),
                            new QueryException(ResourceErrors.kind(e), ResourceErrors.message(e)));
                }
                Span at = ev.error() == null ? null : SourceMap.locate(text, parsed, ev.error());
                if (ev.failed()) {
                    failures[0]++;
                }
                try {
                    line.finish(ev, at, schema.warnings());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (SQLException e) {
            // closing failed: nothing left to report
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it cancels what runs
            }
        }
        return !batch && failures[0] > 0 ? 2 : 0;
    }

    /**
     * The JVM commits its initial heap at start (1/64 of the machine's memory, up to -Xmx) and G1 lets the young
     * generation fill up to 60% of what is committed before it collects: a streamed million rows would touch all
     * of it although they keep only a few MB alive. One collection once start-up (schema, driver) is done gives
     * that back (the JVM shrinks to MaxHeapFreeRatio), so the heap then grows only as far as collecting often
     * costs too much time: the process stays well below -Xmx, and costs one short pause before the first row.
     */
    private static void returnStartUpHeap() {
        System.gc();
    }

    static ObjectNode error(String expr, String kind, String message, int position) {
        ObjectNode o = JSON.createObjectNode();
        o.put("expr", expr);
        ObjectNode err = o.putObject("error");
        err.put("kind", kind);
        err.put("message", message);
        if (position >= 0) {
            err.put("position", position);
        }
        return o;
    }
}
