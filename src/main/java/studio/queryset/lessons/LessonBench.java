package studio.queryset.lessons;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.run.Connections;
import studio.queryset.run.Executor;
import studio.queryset.run.LoggedStatement;
import studio.queryset.run.QueryLog;
import studio.queryset.run.RaceLesson;
import studio.queryset.schema.Schema;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.QueryPlan;
import studio.queryset.sql.SqlCompiler;

/**
 * Where a lesson's claims are checked: the schema, a database (read-only connections only), and where the race
 * may write (a scratch database, or none: then race claims are not checked). Every answer comes from the same
 * compiler and executor the product uses, so a claim is true exactly when the product shows it.
 *
 * @param schema  the sample blog's schema
 * @param url     the JDBC URL of the sample data (opened read-only)
 * @param raceUrl a scratch database the race may write to, or null
 * @param params  values for the named Params of the lesson's queries
 */
public record LessonBench(Schema schema, String url, String raceUrl, Map<String, Object> params) {
    public LessonBench {
        params = Map.copyOf(params);
    }

    public Dialect dialect() {
        return Dialect.fromJdbcUrl(url);
    }

    public LessonBench withParams(Map<String, Object> values) {
        return new LessonBench(schema, url, raceUrl, values);
    }

    public QuerySet parse(String django) {
        return DjangoParser.parse(django, schema);
    }

    public QueryPlan plan(String django) {
        return SqlCompiler.planFor(schema, parse(django), dialect(), params);
    }

    /** Every statement the plan holds (the main one, then prefetches and writes), as compiled. */
    public List<String> sql(String django) {
        List<String> out = new ArrayList<>();
        for (CompiledQuery q : plan(django).statements()) {
            out.add(q.sql());
        }
        return out;
    }

    /** What running a read returned, and the statements it ran. */
    public record Ran(Object result, List<LoggedStatement> statements) { }

    /** Runs a read on a read-only connection (writes are refused, as the product refuses them). */
    public Ran run(String django) {
        return run(parse(django), 1);
    }

    /** Evaluates the same QuerySet {@code times} times, as code that iterates it again would. */
    public Ran run(QuerySet qs, int times) {
        try (Connection c = Connections.open(url, false)) {
            QueryLog log = new QueryLog();
            Object result = null;
            QueryPlan plan = SqlCompiler.planFor(schema, qs, dialect(), params);
            for (int i = 0; i < times; i++) {
                result = new Executor(c, dialect(), log).withParams(params).execute(plan, Executor.WriteMode.DENY);
            }
            return new Ran(result, log.entries());
        } catch (java.sql.SQLException e) {
            throw Connections.translate(e);
        }
    }

    public NPlusOneReport compare(String django, List<String> touches) {
        try (Connection c = Connections.open(url, false)) {
            return NPlusOneReport.run(schema, c, dialect(), parse(django), touches, params);
        } catch (java.sql.SQLException e) {
            throw Connections.translate(e);
        }
    }

    /** The race on the scratch database; a QueryException when there is none. */
    public RaceLesson.Result race() {
        if (raceUrl == null) {
            throw new QueryException("NotSupportedError", "no scratch database to race on");
        }
        return RaceRun.on(raceUrl, schema);
    }
}
