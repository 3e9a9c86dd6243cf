package studio.queryset.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.django.SourceMap;
import studio.queryset.django.Span;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.query.ResourceErrors;
import studio.queryset.run.ResultJson;
import studio.queryset.schema.Schema;
import studio.queryset.schema.SchemaException;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.EvaluatedStatements;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/** {@code compile}: print the SQL and parameters of QuerySet text without running anything. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile QuerySet expressions to SQL + parameters (nothing runs).")
public final class CompileCommand implements Callable<Integer> {
    @Mixin
    SchemaOptions schemaOptions;

    @Option(names = "--db", converter = DatabaseUrl.class, description = "Database (for introspection and its dialect)")
    String db;

    @Option(names = "--dialect", description = "sqlite, postgresql or mariadb (when no --db)", defaultValue = "sqlite")
    String dialectName;

    @Option(names = "--batch", description = "Read one expression per line from stdin")
    boolean batch;

    @Option(names = "--repeat", description = "Parse + compile N times and report the median microseconds")
    int repeat;

    @Parameters(arity = "0..1", paramLabel = "EXPR")
    String expr;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (!batch && expr == null) {
            System.err.println("compile: give an EXPR or --batch");
            return 2;
        }
        Schema schema;
        Dialect dialect;
        try {
            dialect = SchemaOptions.dialect(db, dialectName);
            schema = schemaOptions.loadForCompiling(db);
        } catch (QueryException | SchemaException | IllegalArgumentException e) {
            String kind = e instanceof QueryException q ? q.kind() : "SchemaError";
            out.println(EvalCommand.JSON.writeValueAsString(EvalCommand.error(expr, kind, e.getMessage(), -1)));
            return 2;
        }
        int failures = 0;
        List<String> texts = ExpressionInput.all(batch, expr);
        if (repeat > 0) {
            warmUp(schema, texts, dialect, repeat);
        }
        for (String text : texts) {
            ObjectNode o = EvalCommand.JSON.createObjectNode();
            o.put("expr", text);
            DjangoParser.Parsed parsed = null;
            try {
                parsed = DjangoParser.parseWithSource(text, schema);
                QueryPlan plan = SqlCompiler.plan(schema, parsed.query(), dialect);
                List<EvaluatedStatements.Planned> first = EvaluatedStatements.plans(parsed.query(), schema, dialect,
                        DjangoPrinter::evaluated);
                if (!first.isEmpty()) { // what runs while the QuerySet is built, before its own SQL
                    ArrayNode evaluated = o.putArray("evaluated");
                    for (EvaluatedStatements.Planned p : first) {
                        ObjectNode e = evaluated.addObject();
                        e.put("expr", p.text());
                        e.put("sql", p.query().sql());
                        e.set("params", ResultJson.params(p.query().params()));
                        e.put("value", ":" + p.placeholder());
                    }
                }
                List<CompiledQuery> statements = plan.statements();
                if (statements.isEmpty()) { // bulk_create([]): Django returns [] without a query
                    o.putNull("sql");
                    o.putArray("params");
                    o.put("note", "runs no query");
                } else {
                    o.put("sql", statements.get(0).sql());
                    o.set("params", ResultJson.params(statements.get(0).params()));
                }
                if (statements.size() > 1) {
                    ArrayNode more = o.putArray("more");
                    for (CompiledQuery q : statements.subList(1, statements.size())) {
                        ObjectNode m = more.addObject();
                        m.put("sql", q.sql());
                        m.set("params", ResultJson.params(q.params()));
                    }
                }
                if (repeat > 0) {
                    o.put("us", medianMicros(schema, text, dialect, repeat));
                }
            } catch (StackOverflowError | OutOfMemoryError e) {
                // the last net: one too-large expression must not end the batch
                failures++;
                ObjectNode err = o.putObject("error");
                err.put("kind", ResourceErrors.kind(e));
                err.put("message", ResourceErrors.message(e));
                Span whole = SourceMap.locate(text, null, new QueryException(ResourceErrors.kind(e), ""));
                err.put("position", whole.start()); // too large or deep as a whole
                err.put("end", whole.end());
            } catch (RuntimeException e) {
                // a bug of ours: a typed error for this line (as eval gives), and the batch goes on
                if (!(e instanceof QueryException)) {
                    e = new QueryException("InternalError", e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                QueryException q = (QueryException) e;
                failures++;
                Span at = SourceMap.locate(text, parsed, q);
                ObjectNode err = o.putObject("error");
                err.put("kind", q.kind());
                err.put("message", q.getMessage());
                err.put("position", at.start());
                err.put("end", at.end());
            }
            SchemaOptions.putWarnings(o, schema);
            out.println(EvalCommand.JSON.writeValueAsString(o));
        }
        return !batch && failures > 0 ? 2 : 0;
    }

    /**
     * Runs every expression N times before any is timed: the parser and compiler paths all expressions share are
     * then compiled by the JIT, so the first expression of a batch is not timed while the JIT is still at work.
     */
    private static void warmUp(Schema schema, List<String> texts, Dialect dialect, int n) {
        for (String text : texts) {
            try {
                for (int i = 0; i < n; i++) {
                    SqlCompiler.plan(schema, DjangoParser.parse(text, schema), dialect);
                }
            } catch (RuntimeException e) {
                // reported with its position below
            }
        }
    }

    /** Median of N timed parse + compile runs, after as many warm-up runs (so the JIT has compiled the path). */
    static double medianMicros(Schema schema, String text, Dialect dialect, int n) {
        for (int i = 0; i < n; i++) {
            SqlCompiler.plan(schema, DjangoParser.parse(text, schema), dialect);
        }
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            QuerySet qs = DjangoParser.parse(text, schema);
            SqlCompiler.plan(schema, qs, dialect);
            times[i] = System.nanoTime() - t;
        }
        Arrays.sort(times);
        return Math.round(times[n / 2] / 100.0) / 10.0;
    }
}
