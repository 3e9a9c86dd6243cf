package studio.queryset.lessons;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import studio.queryset.query.QueryException;
import studio.queryset.run.LoggedStatement;
import studio.queryset.run.RaceLesson;
import studio.queryset.schema.Field;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/**
 * A sentence of a lesson in a form the product can check: "the SQL contains LEFT OUTER JOIN "blog_profile"",
 * "statements: 21 vs 1", "lost updates > 0 vs 0". {@link #check} computes the answer with the product's own
 * compiler and executor ({@link LessonBench}); nothing here knows the expected output except the claim itself.
 */
public sealed interface Claim {
    /** The claim in words, as the lesson panel lists it. */
    String describe();

    /** Computes what the product does and says whether the claim holds. */
    Verdict check(LessonBench bench);

    /** Only on one database (DISTINCT ON, full-text search); elsewhere it is not checked. */
    record On(Dialect dialect, Claim claim) implements Claim {
        public String describe() {
            return claim.describe() + " (" + dialect.displayName() + ")";
        }

        public Verdict check(LessonBench bench) {
            return bench.dialect() == dialect ? claim.check(bench) : Verdict.notApplicable("needs "
                    + dialect.displayName());
        }
    }

    /** One of the compiled statements (main, prefetch or write) contains the fragment. */
    record SqlContains(String query, String fragment) implements Claim {
        public String describe() {
            return "the SQL contains " + fragment;
        }

        public Verdict check(LessonBench bench) {
            List<String> sql = bench.sql(query);
            boolean has = sql.stream().anyMatch(s -> s.contains(fragment));
            return Verdict.of(has, has ? "found in: " + excerpt(sql, fragment) : "not in: " + String.join(" ; ",
                    sql));
        }
    }

    /** No compiled statement contains the fragment. */
    record SqlLacks(String query, String fragment) implements Claim {
        public String describe() {
            return "the SQL has no " + fragment;
        }

        public Verdict check(LessonBench bench) {
            List<String> sql = bench.sql(query);
            boolean has = sql.stream().anyMatch(s -> s.contains(fragment));
            return Verdict.of(!has, has ? "found in: " + excerpt(sql, fragment) : "absent from " + sql.size()
                    + " statement" + (sql.size() == 1 ? "" : "s"));
        }
    }

    /** Running the query (as written) runs exactly this many statements. */
    record Statements(String query, int expected) implements Claim {
        public String describe() {
            return "running it takes " + expected + " statement" + (expected == 1 ? "" : "s");
        }

        public Verdict check(LessonBench bench) {
            List<LoggedStatement> log = bench.run(query).statements();
            return Verdict.of(log.size() == expected, "statements: " + log.size() + " (" + causes(log) + ")");
        }
    }

    /** The N+1 comparison: a loop touching these relations costs {@code naive} statements lazily, {@code optimized} loaded. */
    record NPlusOne(String query, List<String> touches, int naive, int optimized) implements Claim {
        public NPlusOne {
            touches = List.copyOf(touches);
        }

        public String describe() {
            return "reading " + String.join(", ", touches) + " in a loop: statements " + naive + " vs " + optimized;
        }

        public Verdict check(LessonBench bench) {
            NPlusOneReport r = bench.compare(query, touches);
            int n = r.comparison().naiveStatements();
            int o = r.comparison().optimizedStatements();
            return Verdict.of(n == naive && o == optimized, "statements: " + n + " vs " + o + " ("
                    + r.optimizedLabel() + ")");
        }
    }

    /** Two queries return the same rows (compared as returned, order included). */
    record SameRows(String query, String other) implements Claim {
        public String describe() {
            return "returns the same rows as " + other;
        }

        public Verdict check(LessonBench bench) {
            Object a = bench.run(query).result();
            Object b = bench.run(other).result();
            return Verdict.of(Objects.equals(a, b), size(a) + " rows vs " + size(b) + (Objects.equals(a, b)
                    ? ", equal" : ", different"));
        }
    }

    /** Row by row (same order), a column of two queries is equal, or differs in at least one row. */
    record CompareColumn(String query, String other, String column, boolean equal) implements Claim {
        public String describe() {
            return column + (equal ? " is the same as in " : " differs from ") + other;
        }

        public Verdict check(LessonBench bench) {
            List<Object> a = columnOf(bench.run(query).result(), column);
            List<Object> b = columnOf(bench.run(other).result(), column);
            int differing = 0;
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                if (i >= a.size() || i >= b.size() || !sameNumber(a.get(i), b.get(i))) {
                    differing++;
                }
            }
            return Verdict.of(equal ? differing == 0 && !a.isEmpty() : differing > 0, differing + " of "
                    + a.size() + " rows differ; first values " + head(a) + " vs " + head(b));
        }
    }

    /** In every row, the named columns add up to the total column. */
    record ColumnsAddUp(String query, List<String> parts, String total) implements Claim {
        public ColumnsAddUp {
            parts = List.copyOf(parts);
        }

        public String describe() {
            return String.join(" + ", parts) + " = " + total + " in every row";
        }

        public Verdict check(LessonBench bench) {
            List<?> rows = (List<?>) bench.run(query).result();
            int bad = 0;
            for (Object row : rows) {
                Map<?, ?> m = (Map<?, ?>) row;
                long sum = 0;
                for (String p : parts) {
                    sum += ((Number) m.get(p)).longValue();
                }
                if (sum != ((Number) m.get(total)).longValue()) {
                    bad++;
                }
            }
            return Verdict.of(bad == 0 && !rows.isEmpty(), rows.size() + " rows, " + bad + " that do not add up");
        }
    }

    /** What the result is made of: objects (dicts of every field), dicts, tuples, plain values, one dict, a number. */
    enum Shape { OBJECTS, DICTS, TUPLES, VALUES, ONE_DICT, NUMBER }

    /** The result has this shape (and, for rows, each row has exactly these keys or this many items). */
    record HasShape(String query, Shape shape, List<String> keys) implements Claim {
        public HasShape {
            keys = List.copyOf(keys);
        }

        public String describe() {
            return "returns " + switch (shape) {
                case OBJECTS -> "model objects with " + keys;
                case DICTS -> "dictionaries with " + keys;
                case TUPLES -> "tuples of " + keys;
                case VALUES -> "plain values";
                case ONE_DICT -> "one dictionary with " + keys;
                case NUMBER -> "one number";
            };
        }

        public Verdict check(LessonBench bench) {
            Object r = bench.run(query).result();
            String seen = shapeOf(r);
            boolean ok = switch (shape) {
                case NUMBER -> r instanceof Number;
                case ONE_DICT -> r instanceof Map<?, ?> m && List.copyOf(m.keySet()).equals(keys);
                default -> r instanceof List<?> l && !l.isEmpty() && rowMatches(l.get(0));
            };
            return Verdict.of(ok, seen);
        }

        private boolean rowMatches(Object row) {
            return switch (shape) {
                case DICTS -> row instanceof Map<?, ?> m && List.copyOf(m.keySet()).equals(keys);
                case OBJECTS -> row instanceof Map<?, ?> m && m.keySet().containsAll(keys);
                case TUPLES -> row instanceof List<?> t && t.size() == keys.size();
                case VALUES -> !(row instanceof Map<?, ?>) && !(row instanceof List<?>);
                default -> false;
            };
        }
    }

    /** Compiling or running it fails with this kind of error (Django's exception name). */
    record Fails(String query, String errorKind) implements Claim {
        public String describe() {
            return "is refused with " + errorKind;
        }

        public Verdict check(LessonBench bench) {
            try {
                bench.plan(query);
                return Verdict.of(false, "compiled without an error");
            } catch (QueryException e) {
                return Verdict.of(e.kind().equals(errorKind), e.kind() + ": " + e.getMessage());
            }
        }
    }

    /** Evaluating the same QuerySet twice runs its SQL twice: nothing is cached between evaluations. */
    record RunsAgain(String query, int times) implements Claim {
        public String describe() {
            return "evaluated " + times + " times, it runs " + times + " statements";
        }

        public Verdict check(LessonBench bench) {
            int n = bench.run(bench.parse(query), times).statements().size();
            return Verdict.of(n == times, "statements: " + n);
        }
    }

    /** The value travels as a bound parameter: in the parameter list, not in the SQL text. */
    record BoundParameter(String query, Object value) implements Claim {
        public String describe() {
            return value + " is sent as a parameter, never pasted into the SQL";
        }

        public Verdict check(LessonBench bench) {
            LoggedStatement s = bench.run(query).statements().get(0);
            // the log keeps named Params as :name; what the driver received is their bound value
            List<Object> sent = SqlCompiler.bindParams(s.params(), bench.dialect(), bench.params());
            boolean inParams = sent.stream().anyMatch(p -> String.valueOf(p).contains(String.valueOf(value)));
            boolean inText = s.sql().contains(String.valueOf(value));
            return Verdict.of(inParams && !inText, "params " + sent + (inText ? "; also in the SQL text" : ""));
        }
    }

    /** The main statement carries no parameters at all (a comparison of column against column). */
    record NoParameters(String query) implements Claim {
        public String describe() {
            return "no value is sent with it";
        }

        public Verdict check(LessonBench bench) {
            List<Object> params = bench.plan(query).statements().get(0).params();
            return Verdict.of(params.isEmpty(), "params " + params);
        }
    }

    /** The model's field is computed by the database (a GeneratedField). */
    record Generated(String model, String field) implements Claim {
        public String describe() {
            return model + "." + field + " is generated by the database";
        }

        public Verdict check(LessonBench bench) {
            Field f = bench.schema().model(model).field(field).orElse(null);
            return Verdict.of(f != null && f.generated() != null, f == null ? "no such field" : f.generated() == null
                    ? field + " is a plain " + f.djangoType() : "generated from " + f.generated());
        }
    }

    /** The race: read-modify-write loses updates, the F() update loses none (on the bench's scratch database). */
    record LostUpdates() implements Claim {
        public String describe() {
            return "two concurrent workers: lost updates > 0 with read-modify-write, 0 with F()";
        }

        public Verdict check(LessonBench bench) {
            if (bench.raceUrl() == null) {
                return Verdict.notApplicable("no scratch database to race on");
            }
            RaceLesson.Result r = bench.race();
            return Verdict.of(r.readModifyWrite().lost() > 0 && r.fExpression().lost() == 0 && r.restored(),
                    "lost updates: " + r.readModifyWrite().lost() + " vs " + r.fExpression().lost());
        }
    }

    /** Two queries compile to the same SQL (iterator() changes how rows are fetched, not what is asked). */
    record SameSql(String query, String other) implements Claim {
        public String describe() {
            return "sends the same SQL as " + other;
        }

        public Verdict check(LessonBench bench) {
            List<String> a = bench.sql(query);
            List<String> b = bench.sql(other);
            return Verdict.of(a.equals(b), a.equals(b) ? "identical: " + excerpt(a, "FROM") : a + " vs " + b);
        }
    }

    /** The "which to use" table: a relation of a model is loaded with select_related or prefetch_related. */
    record Loads(String model, String relation, String loader) implements Claim {
        public String describe() {
            return model + "." + relation + " is loaded with " + loader;
        }

        public Verdict check(LessonBench bench) {
            for (LoopTouches.Relation r : LoopTouches.offered(bench.schema(), model)) {
                if (r.name().equals(relation)) {
                    return Verdict.of(r.loader().equals(loader), r.kind() + " → " + r.loader());
                }
            }
            return Verdict.of(false, model + " has no relation " + relation);
        }
    }

    // ------------------------------------------------------------------ helpers for the observations

    private static String excerpt(List<String> sql, String fragment) {
        for (String s : sql) {
            int at = s.indexOf(fragment);
            if (at >= 0) {
                int from = Math.max(0, at - 40);
                int to = Math.min(s.length(), at + fragment.length() + 40);
                return (from > 0 ? "…" : "") + s.substring(from, to) + (to < s.length() ? "…" : "");
            }
        }
        return "";
    }

    private static String causes(List<LoggedStatement> log) {
        List<String> out = new ArrayList<>();
        for (LoggedStatement s : log) {
            if (!out.contains(s.cause())) {
                out.add(s.cause());
            }
        }
        return String.join(", ", out);
    }

    private static int size(Object result) {
        return result instanceof List<?> l ? l.size() : 1;
    }

    private static List<Object> columnOf(Object result, String column) {
        List<Object> out = new ArrayList<>();
        for (Object row : (List<?>) result) {
            out.add(((Map<?, ?>) row).get(column));
        }
        return out;
    }

    private static boolean sameNumber(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.longValue() == y.longValue();
        }
        return Objects.equals(a, b);
    }

    private static String head(List<Object> values) {
        return values.subList(0, Math.min(5, values.size())).toString();
    }

    private static String shapeOf(Object r) {
        if (r instanceof Number n) {
            return "a number: " + n;
        }
        if (r instanceof Map<?, ?> m) {
            return "one dictionary with " + m.keySet();
        }
        if (r instanceof List<?> l) {
            if (l.isEmpty()) {
                return "no rows";
            }
            Object row = l.get(0);
            String what = row instanceof Map<?, ?> m ? "rows keyed " + m.keySet() : row instanceof List<?> t
                    ? "tuples of " + t.size() : "values like " + row;
            return l.size() + " " + what;
        }
        return String.valueOf(r);
    }
}
