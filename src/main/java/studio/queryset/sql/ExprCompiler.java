package studio.queryset.sql;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import studio.queryset.query.LookupPath;
import studio.queryset.query.Expression;
import studio.queryset.query.ExpressionWalk;
import studio.queryset.query.FunctionNames;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Field;
import studio.queryset.schema.FieldPathException;
import studio.queryset.schema.Hop;
import studio.queryset.schema.Model;
import studio.queryset.schema.ReverseRelation;
import studio.queryset.schema.ValueType;
import studio.queryset.sql.format.SqlScan;

/**
 * Compiles expressions and conditions of one SELECT level. Conditions follow Django's rules: joins a
 * condition needs are voted INNER, OR and negation promote the others to LEFT OUTER, a negated lookup on a
 * nullable column also requires {@code IS NOT NULL}, and a lookup across a multi-valued relation under a
 * negated branch becomes Django 3.2's correlated {@code NOT EXISTS} ({@link SplitExclude}).
 */
final class ExprCompiler {
    private final SqlQuery owner;
    /** Expressions already compiled elsewhere (split_exclude resolves an F() value in the outer query). */
    private Map<Expression, Typed> presets = Map.of(); // made on the first preset: most queries have none

    ExprCompiler(SqlQuery owner) {
        this.owner = owner;
    }

    private Dialect dialect() {
        return owner.dialect;
    }

    private Scope scope() {
        return owner.scope;
    }

    /** A compiled condition split into its WHERE and HAVING parts, with the joins it needs to be INNER. */
    record Cond(Frag whereFrag, Frag havingFrag, Set<Join> neededInner, boolean alwaysFalse, List<Frag> whereCols,
                List<Frag> havingCols) {
        Cond(Frag whereFrag, Frag havingFrag, Set<Join> neededInner, boolean alwaysFalse) {
            this(whereFrag, havingFrag, neededInner, alwaysFalse, List.of(), List.of());
        }

        /**
         * The same condition with the group-by columns of its lookups (each side without an aggregate, Django's
         * Lookup.get_group_by_cols): the query groups by the ones that end up in HAVING.
         */
        Cond withCols(List<Frag> where, List<Frag> having) {
            return new Cond(whereFrag, havingFrag, neededInner, alwaysFalse, List.copyOf(where), List.copyOf(having));
        }

        Frag whole() {
            if (whereFrag.sql().isEmpty()) {
                return havingFrag;
            }
            if (havingFrag.sql().isEmpty()) {
                return whereFrag;
            }
            return Frag.format("(%s AND %s)", whereFrag, havingFrag);
        }

        boolean isHaving() {
            return !havingFrag.sql().isEmpty();
        }
    }

    private static final Frag EMPTY = Frag.of("");

    /** A filter()'s condition: top-level AND parts touching aggregates go to HAVING. */
    Cond compileFilter(Q q, ExprContext ctx) {
        checkFilterable(q);
        Cond c = compileQ(q, ctx);
        for (Join j : c.neededInner()) {
            scope().demote(j);
        }
        return c;
    }

    /** A condition's SQL, marked as written by {@code q} (see {@link SqlSpans}). */
    Cond compileQ(Q q, ExprContext ctx) {
        Cond c;
        try {
            c = compileQUnmarked(q, ctx);
        } catch (QueryException e) {
            throw e.in(q);
        }
        return new Cond(c.whereFrag().marked(q), c.havingFrag().marked(q), c.neededInner(), c.alwaysFalse(),
                c.whereCols(), c.havingCols());
    }

    private Cond compileQUnmarked(Q q, ExprContext ctx) {
        if (q instanceof Q.Lookup l) {
            return leaf(l, ctx);
        }
        if (q instanceof Q.ExpressionCondition ec) {
            Typed t = compile(ec.expression(), ctx);
            Frag f = t.frag().marked(ec.expression());
            return t.aggregate() ? new Cond(EMPTY, f, Set.of(), false) : new Cond(f, EMPTY, Set.of(), false);
        }
        Q.Node n = (Q.Node) q;
        ExprContext childCtx = n.negated() ? ctx.negate() : ctx;
        List<Cond> parts = new ArrayList<>();
        for (Q child : n.children()) {
            parts.add(compileQ(child, childCtx));
        }
        if (parts.isEmpty()) {
            return new Cond(EMPTY, EMPTY, Set.of(), false);
        }
        // Django's JoinPromoter: under negation AND acts as OR and the other way round.
        boolean effectiveOr = (n.connector() == Q.Connector.OR) != childCtx.negated();
        Map<Join, Integer> votes = new LinkedHashMap<>();
        for (Cond c : parts) {
            for (Join j : c.neededInner()) {
                votes.merge(j, 1, Integer::sum);
            }
        }
        Set<Join> needed = new LinkedHashSet<>();
        if (ctx.filterCall() >= 0) {
            for (var e : votes.entrySet()) {
                // a join an earlier filter() made INNER stays INNER: that filter already requires the row
                boolean earlier = e.getKey().filterCall != ctx.filterCall() && !e.getKey().outer;
                if (effectiveOr && e.getValue() < parts.size() && !earlier) {
                    scope().promote(e.getKey());
                } else {
                    needed.add(e.getKey());
                }
            }
            if (effectiveOr) {
                // joins used by no vote at all under OR must not filter rows either
                for (Cond c : parts) {
                    for (Join j : c.neededInner()) {
                        if (!needed.contains(j) && (j.filterCall == ctx.filterCall() || j.outer)) {
                            scope().promote(j);
                        }
                    }
                }
            }
        }
        String sep = n.connector() == Q.Connector.AND ? " AND " : " OR ";
        boolean anyHaving = false;
        boolean anyFalse = false;
        boolean everyFalse = true;
        for (Cond c : parts) {
            anyHaving |= c.isHaving();
            anyFalse |= c.alwaysFalse();
            everyFalse &= c.alwaysFalse();
        }
        boolean allFalse = n.connector() == Q.Connector.OR ? everyFalse : anyFalse;
        if (n.negated()) {
            allFalse = false;
        }
        List<Frag> whereCols = new ArrayList<>();
        List<Frag> havingCols = new ArrayList<>();
        for (Cond c : parts) {
            whereCols.addAll(c.whereCols());
            havingCols.addAll(c.havingCols());
        }
        if (anyHaving && (n.connector() == Q.Connector.OR || n.negated())) {
            List<Frag> all = new ArrayList<>();
            for (Cond c : parts) {
                all.add(c.whole());
            }
            Frag f = joinParts(all, sep, n.negated());
            havingCols.addAll(0, whereCols);
            return new Cond(EMPTY, f, needed, allFalse).withCols(List.of(), havingCols);
        }
        List<Frag> w = new ArrayList<>();
        List<Frag> h = new ArrayList<>();
        for (Cond c : parts) {
            if (!c.whereFrag().sql().isEmpty()) {
                w.add(c.whereFrag());
            }
            if (!c.havingFrag().sql().isEmpty()) {
                h.add(c.havingFrag());
            }
        }
        return new Cond(w.isEmpty() ? EMPTY : joinParts(w, sep, n.negated()),
                h.isEmpty() ? EMPTY : joinParts(h, " AND ", false), needed, allFalse).withCols(whereCols, havingCols);
    }

    /**
     * Children joined as Django's WhereNode renders them: a child joined by the same connector is squashed into
     * this one (tree.Node.add), one joined by the other connector keeps its parentheses; a negated node is
     * {@code NOT (...)}. The result is left unwrapped: its parent (or the WHERE clause) decides.
     */
    static Frag joinParts(List<Frag> parts, String sep, boolean negated) {
        List<Frag> rendered = new ArrayList<>();
        for (Frag p : parts) {
            String inner = SqlScan.topConnector(p.sql());
            // a BETWEEN keeps parentheses among AND terms (Django prints none) so the JDBC export's split of
            // the WHERE at its top-level ANDs cannot cut it
            boolean between = sep.equals(" AND ") && parts.size() > 1 && p.sql().contains(" BETWEEN ")
                    && SqlScan.topLevel(p.sql(), 0, " BETWEEN ") >= 0;
            rendered.add(inner != null && !inner.equals(sep) || between ? Frag.format("(%s)", p) : p);
        }
        Frag body = Frag.join(sep, rendered);
        return negated ? Frag.format("NOT (%s)", body) : body;
    }

    /**
     * A whole WHERE or HAVING clause from its terms (one per filter() call): several are each parenthesised and
     * ANDed. Django prints the root node squashed in one pair of parentheses instead; this form is kept because
     * the JDBC export (codegen SqlWhere) composes statements from these top-level AND terms.
     */
    static Frag clause(List<Frag> terms) {
        if (terms.size() == 1) {
            return terms.get(0);
        }
        List<Frag> out = new ArrayList<>();
        for (Frag f : terms) {
            out.add(Frag.format("(%s)", f));
        }
        return Frag.join(" AND ", out);
    }

    // ---------------------------------------------------------------- lookups

    private Cond leaf(Q.Lookup l, ExprContext ctx) {
        String[] parts = LookupPath.split(l.path());
        // the longest annotation name the path starts with: a default alias such as clubs__count has "__"
        Annotation ann = null;
        int annParts = 0;
        // (most queries annotate nothing: no candidate names to build then)
        for (int k = parts.length; k >= 1 && ann == null && !owner.annotations.isEmpty(); k--) {
            ann = owner.annotations.get(String.join("__", List.of(parts).subList(0, k)));
            annParts = k;
        }
        Typed lhs;
        List<String> rest;
        Set<Join> used = new LinkedHashSet<>();
        boolean nullableColumn;
        ResolvedPath rp = null;
        if (ann != null) {
            lhs = ann.compiled();
            rest = List.of(parts).subList(annParts, parts.length);
            nullableColumn = false; // Django adds IS NOT NULL for nullable fields only, not annotations
        } else {
            if (ctx.branchNegated() && ctx.filterCall() >= 0 && crossesMultiValued(owner.model, parts)) {
                return new SplitExclude(owner, ctx).compile(l);
            }
            rp = scope().resolve(l.path(), ctx.filterCall());
            used.addAll(rp.joins());
            rest = rp.rest();
            lhs = Typed.of(Frag.of(owner.col(rp.alias(), rp.column())), rp.valueType());
            nullableColumn = rp.field() == null || rp.field().nullable() || anyOuter(rp.joins())
                    || rp.relationEnd() && !rp.joins().isEmpty() && rp.joins().get(rp.joins().size() - 1).nullable;
        }
        String lookup = "exact";
        List<String> transforms = rest;
        if (!rest.isEmpty() && Scope.LOOKUPS.contains(rest.get(rest.size() - 1))) {
            lookup = rest.get(rest.size() - 1);
            transforms = rest.subList(0, rest.size() - 1);
        }
        if (rp != null && rp.valueType() == ValueType.JSON) {
            return jsonLeaf(lhs, transforms, lookup, l.value(), used, ctx, nullableColumn);
        }
        Frag yearCond = yearBetween(rp, transforms, lookup, l.value(), lhs);
        if (yearCond != null) {
            transforms = List.of(); // the lookup is on the column itself, so an index can be used
        }
        if (rp != null && !transforms.isEmpty()) {
            lhs = applyTransforms(rp, transforms, lhs.aggregate());
        } else if (!transforms.isEmpty()) {
            for (String t : transforms) {
                if (!Scope.TRANSFORMS.contains(t)) {
                    throw QueryException.fieldError("Unsupported lookup '" + t + "' for annotation or join on the"
                            + " field not permitted.").about(t);
                }
                lhs = Lookups.transform(dialect(), t, lhs);
            }
        }
        Expression value = l.value();
        if (value instanceof Expression.Param p) {
            if (p.optional() && owner.absentParams.contains(p.name())) {
                return new Cond(EMPTY, EMPTY, Set.of(), false); // `if author:` — the lookup is not added
            }
            if (!lookup.equals("in") && !lookup.equals("range") && !lookup.equals("isnull")) {
                Frag rhs = Frag.param(new ParamRef(p.name(), lhs.type(), lookup));
                Frag cond = Lookups.compare(dialect(), lookup, lhs, rhs, false);
                return lhs.aggregate() ? new Cond(EMPTY, cond, used, false) : new Cond(cond, EMPTY, used, false);
            }
        }
        boolean isNullValue = value instanceof Expression.Value v && v.value() == null;
        Frag cond;
        boolean alwaysFalse = false;
        boolean requireOuter = false;
        boolean rhsAggregate = false; // Django's contains_aggregate looks at both sides of a lookup
        Frag rhsFrag = null; // an expression on the right (not a plain value)
        if (yearCond != null) {
            cond = yearCond;
        } else if (lookup.equals("isnull")) {
            if (!(value instanceof Expression.Value v && v.value() instanceof Boolean b)) {
                throw new QueryException("ValueError", "The QuerySet value for an isnull lookup must be True or "
                        + "False.").in(value);
            }
            cond = Frag.format(b ? "%s IS NULL" : "%s IS NOT NULL", lhs.frag());
            requireOuter = b && !ctx.negated();
            if (ctx.negated() && !b) {
                requireOuter = true;
            }
        } else if (isNullValue) {
            if (!lookup.equals("exact") && !lookup.equals("iexact")) {
                throw new QueryException("ValueError", "Cannot use None as a query value").in(value);
            }
            cond = Frag.format("%s IS NULL", lhs.frag());
            requireOuter = !ctx.negated();
        } else if (lookup.equals("in")) {
            // a model queryset on the right selects the field the FK column holds (Django's RelatedIn)
            String key = rp != null && rp.relationEnd() && rp.field() != null && rp.field().isRelation()
                    && rp.field().relation().toField() != null ? rp.field().relation().toField() : null;
            cond = inLookup(lhs, value, ctx, key);
            alwaysFalse = cond.sql().equals("1 = 0");
        } else if (lookup.equals("range")) {
            List<Object> bounds = listOf(value, "range");
            if (bounds.size() != 2) {
                throw new QueryException("ValueError", "range needs exactly two values: (start, end)").in(value);
            }
            cond = Frag.format("%s BETWEEN %s AND %s", lhs.frag(), rhsValue(value, bounds.get(0), lhs.type(), lookup),
                    rhsValue(value, bounds.get(1), lhs.type(), lookup));
        } else if (value instanceof Expression.Value v) {
            checkLookupFits(lookup, lhs.type(), rp);
            Object flag = lhs.type() == ValueType.BOOLEAN && lookup.equals("exact")
                    && dialect().ops().booleanExactAsCondition() ? ValueBinder.coerce(v.value(), ValueType.BOOLEAN) : null;
            if (flag instanceof Boolean b) {
                // Django 3.2's Exact on a conditional lhs: WHERE col / WHERE NOT col instead of = true
                cond = b ? lhs.frag() : Frag.format("NOT %s", lhs.frag());
            } else {
                cond = Lookups.compare(dialect(), lookup, lhs, rhsValue(v, v.value(), lhs.type(), lookup), false);
            }
        } else {
            Typed rhs = compile(value, ctx);
            rhsAggregate = rhs.aggregate();
            rhsFrag = rhs.frag();
            cond = Lookups.compare(dialect(), lookup, lhs, rhs.frag(), true);
            if (ctx.negated() && ann == null && value instanceof Expression.F && rhs.frag().params().isEmpty()) {
                cond = Frag.format("%s AND %s IS NOT NULL", cond, rhs.frag());
            }
        }
        if (ctx.negated() && !lookup.equals("isnull") && !isNullValue && ann == null) {
            requireOuter = true;
            if (nullableColumn) {
                cond = Frag.format("%s AND %s IS NOT NULL", cond, lhs.frag());
            }
        }
        boolean aggregate = lhs.aggregate() || rhsAggregate;
        Set<Join> needed = requireOuter ? Set.of() : used;
        // Django's Lookup.get_group_by_cols: each side without an aggregate, whole (a plain value has none)
        List<Frag> cols = new ArrayList<>();
        if (!lhs.aggregate()) {
            cols.add(lhs.frag());
        }
        if (rhsFrag != null && !rhsAggregate) {
            cols.add(rhsFrag);
        }
        if (aggregate) {
            return new Cond(EMPTY, cond, needed, alwaysFalse).withCols(List.of(), cols);
        }
        return new Cond(cond, EMPTY, needed, alwaysFalse).withCols(cols, List.of());
    }

    /**
     * Lookups on a JSONField: key transforms ({@code preferences__theme__dark=True}), has_key, contains and
     * exact on the whole document, written as Django writes them for each backend.
     */
    private Cond jsonLeaf(Typed column, List<String> keys, String lookup, Expression value, Set<Join> used,
                          ExprContext ctx, boolean nullableColumn) {
        Typed lhs = keys.isEmpty() ? column : JsonSql.keyTransform(dialect(), column, keys);
        Object literal = value instanceof Expression.Value v ? v.value() : null;
        Frag cond;
        switch (lookup) {
            case "has_key" -> cond = JsonSql.hasKey(dialect(), lhs, String.valueOf(literal));
            case "contains" -> cond = JsonSql.contains(dialect(), lhs, JsonSql.text(literal));
            case "isnull" -> {
                boolean isNull = Boolean.TRUE.equals(literal);
                if (keys.isEmpty()) {
                    cond = Frag.format(isNull ? "%s IS NULL" : "%s IS NOT NULL", column.frag());
                } else {
                    // Django: a key isnull=True means the key is missing
                    Frag has = JsonSql.hasKey(dialect(), JsonSql.keyTransform(dialect(), column,
                            keys.subList(0, keys.size() - 1)), keys.get(keys.size() - 1));
                    cond = isNull ? Frag.format("NOT (%s)", has) : has;
                }
            }
            case "exact" -> {
                // MariaDB: Django's lookup_cast puts JSON_UNQUOTE around a key for every lookup
                Typed key = !dialect().ops().jsonKeyExactUnquoted() ? lhs : keys.isEmpty()
                        ? new Typed(Frag.format("JSON_UNQUOTE(%s)", column.frag()), ValueType.JSON, column.aggregate())
                        : JsonSql.keyText(dialect(), column, keys);
                if (literal == null && value instanceof Expression.Value) {
                    // JSONExact: None is JSON null, on the whole document too (SQL NULL is __isnull=True)
                    cond = dialect().ops().jsonIsJsonNull(column.frag(), keys, key.frag());
                } else {
                    cond = keys.isEmpty() ? dialect().ops().jsonDocumentEquals(key.frag(), JsonSql.text(literal))
                            : JsonSql.equalsJson(dialect(), key, JsonSql.text(literal));
                }
            }
            default -> {
                if (keys.isEmpty()) {
                    throw QueryException.fieldError("Unsupported lookup '" + lookup + "' for JSONField or join on "
                            + "the field not permitted. JSONField lookups: exact, isnull, contains, has_key, and "
                            + "keys (preferences__theme__dark).").about(lookup);
                }
                // comparisons on a key compare its SQL value, as Django's KeyTransform lookups do
                Typed text = JsonSql.keyText(dialect(), column, keys);
                // KeyTransformNumericLookupMixin: without a native JSON type (SQLite, MariaDB) lt/lte/gt/gte bind
                // json.loads of the value, so a number compares as a number
                boolean numeric = List.of("lt", "lte", "gt", "gte").contains(lookup)
                        && dialect() != Dialect.POSTGRESQL && literal instanceof Number;
                Frag rhs = rhsValue(literal, numeric ? (literal instanceof Double ? ValueType.FLOAT : ValueType.INTEGER)
                        : ValueType.TEXT, lookup);
                if (lookup.startsWith("i") && dialect().ops().jsonKeyTextBinary()) {
                    // Django's CaseInsensitiveMixin: JSON text compares in utf8mb4_bin on MySQL, so LOWER both sides
                    text = new Typed(Frag.format("LOWER(%s)", text.frag()), ValueType.TEXT, text.aggregate());
                    rhs = Frag.format("LOWER(%s)", rhs);
                }
                cond = Lookups.compare(dialect(), lookup, text, rhs, false);
            }
        }
        // build_filter's rule: negated, not isnull, not None, and the column (never the key) nullable
        boolean noneValue = value instanceof Expression.Value v && v.value() == null;
        if (ctx.negated() && !lookup.equals("isnull") && !noneValue && nullableColumn) {
            cond = Frag.format("%s AND %s IS NOT NULL", cond, column.frag());
        }
        return new Cond(cond, EMPTY, ctx.negated() ? Set.of() : used, false);
    }

    private void checkLookupFits(String lookup, ValueType type, ResolvedPath rp) {
        if (lookup.equals("search") && type != ValueType.TEXT) {
            throw QueryException.fieldError("Unsupported lookup 'search' for " + fieldTypeName(rp));
        }
        if (lookup.equals("search") && dialect().ops().searchIsUnknownLookup()) {
            // Django registers __search only with django.contrib.postgres, so elsewhere it is an unknown lookup
            throw QueryException.fieldError("Unsupported lookup 'search' for " + fieldTypeName(rp)
                    + " or join on the field not permitted.");
        }
    }

    private static String fieldTypeName(ResolvedPath rp) {
        return rp == null || rp.field() == null ? "expression" : rp.field().djangoType();
    }

    Typed applyTransforms(ResolvedPath rp, List<String> transforms, boolean aggregate) {
        Typed lhs = new Typed(Frag.of(owner.col(rp.alias(), rp.column())), rp.valueType(), aggregate);
        if (rp.valueType() == ValueType.JSON) {
            return JsonSql.keyTransform(dialect(), lhs, transforms);
        }
        String type = fieldTypeName(rp);
        for (String t : transforms) {
            if (!Scope.TRANSFORMS.contains(t)) {
                if (rp.relationEnd()) {
                    throw QueryException.fieldError("Related Field got invalid lookup: " + t).about(t);
                }
                throw QueryException.fieldError("Unsupported lookup '" + t + "' for " + type + " or join on the "
                        + "field not permitted" + suggestion(t) + ". Lookups for " + type + ": "
                        + String.join(", ", LookupSpecs.namesFor(lhs.type())) + ".").about(t);
            }
            Lookups.checkTransform(t, lhs.type(), type);
            lhs = Lookups.transform(dialect(), t, lhs);
            type = t.equals("date") ? "DateField" : t.equals("time") ? "TimeField" : "IntegerField";
        }
        return lhs;
    }

    private static String suggestion(String wrong) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String s : Scope.LOOKUPS) {
            int d = distance(wrong, s);
            if (d < bestScore) {
                bestScore = d;
                best = s;
            }
        }
        return bestScore <= 2 ? ", perhaps you meant " + best + "?" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    /**
     * Django's YearLookup with a literal year, on the backends that write it ({@code yearLookupAsBetween}):
     * {@code __year=2024} is {@code col BETWEEN '2024-01-01 00:00:00' AND '2024-12-31 23:59:59.999999'},
     * {@code __year__gt} is {@code col > <end of year>} and so on. Null when the lookup is not of that form.
     */
    private Frag yearBetween(ResolvedPath rp, List<String> transforms, String lookup, Expression value, Typed column) {
        // Django 3.2 registers YearLookup on ExtractIsoYear too: __iso_year=2023 is the calendar year's BETWEEN
        // on every backend (a Django 3.2 bug that shows: the ISO year's edge days fall on the wrong side)
        boolean isoYear = transforms.equals(List.of("iso_year"));
        if (rp == null || !(isoYear || dialect().ops().yearLookupAsBetween() && transforms.equals(List.of("year")))
                || !(value instanceof Expression.Value v) || v.value() == null || v.value() instanceof List
                || rp.valueType() != ValueType.DATE && rp.valueType() != ValueType.DATETIME) {
            return null;
        }
        if (!List.of("exact", "gt", "gte", "lt", "lte").contains(lookup)) {
            return null;
        }
        long year = (Long) ValueBinder.coerce(v.value(), ValueType.INTEGER);
        if (year < 1 || year > 9999) {
            throw new QueryException("ValueError", "year " + year + " is out of range");
        }
        Object start;
        Object finish;
        if (rp.valueType() == ValueType.DATETIME) {
            start = java.time.LocalDateTime.of((int) year, 1, 1, 0, 0);
            finish = java.time.LocalDateTime.of((int) year, 12, 31, 23, 59, 59, 999_999_000);
        } else {
            start = java.time.LocalDate.of((int) year, 1, 1);
            finish = java.time.LocalDate.of((int) year, 12, 31);
        }
        Frag s = Frag.param(ValueBinder.bind(dialect(), start, rp.valueType()));
        Frag f = Frag.param(ValueBinder.bind(dialect(), finish, rp.valueType()));
        Frag col = column.frag();
        return switch (lookup) {
            case "exact" -> Frag.format("%s BETWEEN %s AND %s", col, s, f);
            case "gt" -> Frag.format("%s > %s", col, f);
            case "gte" -> Frag.format("%s >= %s", col, s);
            case "lt" -> Frag.format("%s < %s", col, s);
            default -> Frag.format("%s <= %s", col, f);
        };
    }

    /** A value of the expression {@code of} (a literal or one item of a list), its errors about {@code of}. */
    private Frag rhsValue(Expression of, Object value, ValueType type, String lookup) {
        try {
            return rhsValue(value, type, lookup);
        } catch (QueryException e) {
            throw e.in(of);
        }
    }

    private Frag rhsValue(Object value, ValueType type, String lookup) {
        if (value instanceof Expression e) {
            return compile(e, ExprContext.SELECT).frag();
        }
        if (Lookups.isPattern(lookup)) {
            return Frag.param(Lookups.pattern(dialect(), lookup, value));
        }
        if (lookup.equals("regex") || lookup.equals("iregex") || lookup.equals("search")) {
            return Frag.param(String.valueOf(value));
        }
        return Frag.param(ValueBinder.bind(dialect(), value, type));
    }

    private List<Object> listOf(Expression value, String lookup) {
        if (value instanceof Expression.Value v && v.value() instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        throw new QueryException("TypeError", "The " + lookup + " lookup needs a list or tuple of values").in(value);
    }

    private Frag inLookup(Typed lhs, Expression value, ExprContext ctx, String keyField) {
        if (value instanceof Expression.QueryValue qv) {
            return Frag.format("%s IN (%s)", lhs.frag(), subquerySql(qv.query(), true, keyField));
        }
        if (value instanceof Expression.Subquery sq) {
            return Frag.format("%s IN (%s)", lhs.frag(), subquerySql(sq.query(), true, keyField));
        }
        List<Frag> items = new ArrayList<>();
        Set<Object> seen = new LinkedHashSet<>();
        for (Object o : listOf(value, "in")) {
            if (o == null) {
                continue; // NULL never matches IN, as Django drops it
            }
            if (o instanceof Expression e) {
                items.add(compile(e, ctx).frag());
            } else if (seen.add(o)) {
                items.add(rhsValue(value, o, lhs.type(), "in"));
            }
        }
        return Lookups.in(lhs, items);
    }

    /** Whether walking {@code parts} from {@code m} passes a relation that can yield several rows. */
    private static boolean anyOuter(List<Join> joins) {
        for (Join j : joins) {
            if (j.outer) {
                return true;
            }
        }
        return false;
    }

    private boolean crossesMultiValued(Model m, String[] parts) {
        // the path as filters read it: a multi-table parent's relations included
        try {
            return scope().resolver().resolve(m, String.join("__", parts)).hops().stream()
                    .anyMatch(Hop::multiValued);
        } catch (FieldPathException e) {
            return false; // the filter itself reports the bad name
        }
    }

    // ---------------------------------------------------------------- expressions

    /**
     * What an expression adds to GROUP BY, by Django 3.2's {@code get_group_by_cols}: itself when it holds no
     * aggregate (a constant adds nothing), else what its parts add — so {@code Sum("a") + F("b")} groups by b and
     * {@code Case(When(x__gt=1, then=Count("y")))} by x.
     */
    List<Frag> groupByCols(Expression e) {
        if (e == null || e instanceof Expression.Value || e instanceof Expression.Param || e instanceof Expression.Star
                || e instanceof Expression.Aggregate) {
            return List.of();
        }
        if (!holdsAggregate(e)) {
            Typed t = compile(e, ExprContext.SELECT);
            return t.aggregate() ? List.of() : List.of(t.frag());
        }
        List<Frag> out = new ArrayList<>();
        if (e instanceof Expression.Combined c) {
            out.addAll(groupByCols(c.left()));
            out.addAll(groupByCols(c.right()));
        } else if (e instanceof Expression.Negated n) {
            out.addAll(groupByCols(n.operand()));
        } else if (e instanceof Expression.Func f) {
            f.args().forEach(a -> out.addAll(groupByCols(a)));
        } else if (e instanceof Expression.Wrapper w) {
            out.addAll(groupByCols(w.expression()));
        } else if (e instanceof Expression.OrderBy o) {
            out.addAll(groupByCols(o.expression()));
        } else if (e instanceof Expression.Case c) {
            c.whens().forEach(w -> out.addAll(groupByCols(w)));
            out.addAll(groupByCols(c.defaultValue()));
        } else if (e instanceof Expression.When w) {
            out.addAll(conditionGroupByCols(w.condition()));
            out.addAll(groupByCols(w.then()));
        }
        return out;
    }

    /** A condition's part of GROUP BY: each lookup's left side (with its transform) and an expression value. */
    private List<Frag> conditionGroupByCols(Q q) {
        List<Frag> out = new ArrayList<>();
        if (q instanceof Q.Node n) {
            n.children().forEach(c -> out.addAll(conditionGroupByCols(c)));
        } else if (q instanceof Q.Lookup l) {
            String[] split = LookupCatalog.split(l.path());
            int transform = split[1].indexOf("__");
            Typed lhs = fieldRef(transform < 0 ? split[0] : split[0] + "__" + split[1].substring(0, transform),
                    ExprContext.SELECT);
            if (!lhs.aggregate()) {
                out.add(lhs.frag());
            }
            if (!(l.value() instanceof Expression.Value)) {
                out.addAll(groupByCols(l.value()));
            }
        } else if (q instanceof Q.ExpressionCondition c) {
            out.addAll(groupByCols(c.expression()));
        }
        return out;
    }

    /** Django's {@code contains_aggregate}: an aggregate anywhere among the source expressions (not in subqueries). */
    static boolean holdsAggregate(Expression e) {
        return ExpressionWalk.containsAggregate(e);
    }

    

    void preset(Expression e, Typed compiled) {
        if (presets.isEmpty()) {
            presets = new java.util.IdentityHashMap<>();
        }
        presets.put(e, compiled);
    }

    Typed compile(Expression e, ExprContext ctx) {
        try {
            return compileUnnamed(e, ctx);
        } catch (QueryException x) {
            throw x.in(e); // the error names the expression it is in
        }
    }

    private Typed compileUnnamed(Expression e, ExprContext ctx) {
        Typed pre = presets.get(e);
        if (pre != null) {
            return pre;
        }
        if (e instanceof Expression.F f) {
            return fieldRef(f.path(), ctx);
        }
        if (e instanceof Expression.Value v) {
            return value(v);
        }
        if (e instanceof Expression.OuterRef o) {
            Scope target = scope();
            for (int i = 0; i < o.levels(); i++) {
                if (target.parent == null) {
                    throw new QueryException("ValueError", "This queryset contains a reference to an outer query "
                            + "and may only be used in a subquery.");
                }
                target = target.parent;
            }
            ResolvedPath rp = target.resolve(o.path(), -1);
            if (!rp.rest().isEmpty()) {
                throw QueryException.fieldError("OuterRef(\"" + o.path() + "\") must name a field");
            }
            return Typed.of(Frag.of(owner.col(rp.alias(), rp.column())), rp.valueType());
        }
        if (e instanceof Expression.Param p) {
            return Typed.of(Frag.param(new ParamRef(p.name(), ValueType.TEXT, null)), ValueType.TEXT);
        }
        if (e instanceof Expression.Combined c) {
            return combined(c, ctx);
        }
        if (e instanceof Expression.Negated n) {
            // Django's __neg__ is _combine(-1, MUL): (x * %s) with -1 bound
            return combined(new Expression.Combined(n.operand(), "*", Expression.Value.of(-1)), ctx);
        }
        if (e instanceof Expression.Window w) {
            return window(w, ctx);
        }
        if (e instanceof Expression.Func fn && FunctionNames.WINDOW_FUNCTIONS.contains(fn.name())) {
            throw new QueryException("ValueError", fn.name() + "() is a window function: it needs an OVER clause, "
                    + "as in Window(expression=" + fn.name() + "(), order_by=...)");
        }
        if (e instanceof Expression.Func fn) {
            List<Typed> args = new ArrayList<>();
            for (Expression a : fn.args()) {
                args.add(compile(a, ctx));
            }
            return Functions.compile(dialect(), fn.name(), args, fn.options(), fn.args());
        }
        if (e instanceof Expression.Aggregate a) {
            return aggregate(a, ctx);
        }
        if (e instanceof Expression.Case c) {
            resolvedClass(c, ctx); // Case.as_sql asks its output_field wherever it stands: mixed branches raise
            List<Frag> parts = new ArrayList<>();
            ValueType type = c.outputField() != null ? Functions.valueTypeOf(c.outputField()) : null;
            boolean agg = false;
            for (Expression.When w : c.whens()) {
                Cond cond = compileQ(w.condition(), ExprContext.SELECT);
                Typed then = compile(w.then(), ctx);
                type = type == null ? then.type() : type;
                agg |= then.aggregate() || cond.isHaving();
                parts.add(Frag.format("WHEN %s THEN %s", cond.whole(), then.frag()));
            }
            Frag def = Frag.of("NULL");
            if (c.defaultValue() != null) {
                Typed d = compile(c.defaultValue(), ctx);
                def = d.frag();
                type = type == null ? d.type() : type;
                agg |= d.aggregate();
            }
            return new Typed(Frag.format("CASE %s ELSE %s END", Frag.join(" ", parts), def),
                    type == null ? ValueType.TEXT : type, agg);
        }
        if (e instanceof Expression.When w) {
            throw new QueryException("TypeError", "When() can only be used inside Case()");
        }
        if (e instanceof Expression.Wrapper w) {
            boolean outer = underWrapper;
            underWrapper = true; // the wrapper gives the type: Django never asks the inner one
            Typed t;
            try {
                t = compile(w.expression(), ctx);
            } finally {
                underWrapper = outer;
            }
            return new Typed(t.frag(), Functions.valueTypeOf(w.outputField()), t.aggregate());
        }
        if (e instanceof Expression.Subquery s) {
            SelectPlan p = subqueryPlan(s.query(), false);
            ValueType type = p.columns().isEmpty() ? ValueType.INTEGER : p.columns().get(0).type();
            return Typed.of(Frag.format("(%s)", Frag.of(p.query())), type);
        }
        if (e instanceof Expression.Exists x) {
            SqlQuery sub = SqlQuery.forQuerySet(owner.schema, dialect(), x.query(), scope());
            sub.ordering = List.of();
            sub.clearDefaultOrdering = true;
            sub.high = 1L;
            sub.low = null;
            SelectPlan p = sub.build(Frag.of("1 AS " + dialect().quote("a")));
            return Typed.of(Frag.format("EXISTS(%s)", Frag.of(p.query())),
                    ValueType.BOOLEAN);
        }
        if (e instanceof Expression.QueryValue qv) {
            return Typed.of(Frag.format("(%s)", subquerySql(qv.query(), false)), ValueType.INTEGER);
        }
        if (e instanceof Expression.Condition c) {
            Cond cond = compileQ(c.q(), ExprContext.SELECT);
            return new Typed(cond.whole(), ValueType.BOOLEAN, cond.isHaving());
        }
        if (e instanceof Expression.Star) {
            return Typed.of(Frag.of("*"), ValueType.INTEGER);
        }
        if (e instanceof Expression.OrderBy o) {
            return compile(o.expression(), ctx);
        }
        throw new QueryException("TypeError", "Cannot compile " + e);
    }

    /** Django's Window: a window function or an aggregate over the rows of its partition. */
    private Typed window(Expression.Window w, ExprContext ctx) {
        Typed source;
        if (w.expression() instanceof Expression.Func fn && FunctionNames.WINDOW_FUNCTIONS.contains(fn.name())) {
            List<Typed> args = new ArrayList<>();
            for (Expression a : WindowSql.arguments(fn)) {
                args.add(compile(a, ctx));
            }
            source = WindowSql.function(dialect(), fn.name(), args);
        } else if (w.expression() instanceof Expression.Aggregate a) {
            boolean outer = windowedAggregate;
            windowedAggregate = true;
            try {
                source = compile(w.expression(), ctx);
            } finally {
                windowedAggregate = outer;
            }
            if (a.function().equals("Avg") && compile(a.argument(), ctx).type() == ValueType.INTEGER) {
                // the float cast of an integer average goes around the whole AVG(...) OVER (...)
                Typed over = WindowSql.over(dialect(), source, partitionOf(w, ctx), orderOf(w, ctx), w.frame());
                return new Typed(dialect().ops().avgOfInteger(over.frag()), over.type(), false, true);
            }
        } else {
            throw new QueryException("ValueError", "Expression '" + djangoClass(w.expression())
                    + "' isn't compatible with OVER clauses.");
        }
        return WindowSql.over(dialect(), source, partitionOf(w, ctx), orderOf(w, ctx), w.frame());
    }

    private List<Frag> partitionOf(Expression.Window w, ExprContext ctx) {
        List<Frag> partition = new ArrayList<>();
        for (Expression p : w.partitionBy()) {
            partition.add(compile(p, ctx).frag());
        }
        return partition;
    }

    private List<Frag> orderOf(Expression.Window w, ExprContext ctx) {
        List<Frag> order = new ArrayList<>();
        for (Expression o : w.orderBy()) {
            if (o instanceof Expression.OrderBy ob && ob.isRandom()) {
                throw new QueryException("ValueError", "a window cannot be ordered randomly (\"?\")");
            }
            if (o instanceof Expression.OrderBy ob) {
                order.addAll(dialect().ops().orderTerm(compile(ob.expression(), ctx).frag(),
                        ob.descending() ? " DESC" : " ASC", ob.nullsFirst(), ob.nullsLast()));
            } else {
                order.add(compile(o, ctx).frag());
            }
        }
        return order;
    }

    /**
     * Django resolves a selected annotation's output_field through its sources, so a function under it whose type
     * comes from arguments of different field classes raises (ordering by one never asks, nor does Django).
     */
    private void requireUnmixedSources(Expression e) {
        if (e instanceof Expression.Func fn) {
            SourceFields.check(fn, a -> fieldClass(a, ExprContext.SELECT));
        }
        if (!(e instanceof Expression.Wrapper) && !(e instanceof Expression.Window)) {
            e.children().forEach(this::requireUnmixedSources);
        }
    }

    /**
     * The Django field class an expression resolves to, as Django 3.2's output_field does, raising its
     * "mixed types" FieldError where it would; null when unknown here (an annotation reference, a subquery, a
     * function whose type is its own), which takes no part in the checks, as Django leaves out a source without
     * one. Durations mixed with other types keep their own rules (temporalShift, the dialects' errors).
     */
    String resolvedClass(Expression e, ExprContext ctx) {
        if (e instanceof Expression.Combined c) {
            String l = resolvedClass(c.left(), ctx);
            String r = resolvedClass(c.right(), ctx);
            if (l == null || r == null || (l.equals("DurationField") != r.equals("DurationField"))) {
                return null;
            }
            return SourceFields.combined(c.operator(), l, r);
        }
        if (e instanceof Expression.Case c) {
            if (c.outputField() != null) {
                return c.outputField();
            }
            List<String> branches = new ArrayList<>();
            for (Expression.When w : c.whens()) {
                branches.add(resolvedClass(w.then(), ctx));
            }
            if (c.defaultValue() != null) {
                branches.add(resolvedClass(c.defaultValue(), ctx));
            }
            return SourceFields.unmixed(branches);
        }
        if (e instanceof Expression.Aggregate a) {
            if (a.function().equals("Count")) {
                return "IntegerField";
            }
            String arg = a.argument() instanceof Expression.Star ? null : resolvedClass(a.argument(), ctx);
            if (arg == null || a.function().equals("Sum") || a.function().equals("Max") || a.function().equals("Min")) {
                return arg;
            }
            // Avg, StdDev, Variance: NumericOutputFieldMixin
            return SourceFields.isA(arg, "IntegerField") ? "FloatField" : arg;
        }
        if (e instanceof Expression.Func f && f.option("output_field") == null) {
            FunctionSpec spec = FunctionSpecs.find(f.name()).orElse(null);
            if (spec != null && spec.output() == FunctionSpec.Output.FIRST_ARGUMENT && !f.args().isEmpty()
                    && spec.group() != FunctionSpec.Group.WINDOW) {
                return resolvedClass(f.args().get(0), ctx);
            }
            return null;
        }
        return fieldClass(e, ctx);
    }

    /** The Django field class of a function argument when Django knows it without resolving (a column, a literal). */
    private String fieldClass(Expression e, ExprContext ctx) {
        if (e instanceof Expression.Value v) {
            return SourceFields.ofLiteral(v);
        }
        if (e instanceof Expression.Func f && f.option("output_field") != null) {
            return (String) f.option("output_field");
        }
        if (e instanceof Expression.Wrapper w) {
            return w.outputField();
        }
        if (e instanceof Expression.F f && !owner.annotations.containsKey(LookupPath.head(f.path()))) {
            ResolvedPath rp = scope().resolve(f.path(), ctx.filterCall() >= 0 ? ctx.filterCall() : -1);
            return rp.rest().isEmpty() && !rp.relationEnd() && rp.field() != null && !rp.field().isRelation()
                    ? SourceFields.ofColumn(rp.field().djangoType()) : null;
        }
        return null;
    }

    /** The Django class an expression is, for messages that name it. */
    private static String djangoClass(Expression e) {
        if (e instanceof Expression.Func f) {
            return f.name();
        }
        if (e instanceof Expression.Combined || e instanceof Expression.Negated) {
            return "CombinedExpression";
        }
        if (e instanceof Expression.Wrapper) {
            return "ExpressionWrapper";
        }
        if (e instanceof Expression.Condition) {
            return "Q";
        }
        return e.getClass().getSimpleName();
    }

    /**
     * Django's check_filterable: a Window cannot be filtered on, neither as a value nor through an annotation
     * that holds one ("Window is disallowed in the filter clause.").
     */
    private void checkFilterable(Q q) {
        ExpressionWalk.each(q, e -> {
            if (e instanceof Expression.Window || e instanceof Expression.F f && windowAnnotation(f.path())) {
                throw new QueryException("NotSupportedError", "Window is disallowed in the filter clause.").in(e);
            }
        }, c -> {
            if (c instanceof Q.Lookup l && windowAnnotation(l.path())) {
                throw new QueryException("NotSupportedError", "Window is disallowed in the filter clause.").in(c);
            }
        });
    }

    private boolean windowAnnotation(String path) {
        if (owner.annotations.isEmpty()) {
            return false; // most filters: no annotation to be a window
        }
        Annotation a = owner.annotations.get(LookupPath.head(path));
        return a != null && a.compiled().window();
    }

    private Typed fieldRef(String path, ExprContext ctx) {
        Annotation a = owner.annotations.get(path);
        if (a != null) {
            return a.compiled();
        }
        String[] parts = LookupPath.split(path);
        Annotation head = owner.annotations.get(parts[0]);
        if (head != null) {
            Typed t = head.compiled();
            for (int i = 1; i < parts.length; i++) {
                t = Lookups.transform(dialect(), parts[i], t);
            }
            return t;
        }
        ResolvedPath rp = scope().resolve(path, ctx.filterCall() >= 0 ? ctx.filterCall() : -1);
        if (!rp.rest().isEmpty()) {
            return applyTransforms(rp, rp.rest(), false);
        }
        return Typed.of(Frag.of(owner.col(rp.alias(), rp.column())), rp.valueType());
    }

    private Typed value(Expression.Value v) {
        Object o = v.value();
        ValueType t = v.outputField() != null ? Functions.valueTypeOf(v.outputField()) : typeOfLiteral(o);
        if (o == null) {
            return Typed.of(Frag.of("NULL"), t);
        }
        Object bound = ValueBinder.bind(dialect(), o, t);
        return Typed.of(dialect().ops().literal(o, bound), t);
    }

    private static Typed paramAs(Expression.Param p, ValueType type) {
        return Typed.of(Frag.param(new ParamRef(p.name(), type, null)), type);
    }

    static ValueType typeOfLiteral(Object o) {
        if (o instanceof Boolean) {
            return ValueType.BOOLEAN;
        }
        if (o instanceof Long || o instanceof Integer) {
            return ValueType.INTEGER;
        }
        if (o instanceof Double) {
            return ValueType.FLOAT;
        }
        if (o instanceof BigDecimal) {
            return ValueType.DECIMAL;
        }
        if (o instanceof LocalDateTime) {
            return ValueType.DATETIME;
        }
        if (o instanceof LocalDate) {
            return ValueType.DATE;
        }
        if (o instanceof LocalTime) {
            return ValueType.TIME;
        }
        if (o instanceof Duration) {
            return ValueType.DURATION;
        }
        return ValueType.TEXT;
    }

    /** Compiling a Window's aggregate, whose OVER (...) must follow it directly. */
    private boolean windowedAggregate;

    /** Compiling inside ExpressionWrapper, whose output_field stands for the inner expression's type. */
    private boolean underWrapper;

    private Typed combined(Expression.Combined c, ExprContext ctx) {
        Typed l;
        Typed r;
        // a Param has no value yet: beside a number it is a number of that type (F("x") + Param("by"))
        if (c.left() instanceof Expression.Param p && !(c.right() instanceof Expression.Param)) {
            r = compile(c.right(), ctx);
            l = r.type().isNumeric() ? paramAs(p, r.type()) : compile(c.left(), ctx);
        } else {
            l = compile(c.left(), ctx);
            r = c.right() instanceof Expression.Param p && l.type().isNumeric() ? paramAs(p, l.type())
                    : compile(c.right(), ctx);
        }
        ValueType type = l.type();
        if (l.type() == ValueType.FLOAT || r.type() == ValueType.FLOAT) {
            type = ValueType.FLOAT;
        } else if (l.type() == ValueType.DECIMAL || r.type() == ValueType.DECIMAL) {
            type = ValueType.DECIMAL;
        }
        if (c.operator().equals("-") && l.type().isTemporal() && r.type().isTemporal() && l.type() == r.type()) {
            return temporalDifference(l, r);
        }
        if ((c.operator().equals("+") || c.operator().equals("-")) && temporalPlusDuration(l, r)) {
            return temporalShift(c.operator(), l, r);
        }
        if ((l.type() == ValueType.DURATION) != (r.type() == ValueType.DURATION)) {
            dialect().ops().checkDurationConnector(c.operator()); // DurationExpression.as_sql
        }
        if (l.type() != r.type() && !(l.type().isNumeric() && r.type().isNumeric()) && !underWrapper) {
            throw QueryException.fieldError("Expression contains mixed types: " + fieldClass(l.type()) + ", "
                    + fieldClass(r.type()) + ". You must set output_field.");
        }
        Frag sql;
        if (c.operator().equals("**")) {
            sql = dialect().ops().power(l.frag(), r.frag());
        } else {
            sql = Frag.format("(%s " + c.operator() + " %s)", l.frag(), r.frag());
        }
        return new Typed(sql, type, l.aggregate() || r.aggregate(), l.window() || r.window());
    }

    private static boolean temporalPlusDuration(Typed l, Typed r) {
        return l.type().isTemporal() && l.type() != ValueType.DURATION && r.type() == ValueType.DURATION
                || r.type().isTemporal() && r.type() != ValueType.DURATION && l.type() == ValueType.DURATION;
    }

    /**
     * date/datetime +/- duration, as Django 3.2 writes it: native on PostgreSQL, Django's
     * django_format_dtdelta function on SQLite (registered by run/SqliteFunctions). Its type is the temporal
     * side's; Django 3.2 cannot infer it for an annotation without output_field, so {@code annotate()}
     * refuses the bare expression ({@link #requireResolvedType}).
     */
    private Typed temporalShift(String op, Typed l, Typed r) {
        ValueType type = l.type() == ValueType.DURATION ? r.type() : l.type();
        Frag sql = dialect().ops().temporalShift(op, l.frag(), r.frag(), l.type() == ValueType.DURATION);
        return new Typed(sql, type, l.aggregate() || r.aggregate());
    }

    /**
     * Django 3.2's _resolve_output_field for an annotation: temporal +/- duration needs output_field, and so do
     * functions over arguments of different field classes.
     */
    void requireResolvedType(Expression e) {
        requireUnmixedSources(e);
        resolvedClass(e, ExprContext.SELECT);
        if (e instanceof Expression.Combined c && (c.operator().equals("+") || c.operator().equals("-"))) {
            Typed l = compile(c.left(), ExprContext.SELECT);
            Typed r = compile(c.right(), ExprContext.SELECT);
            if (temporalPlusDuration(l, r)) {
                throw QueryException.fieldError("Expression contains mixed types: " + fieldClass(l.type()) + ", "
                        + fieldClass(r.type()) + ". You must set output_field.");
            }
        }
    }

    /**
     * datetime - datetime (or date - date) is a duration, as Django's TemporalSubtraction: microseconds on
     * SQLite (its django_timestamp_diff), an interval on PostgreSQL.
     */
    private Typed temporalDifference(Typed l, Typed r) {
        Frag sql = dialect().ops().temporalDifference(l.frag(), r.frag(), l.type());
        return new Typed(sql, ValueType.DURATION, l.aggregate() || r.aggregate());
    }

    private static String fieldClass(ValueType t) {
        return switch (t) {
            case INTEGER -> "IntegerField";
            case DECIMAL -> "DecimalField";
            case FLOAT -> "FloatField";
            case BOOLEAN -> "BooleanField";
            case TEXT -> "CharField";
            case DATE -> "DateField";
            case DATETIME -> "DateTimeField";
            case TIME -> "TimeField";
            case DURATION -> "DurationField";
            case UUID -> "UUIDField";
            case JSON -> "JSONField";
        };
    }

    private Typed aggregate(Expression.Aggregate a, ExprContext ctx) {
        String fn = a.function().toUpperCase(Locale.ROOT);
        Typed arg = compile(a.argument(), ExprContext.SELECT);
        if (arg.aggregate()) {
            throw QueryException.fieldError("Cannot compute " + a.function() + "('" + describe(a.argument())
                    + "'): '" + describe(a.argument()) + "' is an aggregate");
        }
        boolean numericAggregate = !a.function().equals("Count") && !a.function().equals("Max")
                && !a.function().equals("Min");
        if (numericAggregate) {
            dialect().ops().checkNumericAggregate(arg.type());
        }
        ValueType type = switch (a.function()) {
            case "Count" -> ValueType.INTEGER;
            case "Sum" -> arg.type() == ValueType.TEXT ? ValueType.FLOAT : arg.type();
            // NumericOutputFieldMixin: a decimal stays one, an integer becomes a float, a duration stays one
            case "Avg", "StdDev", "Variance" -> arg.type() == ValueType.DECIMAL || arg.type() == ValueType.DURATION
                    ? arg.type() : ValueType.FLOAT;
            default -> arg.type();
        };
        String sqlFn = switch (a.function()) {
            case "StdDev" -> Boolean.TRUE.equals(a.options().get("sample")) ? "STDDEV_SAMP" : "STDDEV_POP";
            case "Variance" -> Boolean.TRUE.equals(a.options().get("sample")) ? "VAR_SAMP" : "VAR_POP";
            default -> fn;
        };
        Frag inner = arg.frag();
        Frag sql;
        if (a.filter() != null) {
            if (a.argument() instanceof Expression.Star) {
                throw new QueryException("ValueError", "Star cannot be used with filter. Please specify a field.");
            }
            Cond cond = compileQ(a.filter(), ExprContext.SELECT);
            if (supportsAggregateFilter()) {
                sql = Frag.format(sqlFn + "(" + (a.distinct() ? "DISTINCT " : "") + "%s) FILTER (WHERE %s)", inner,
                        cond.whole());
            } else {
                Frag caseExpr = Frag.format("CASE WHEN %s THEN %s ELSE NULL END", cond.whole(),
                        a.argument() instanceof Expression.Star ? Frag.of("1") : inner);
                sql = Frag.format(sqlFn + "(" + (a.distinct() ? "DISTINCT " : "") + "%s)", caseExpr);
            }
        } else {
            sql = Frag.format(sqlFn + "(" + (a.distinct() ? "DISTINCT " : "") + "%s)", inner);
        }
        if (a.function().equals("Avg") && arg.type() == ValueType.INTEGER && !windowedAggregate) {
            sql = dialect().ops().avgOfInteger(sql);
        }
        if ((a.function().equals("Sum") || a.function().equals("Avg")) && type == ValueType.DURATION) {
            sql = dialect().ops().durationAggregate(sql); // FixDurationInputMixin
        }
        // default= is Django 4.0's; 3.2 keeps it as an unused extra (no COALESCE): Gotchas names it
        return new Typed(sql, type, true);
    }

    /** SQLite has FILTER since 3.30 and PostgreSQL since 9.4; MySQL/MariaDB get Django's CASE form. */
    private boolean supportsAggregateFilter() {
        return dialect().ops().aggregateFilterClause();
    }

    private static String describe(Expression e) {
        return e instanceof Expression.F f ? f.path() : e.toString();
    }

    /** A queryset used as a value: its single selected column (pk unless values() chose one). */
    private Frag subquerySql(QuerySet qs, boolean forIn) {
        return subquerySql(qs, forIn, null);
    }

    /** keyField: the field to select when the queryset selects none (null: its pk). */
    private Frag subquerySql(QuerySet qs, boolean forIn, String keyField) {
        SelectPlan p = subqueryPlan(qs, forIn, keyField);
        return Frag.of(p.query());
    }

    private SelectPlan subqueryPlan(QuerySet qs, boolean forIn) {
        return subqueryPlan(qs, forIn, null);
    }

    private SelectPlan subqueryPlan(QuerySet qs, boolean forIn, String keyField) {
        SqlQuery sub = SqlQuery.forQuerySet(owner.schema, dialect(), qs, scope());
        if (sub.valuesFields == null) {
            sub.valuesFields = new ArrayList<>(List.of(keyField != null ? keyField : sub.model.pk().name()));
            sub.shape = RowShape.FLAT;
            // annotations stay computable but only the pk is selected
            for (var entry : new ArrayList<>(sub.annotations.entrySet())) {
                Annotation a = entry.getValue();
                sub.annotations.put(entry.getKey(), new Annotation(a.alias(), a.expression(), a.compiled(), false,
                        false));
            }
        }
        if (!sub.isSliced() && sub.distinctFields.isEmpty()) {
            // Django drops the ordering of a subquery unless a slice or DISTINCT ON needs it to pick rows
            sub.ordering = List.of();
            sub.clearDefaultOrdering = true;
        }
        SelectPlan plan = sub.build();
        if (plan.columns().size() != 1) {
            throw new QueryException("TypeError", "Cannot use multi-field values as a filter value: the subquery "
                    + "must return exactly one column; use values(\"x\") to pick it (it returns "
                    + plan.columns().size() + ")");
        }
        return plan;
    }
}
