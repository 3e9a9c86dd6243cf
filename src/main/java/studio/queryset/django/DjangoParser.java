package studio.queryset.django;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.queryset.query.Expression;
import studio.queryset.query.FunctionNames;
import studio.queryset.query.NodePath;
import studio.queryset.query.Prefetch;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QueryParts;
import studio.queryset.query.QuerySet;
import studio.queryset.query.Step;
import studio.queryset.schema.Schema;
import studio.queryset.pytext.PyNode;
import studio.queryset.pytext.PyParser;
import studio.queryset.pytext.PySyntaxError;

/**
 * Reads Django QuerySet text ({@code Post.objects.filter(Q(a=1) | ~Q(b__gt=F("c"))).order_by("-id")}) into
 * the query model. Python is parsed, never run; anything outside the supported subset is an error with the
 * offset of the culprit. {@link #parseWithSource} also gives the {@link SourceMap}: the text of every part.
 */
public final class DjangoParser {
    private final Schema schema;
    /** With a source map being made: the extents of nodes, and the text of each object made (by identity). */
    private final Extents extents;
    private final Map<Object, SourceMap.Site> sites;
    private final Map<Object, List<SourceMap.Site>> arguments;
    /** The {@code Model.objects} each queryset starts from: the text of its pipeline's source. */
    private final Map<QuerySet, SourceMap.Site> sources;

    private DjangoParser(Schema schema, Extents extents) {
        this.schema = schema;
        this.extents = extents;
        // only a source map fills them (every use is behind extents != null): a plain parse makes none
        this.sites = extents == null ? Map.of() : new IdentityHashMap<>();
        this.arguments = extents == null ? Map.of() : new IdentityHashMap<>();
        this.sources = extents == null ? Map.of() : new IdentityHashMap<>();
    }

    /** A parsed query and where each of its parts is in the text. */
    public record Parsed(QuerySet query, SourceMap source) { }

    /** Parses one QuerySet expression; {@code schema} (nullable) validates model names. */
    public static QuerySet parse(String text, Schema schema) {
        return new DjangoParser(schema, null).queryset(syntax(text));
    }

    /** As {@link #parse}, with the source map: part (by NodePath) to text. */
    public static Parsed parseWithSource(String text, Schema schema) {
        PyNode node = syntax(text);
        DjangoParser p = new DjangoParser(schema, new Extents(text));
        QuerySet qs = p.queryset(node);
        Map<NodePath, SourceMap.Site> byPath = new LinkedHashMap<>();
        Map<NodePath, List<SourceMap.Site>> args = new LinkedHashMap<>();
        QueryParts.of(qs).parts().forEach((path, part) -> {
            SourceMap.Site site = path.isSource() ? p.sources.get(part) : p.sites.get(part);
            if (site != null) {
                byPath.put(path, site);
            }
            List<SourceMap.Site> a = p.arguments.get(part);
            if (a != null) {
                args.put(path, a);
            }
        });
        return new Parsed(qs, new SourceMap(text, byPath, args));
    }

    private static PyNode syntax(String text) {
        try {
            return PyParser.parseExpression(text);
        } catch (PySyntaxError e) {
            throw new QueryException("SyntaxError", e.getMessage(), e.position());
        }
    }

    /** Records where {@code part} is written (the first record of an object stays: the innermost). */
    private <T> T mark(T part, PyNode n) {
        if (extents != null && part != null && n != null) {
            sites.putIfAbsent(part, new SourceMap.Site(extents.of(n), nameOf(n), null));
        }
        return part;
    }

    private <T> T mark(T part, SourceMap.Site site) {
        if (extents != null && part != null) {
            sites.put(part, site);
        }
        return part;
    }

    /** The lookup path a node spells: a string's content (without order_by's '-'), or F("...")'s. */
    private Span nameOf(PyNode n) {
        if (n instanceof PyNode.Call c && c.args().size() == 1 && ("F".equals(c.funcName())
                || "OuterRef".equals(c.funcName()))) {
            return nameOf(c.args().get(0));
        }
        Span s = extents.content(n);
        if (s != null && s.end() > s.start() && n instanceof PyNode.Str str && str.value().startsWith("-")) {
            return new Span(s.start() + 1, s.end());
        }
        return s;
    }

    /** A lookup keyword: {@code name=value}, its name the lookup path. */
    private Q.Lookup lookup(PyNode.Keyword k) {
        Q.Lookup l = new Q.Lookup(k.name(), expression(k.value(), true));
        return extents == null ? l : mark(l, new SourceMap.Site(extents.of(k), extents.name(k), null));
    }

    /** {@code key=expression}: the part is the whole keyword, its key the name. */
    private Expression keyed(PyNode.Keyword k, Expression e) {
        if (extents == null) {
            return e;
        }
        SourceMap.Site own = sites.get(e);
        return mark(e, new SourceMap.Site(extents.of(k), own == null ? null : own.name(), extents.name(k)));
    }

    /** The arguments of a step's call, positional then keyword, for errors about one of them. */
    private void markArguments(Step step, PyNode.Call call) {
        if (extents == null || step == null) {
            return;
        }
        List<SourceMap.Site> out = new ArrayList<>();
        for (PyNode a : call.args()) {
            out.add(new SourceMap.Site(extents.of(a), nameOf(a), null));
        }
        for (PyNode.Keyword k : call.keywords()) {
            out.add(new SourceMap.Site(extents.of(k), null, extents.name(k)));
        }
        arguments.put(step, out);
    }

    private static QueryException error(String kind, String message, PyNode at) {
        return new QueryException(kind, message, at == null ? -1 : at.pos());
    }

    // ---------------------------------------------------------------- querysets

    private QuerySet queryset(PyNode node) {
        if (node instanceof PyNode.Subscript s) {
            QuerySet base = queryset(s.value());
            Step step = sliceStep(s.index());
            if (extents != null) {
                mark(step, new SourceMap.Site(new Span(s.pos(), extents.of(s).end()), null, null));
            }
            return then(base, step, node);
        }
        if (node instanceof PyNode.BinOp b && (b.op().equals("|") || b.op().equals("&"))) {
            // qs | other, qs & other: Python's precedence (& before |, parentheses) made the tree
            QuerySet left = queryset(b.left());
            Step step = Step.Combine.operator(b.op().equals("|") ? Step.Combine.OR : Step.Combine.AND,
                    queryset(b.right()));
            if (extents != null) {
                mark(step, new SourceMap.Site(new Span(b.pos(), extents.of(b).end()), null, null));
            }
            return then(left, step, node);
        }
        if (node instanceof PyNode.Attribute a && a.attr().equals("objects")) {
            String model = dotted(a.value());
            if (model == null) {
                throw error("SyntaxError", "expected Model.objects", a);
            }
            if (schema != null && model.endsWith(".through")) {
                return source(QuerySet.of(throughModel(model, a.value())), a);
            }
            String simple = model.substring(model.lastIndexOf('.') + 1);
            if (schema == null) {
                return source(QuerySet.of(simple), a);
            }
            java.util.Optional<studio.queryset.schema.Model> found;
            try {
                found = schema.findModel(model);
            } catch (studio.queryset.schema.SchemaException ambiguous) {
                throw error("NameError", ambiguous.getMessage(), a.value());
            }
            if (found.isEmpty()) {
                throw error("NameError", "Unknown model '" + simple + "'. Models are: " + String.join(", ",
                        schema.models().stream().map(schema::key).toList()), a.value());
            }
            if (found.get().autoCreated()) {
                throw error("NameError", "name '" + simple + "' is not defined: Django's auto-created model is "
                        + "reached through its ManyToManyField: " + DjangoPrinter.manager(found.get().name()),
                        a.value());
            }
            return source(QuerySet.of(schema.key(found.get())), a);
        }
        if (node instanceof PyNode.Call call && call.func() instanceof PyNode.Attribute method) {
            QuerySet base = queryset(method.value());
            if (method.attr().equals("dates") || method.attr().equals("datetimes")) {
                return dates(base, call, method.attr());
            }
            if (method.attr().equals("values_list")) {
                return valuesList(base, call, method);
            }
            try {
                Step step = step(method.attr(), call, base);
                if (step != null && extents != null) {
                    mark(step, new SourceMap.Site(new Span(method.pos(), extents.of(call).end()), null, null));
                    markArguments(step, call);
                }
                return step == null ? base : then(base, step, node);
            } catch (IllegalStateException e) {
                throw error("TypeError", e.getMessage(), method);
            }
        }
        throw error("SyntaxError", "expected a QuerySet such as Post.objects.filter(...)", node);
    }

    private QuerySet source(QuerySet qs, PyNode objects) {
        if (extents != null) {
            sources.put(qs, new SourceMap.Site(extents.of(objects), null, null));
        }
        return mark(qs, objects);
    }

    /** {@code base} with one more step; it keeps the source it started from. */
    private QuerySet then(QuerySet base, Step step, PyNode node) {
        QuerySet qs = base.then(step);
        if (extents != null) {
            sources.put(qs, sources.get(base));
        }
        return mark(qs, node);
    }

    /**
     * dates(field, kind, order="ASC") and datetimes(...) are, in Django 3.2, this chain of ordinary steps:
     * {@code annotate(datefield=Trunc(field, kind, output_field=DateField()), plain_field=F(field))
     * .values_list("datefield", flat=True).distinct().filter(plain_field__isnull=False).order_by("datefield")}.
     */
    private QuerySet dates(QuerySet base, PyNode.Call call, String method) {
        boolean dt = method.equals("datetimes");
        List<String> kinds = dt ? List.of("year", "month", "week", "day", "hour", "minute", "second")
                : List.of("year", "month", "week", "day");
        List<String> params = dt ? List.of("field_name", "kind", "order", "tzinfo", "is_dst")
                : List.of("field_name", "kind", "order");
        Map<String, PyNode> args = new LinkedHashMap<>();
        for (int i = 0; i < call.args().size(); i++) {
            if (i >= params.size()) {
                throw error("TypeError", method + "() takes at most " + params.size() + " arguments ("
                        + String.join(", ", params) + ")", call.args().get(i));
            }
            args.put(params.get(i), call.args().get(i));
        }
        for (PyNode.Keyword k : call.keywords()) {
            if (!params.contains(k.name()) || args.containsKey(k.name())) {
                throw error("TypeError", method + "() got an unexpected or repeated keyword argument '" + k.name()
                        + "'; it takes " + String.join(", ", params), k.value());
            }
            args.put(k.name(), k.value());
        }
        for (String opt : List.of("tzinfo", "is_dst")) {
            if (args.containsKey(opt) && !(args.get(opt) instanceof PyNode.Const c && c.text().equals("None"))) {
                throw error("NotSupportedError", method + "(" + opt + "=...) needs USE_TZ=True time zones, which "
                        + "queries here do not use; leave it None", args.get(opt));
            }
        }
        if (!(args.get("field_name") instanceof PyNode.Str field)) {
            throw error("TypeError", method + "() takes the field name as a string, e.g. " + method
                    + "(\"created\", \"month\")", args.getOrDefault("field_name", call));
        }
        if (!(args.get("kind") instanceof PyNode.Str kind) || !kinds.contains(kind.value())) {
            throw error("AssertionError", "'kind' must be one of " + String.join(", ", kinds.stream()
                    .map(k -> "'" + k + "'").toList()) + ".", args.getOrDefault("kind", call));
        }
        String order = "ASC";
        if (args.containsKey("order")) {
            if (!(args.get("order") instanceof PyNode.Str o) || !(o.value().equals("ASC") || o.value().equals("DESC"))) {
                throw error("AssertionError", "'order' must be either 'ASC' or 'DESC'.", args.get("order"));
            }
            order = o.value();
        }
        String alias = dt ? "datetimefield" : "datefield";
        Map<String, Expression> named = new LinkedHashMap<>();
        named.put(alias, new Expression.Func("Trunc", List.of(new Expression.F(field.value())),
                Map.of("kind", kind.value(), "output_field", dt ? "DateTimeField" : "DateField")));
        named.put("plain_field", new Expression.F(field.value()));
        return base.then(new Step.Annotate(List.of(), named, false))
                .then(new Step.ValuesList(List.of(alias), true, false))
                .then(new Step.Distinct(List.of()))
                .then(new Step.Filter(List.of(), List.of(new Q.Lookup("plain_field__isnull",
                        Expression.Value.of(false))), false))
                .then(new Step.OrderBy(List.of(new Expression.OrderBy(new Expression.F(alias), order.equals("DESC"),
                        null, null, true))));
    }

    /** {@code Model.m2m.through} (the forward field or the reverse accessor): the through model's key. */
    private String throughModel(String dotted, PyNode at) {
        String owner = dotted.substring(0, dotted.length() - ".through".length());
        int dot = owner.lastIndexOf('.');
        if (dot < 0) {
            throw error("SyntaxError", "expected Model.field.through.objects", at);
        }
        String fieldName = owner.substring(dot + 1);
        studio.queryset.schema.Model m;
        try {
            m = schema.findModel(owner.substring(0, dot)).orElse(null);
        } catch (studio.queryset.schema.SchemaException ambiguous) {
            throw error("NameError", ambiguous.getMessage(), at);
        }
        if (m == null) {
            throw error("NameError", "Unknown model '" + owner.substring(0, dot) + "'", at);
        }
        studio.queryset.schema.Field m2m = m.field(fieldName).filter(studio.queryset.schema.Field::isRelation)
                .orElse(null);
        studio.queryset.schema.Model declaring = m;
        if (m2m == null) {
            var reverse = schema.reverseByAccessor(m, fieldName).orElse(null);
            m2m = reverse == null ? null : reverse.field();
            declaring = reverse == null ? m : reverse.source();
        }
        studio.queryset.schema.Relation rel = m2m == null ? null : m2m.relation();
        if (rel == null || rel.kind() != studio.queryset.schema.RelationKind.MANY_TO_MANY) {
            var named = schema.findModel(m.appLabel() + "." + m.name() + "_" + fieldName).orElse(null);
            if (named != null && !named.autoCreated()) {
                return schema.key(named); // a model of the project named Order_item, as DjangoPrinter.manager spells it
            }
            throw error("AttributeError", "type object '" + m.name() + "' has no attribute '" + fieldName
                    + "' with a 'through' (a ManyToManyField or its reverse accessor)", at);
        }
        if (rel.through() == null) {
            // Django's auto-created model: Book_genres, on the M2M's table
            String auto = studio.queryset.schema.AutoThroughModels.name(declaring, m2m);
            return schema.findModel(declaring.appLabel() + "." + auto).filter(studio.queryset.schema.Model::autoCreated)
                    .map(schema::key).orElseThrow(() -> error("NotSupportedError", "'" + auto + "', the auto-created "
                            + "model of " + rel.throughTable() + ", is not in this schema (an introspected schema names "
                            + "the table's own model)", at));
        }
        studio.queryset.schema.Model through = schema.findModel(rel.through()).orElse(null);
        if (through == null) {
            throw error("NameError", "Unknown through model '" + rel.through() + "'", at);
        }
        return schema.key(through);
    }

    private static String dotted(PyNode n) {
        if (n instanceof PyNode.Name nm) {
            return nm.id();
        }
        if (n instanceof PyNode.Attribute a) {
            String left = dotted(a.value());
            return left == null ? null : left + "." + a.attr();
        }
        return null;
    }

    private Step sliceStep(PyNode index) {
        if (index instanceof PyNode.Slice s) {
            if (s.step() != null) {
                throw error("ValueError", "slicing with a step is not supported by QuerySets", s);
            }
            return new Step.Slice(s.lower() == null ? null : intLiteral(s.lower()),
                    s.upper() == null ? null : intLiteral(s.upper()));
        }
        return new Step.Index(intLiteral(index));
    }

    private static String pyTypeName(Object v) {
        return v instanceof String ? "str" : v instanceof Double ? "float" : v instanceof Boolean ? "bool"
                : v == null ? "NoneType" : v instanceof List ? "list" : v.getClass().getSimpleName();
    }

    private long intLiteral(PyNode n) {
        Object v = literal(n);
        if (v instanceof Long l) {
            if (l < 0) {
                throw error("AssertionError", "Negative indexing is not supported.", n);
            }
            return l;
        }
        throw error("TypeError", "expected an integer", n);
    }

    private Step step(String method, PyNode.Call call, QuerySet base) {
        switch (method) {
            case "all":
                noArgs(call, method);
                return null; // a copy of the queryset: nothing changes
            case "reverse", "none":
                noArgs(call, method);
                return new Step.Simple(method);
            case "filter", "exclude":
                return filterStep(call, method.equals("exclude"));
            case "annotate", "alias": {
                List<Expression> positional = new ArrayList<>();
                for (PyNode a : call.args()) {
                    positional.add(expression(a, false));
                }
                return new Step.Annotate(positional, namedExpressions(call, method), method.equals("alias"));
            }
            case "aggregate": {
                List<Expression> positional = new ArrayList<>();
                for (PyNode a : call.args()) {
                    positional.add(expression(a, false));
                }
                return new Step.Aggregate(positional, namedExpressions(call, method));
            }
            case "order_by": {
                List<Expression.OrderBy> items = new ArrayList<>();
                for (PyNode a : call.args()) {
                    items.add(orderItem(a));
                }
                noKeywords(call, method);
                return new Step.OrderBy(items);
            }
            case "values": {
                Map<String, Expression> exprs = namedExpressions(call, method);
                return new Step.Values(strings(call.args(), method), exprs);
            }
            case "distinct":
                noKeywords(call, method);
                return new Step.Distinct(strings(call.args(), method));
            case "only", "defer":
                noKeywords(call, method);
                if (call.args().size() == 1 && call.args().get(0) instanceof PyNode.Const) {
                    return new Step.Only(List.of(), true);
                }
                return new Step.Only(strings(call.args(), method), method.equals("defer"));
            case "select_related":
                noKeywords(call, method);
                return new Step.SelectRelated(strings(call.args(), method));
            case "prefetch_related": {
                noKeywords(call, method);
                List<Prefetch> items = new ArrayList<>();
                for (PyNode a : call.args()) {
                    items.add(prefetch(a));
                }
                return new Step.PrefetchRelated(items);
            }
            case "union", "intersection", "difference": {
                List<QuerySet> others = new ArrayList<>();
                for (PyNode a : call.args()) {
                    others.add(queryset(a));
                }
                boolean all = false;
                for (PyNode.Keyword k : call.keywords()) {
                    if ("all".equals(k.name()) && method.equals("union")) {
                        all = bool(k.value());
                    } else {
                        throw error("TypeError", method + "() got an unexpected keyword argument '" + k.name() + "'",
                                k.value());
                    }
                }
                return new Step.Combine(method, others, all);
            }
            case "iterator": {
                Long chunk = null;
                PyNode c = call.keyword("chunk_size");
                if (c != null) {
                    chunk = intLiteral(c);
                } else if (!call.args().isEmpty()) {
                    chunk = intLiteral(call.args().get(0));
                }
                return new Step.Iterator(chunk);
            }
            case "count", "exists", "first", "last", "delete":
                noArgs(call, method);
                if (method.equals("delete") && call.func() instanceof PyNode.Attribute on
                        && on.value() instanceof PyNode.Attribute manager && manager.attr().equals("objects")) {
                    throw error("AttributeError", "'Manager' object has no attribute 'delete': write "
                            + base.model() + ".objects.all().delete() to delete every row", call.func());
                }
                return new Step.Terminal(method, null, List.of());
            case "get": {
                Step.Filter f = call.args().isEmpty() && call.keywords().isEmpty() ? null : filterStep(call, false);
                return new Step.Terminal("get", f, List.of());
            }
            case "earliest", "latest":
                noKeywords(call, method);
                return new Step.Terminal(method, null, strings(call.args(), method));
            case "update": {
                if (!call.args().isEmpty()) {
                    throw error("TypeError", "update() takes only keyword arguments", call.args().get(0));
                }
                Map<String, Expression> values = new LinkedHashMap<>();
                for (PyNode.Keyword k : call.keywords()) {
                    values.put(k.name(), keyed(k, expression(k.value(), true)));
                }
                return new Step.Update(values);
            }
            case "create": {
                if (!base.steps().isEmpty()) {
                    throw error("AttributeError", "create() is a manager method: write Model.objects.create(...)",
                            call);
                }
                return new Step.Create(List.of(objectValues(call, "create")), false);
            }
            case "bulk_create": {
                if (!base.steps().isEmpty()) {
                    throw error("AttributeError", "bulk_create() is a manager method", call);
                }
                PyNode list = call.args().isEmpty() ? call.keyword("objs") : call.args().get(0);
                List<PyNode> items = list instanceof PyNode.ListLit l ? l.items()
                        : list instanceof PyNode.TupleLit t ? t.items() : null;
                if (items == null) {
                    throw error("TypeError", "bulk_create() takes a list of Model(...) objects", call);
                }
                List<Map<String, Expression>> objects = new ArrayList<>();
                for (PyNode item : items) {
                    if (!(item instanceof PyNode.Call oc) || oc.funcName() == null
                            || !oc.funcName().equals(base.model()) && !oc.funcName().endsWith("." + base.model())) {
                        throw error("TypeError", "bulk_create() on " + base.model() + " takes " + base.model()
                                + "(...) objects", item);
                    }
                    objects.add(objectValues(oc, base.model()));
                }
                return new Step.Create(objects, true);
            }
            case "raw": {
                if (!base.steps().isEmpty()) {
                    throw error("AttributeError", "raw() is a manager method: write Model.objects.raw(...)", call);
                }
                if (call.args().isEmpty() || !(call.args().get(0) instanceof PyNode.Str sql)) {
                    throw error("TypeError", "raw() needs the SQL as a string", call);
                }
                List<Expression> params = new ArrayList<>();
                PyNode p = call.args().size() > 1 ? call.args().get(1) : call.keyword("params");
                if (p != null) {
                    Object v = literal(p);
                    if (!(v instanceof List<?> list)) {
                        throw error("TypeError", "raw() params must be a list or tuple", p);
                    }
                    for (Object o : list) {
                        params.add(Expression.Value.of(o));
                    }
                }
                return new Step.Raw(sql.value(), params);
            }
            default:
                throw error("AttributeError", "'QuerySet' object has no attribute '" + method + "'. Supported: all, "
                        + "filter, exclude, annotate, alias, aggregate, order_by, values, values_list, distinct, "
                        + "only, defer, select_related, prefetch_related, reverse, none, union, intersection, "
                        + "difference, iterator, count, exists, first, last, get, earliest, latest, update, "
                        + "delete, raw", call.func());
        }
    }

    /** Keyword arguments of create() or of Model(...) in bulk_create(): field=value. */
    private Map<String, Expression> objectValues(PyNode.Call call, String what) {
        if (!call.args().isEmpty()) {
            throw error("TypeError", what + "() takes keyword arguments: field=value", call.args().get(0));
        }
        Map<String, Expression> values = new LinkedHashMap<>();
        for (PyNode.Keyword k : call.keywords()) {
            if (k.name() == null) {
                throw error("SyntaxError", "**kwargs unpacking is not supported", k.value());
            }
            values.put(k.name(), expression(k.value(), true));
        }
        return values;
    }

    private Step.Filter filterStep(PyNode.Call call, boolean exclude) {
        List<Q> args = new ArrayList<>();
        for (PyNode a : call.args()) {
            args.add(condition(a));
        }
        List<Q.Lookup> kwargs = new ArrayList<>();
        for (PyNode.Keyword k : call.keywords()) {
            if (k.name() == null) {
                throw error("SyntaxError", "**kwargs unpacking is not supported; write the lookups out", k.value());
            }
            kwargs.add(lookup(k));
        }
        return new Step.Filter(args, kwargs, exclude);
    }

    private Map<String, Expression> namedExpressions(PyNode.Call call, String method) {
        Map<String, Expression> named = new LinkedHashMap<>();
        for (PyNode.Keyword k : call.keywords()) {
            if (k.name() == null) {
                throw error("SyntaxError", "**kwargs unpacking is not supported", k.value());
            }
            Expression e = expression(k.value(), false);
            named.put(k.name(), keyed(k, e));
        }
        return named;
    }

    /**
     * Django's values_list(): a positional expression is named {@code <default_alias or class name><n>}, n
     * counting up from 1 past the names already taken by the string fields, and annotated under that name.
     */
    private QuerySet valuesList(QuerySet base, PyNode.Call call, PyNode.Attribute method) {
        boolean flat = false;
        boolean named = false;
        for (PyNode.Keyword k : call.keywords()) {
            if ("flat".equals(k.name())) {
                flat = bool(k.value());
            } else if ("named".equals(k.name())) {
                named = bool(k.value());
            } else {
                throw error("TypeError", "Unexpected keyword arguments to values_list(): " + k.name(), k.value());
            }
        }
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (PyNode a : call.args()) {
            if (a instanceof PyNode.Str str) {
                taken.add(str.value());
            }
        }
        List<String> fields = new ArrayList<>();
        Map<String, Expression> exprs = new java.util.LinkedHashMap<>();
        int counter = 1;
        for (PyNode a : call.args()) {
            if (a instanceof PyNode.Str str) {
                fields.add(str.value());
                continue;
            }
            Expression e = expression(a, false);
            String prefix = positionalPrefix(e, a);
            String id;
            do {
                id = prefix + counter++;
            } while (taken.contains(id));
            fields.add(id);
            exprs.put(id, e);
        }
        try {
            // Django's _values(*fields, **expressions) is annotate(**expressions), then the values
            QuerySet qs = exprs.isEmpty() ? base : then(base, new Step.Annotate(List.of(), exprs, false), call);
            Step values = new Step.ValuesList(fields, flat, named);
            if (extents != null) {
                mark(values, new SourceMap.Site(new Span(method.pos(), extents.of(call).end()), null, null));
                markArguments(values, call);
            }
            return then(qs, values, call);
        } catch (IllegalStateException e) {
            throw error("TypeError", e.getMessage(), call);
        }
    }

    /** getattr(expr, "default_alias", type(expr).__name__.lower()) for a positional values_list() argument. */
    private String positionalPrefix(Expression e, PyNode at) {
        if (e instanceof Expression.Aggregate agg) {
            if (agg.argument() instanceof Expression.F f) {
                return f.path() + "__" + agg.function().toLowerCase(java.util.Locale.ROOT);
            }
            throw error("TypeError", "Complex expressions require an alias", at);
        }
        String cls = e instanceof Expression.Func f ? f.name()
                : e instanceof Expression.Combined || e instanceof Expression.Negated ? "CombinedExpression"
                : e instanceof Expression.Wrapper ? "ExpressionWrapper"
                : e instanceof Expression.Value ? "Value"
                : e instanceof Expression.F ? "F"
                : e instanceof Expression.Case ? "Case"
                : e instanceof Expression.When ? "When"
                : e instanceof Expression.Subquery ? "Subquery"
                : e instanceof Expression.Exists ? "Exists"
                : e instanceof Expression.OuterRef ? "OuterRef"
                : null;
        if (cls == null) {
            throw error("TypeError", "values_list() takes field names as strings or expressions", at);
        }
        return cls.toLowerCase(java.util.Locale.ROOT);
    }

    private List<String> strings(List<PyNode> args, String method) {
        List<String> out = new ArrayList<>();
        for (PyNode a : args) {
            if (!(a instanceof PyNode.Str s)) {
                throw error("TypeError", method + "() takes field names as strings", a);
            }
            out.add(s.value());
        }
        return out;
    }

    private void noArgs(PyNode.Call call, String method) {
        if (!call.args().isEmpty() || !call.keywords().isEmpty()) {
            throw error("TypeError", method + "() takes no arguments", call);
        }
    }

    private void noKeywords(PyNode.Call call, String method) {
        if (!call.keywords().isEmpty()) {
            throw error("TypeError", method + "() got an unexpected keyword argument '" + call.keywords().get(0).name()
                    + "'", call.keywords().get(0).value());
        }
    }

    private boolean bool(PyNode n) {
        if (n instanceof PyNode.Const c && !c.text().equals("None")) {
            return c.text().equals("True");
        }
        throw error("TypeError", "expected True or False", n);
    }

    private Prefetch prefetch(PyNode a) {
        if (a instanceof PyNode.Str s) {
            return mark(Prefetch.of(s.value()), a);
        }
        if (a instanceof PyNode.Call c && "Prefetch".equals(c.funcName())) {
            PyNode lookup = c.args().isEmpty() ? c.keyword("lookup") : c.args().get(0);
            if (!(lookup instanceof PyNode.Str ls)) {
                throw error("TypeError", "Prefetch() needs the lookup as a string", c);
            }
            PyNode qsNode = c.args().size() > 1 ? c.args().get(1) : c.keyword("queryset");
            PyNode toAttr = c.args().size() > 2 ? c.args().get(2) : c.keyword("to_attr");
            QuerySet qs = qsNode == null || qsNode instanceof PyNode.Const ? null : queryset(qsNode);
            String attr = null;
            if (toAttr instanceof PyNode.Str ts) {
                attr = ts.value();
            }
            return mark(new Prefetch(ls.value(), qs, attr, false), a);
        }
        throw error("TypeError", "prefetch_related() takes lookups as strings or Prefetch(...)", a);
    }

    private Expression.OrderBy orderItem(PyNode a) {
        if (a instanceof PyNode.Str s) {
            String t = s.value();
            if (t.equals("?")) {
                return Expression.OrderBy.random();
            }
            boolean desc = t.startsWith("-");
            return mark(new Expression.OrderBy(mark(new Expression.F(desc ? t.substring(1) : t), a), desc, null, null,
                    true), a);
        }
        Expression e = expression(a, false);
        if (e instanceof Expression.OrderBy o) {
            return o;
        }
        return new Expression.OrderBy(e, false, null, null, false);
    }

    // ---------------------------------------------------------------- conditions

    private Q condition(PyNode n) {
        return mark(conditionOf(n), n);
    }

    private Q conditionOf(PyNode n) {
        if (n instanceof PyNode.BinOp b && (b.op().equals("&") || b.op().equals("|"))) {
            Q l = condition(b.left());
            Q r = condition(b.right());
            return b.op().equals("&") ? l.and(r) : l.or(r);
        }
        if (n instanceof PyNode.UnaryOp u && u.op().equals("~")) {
            return condition(u.operand()).negate();
        }
        if (n instanceof PyNode.Call c && "Q".equals(c.funcName())) {
            List<Q> children = new ArrayList<>();
            for (PyNode a : c.args()) {
                children.add(condition(a));
            }
            for (PyNode.Keyword k : c.keywords()) {
                if (k.name() == null) {
                    throw error("SyntaxError", "**kwargs unpacking is not supported", k.value());
                }
                children.add(lookup(k));
            }
            return Q.and(children);
        }
        return new Q.ExpressionCondition(expression(n, false));
    }

    // ---------------------------------------------------------------- expressions

    /**
     * An expression. With {@code literalsAllowed} a bare literal is a value (lookup right-hand sides, update
     * values); elsewhere Django wants expressions, and a bare string means a field, as in {@code Lower("title")}.
     */
    private Expression expression(PyNode n, boolean literalsAllowed) {
        return mark(expressionOnly(expressionOf(n, literalsAllowed), literalsAllowed, n), n);
    }

    private Expression expressionOf(PyNode n, boolean literalsAllowed) {
        Object lit = tryLiteral(n);
        if (lit != null || n instanceof PyNode.Const) {
            if (!literalsAllowed && lit instanceof String s) {
                return new Expression.F(s);
            }
            if (!literalsAllowed) {
                throw error("TypeError", "QuerySet.annotate() received non-expression(s): " + lit
                        + ". Wrap literals in Value(...)", n);
            }
            return Expression.Value.of(lit);
        }
        if (n instanceof PyNode.BinOp b) {
            if ((b.op().equals("&") || b.op().equals("|")) && isQuerySet(b.left())) {
                return new Expression.QueryValue(queryset(n)); // id__in=A.objects.filter(..) | A.objects.filter(..)
            }
            if (b.op().equals("&") || b.op().equals("|")) {
                return new Expression.Condition(condition(n));
            }
            Expression l = operand(b.left());
            Expression r = operand(b.right());
            return new Expression.Combined(l, b.op(), r);
        }
        if (n instanceof PyNode.UnaryOp u) {
            if (u.op().equals("~")) {
                return new Expression.Condition(condition(u.operand()).negate());
            }
            if (u.op().equals("-")) {
                return new Expression.Negated(operand(u.operand()));
            }
            return operand(u.operand());
        }
        if (n instanceof PyNode.Call c) {
            String fn = c.funcName();
            if ("list".equals(fn) && c.args().size() == 1 && c.keywords().isEmpty() && isQuerySet(c.args().get(0))) {
                return evaluated(queryset(c.args().get(0)), new Expression.Taken.AsList(), n);
            }
            if (fn != null && fn.contains(".objects.") || isQuerySetChain(c.func())) {
                return queryValue(queryset(n), n);
            }
            if (fn != null) {
                String simple = fn.startsWith("models.") ? fn.substring(7) : fn;
                simple = simple.substring(simple.lastIndexOf('.') + 1);
                Expression special = call(simple, c);
                if (special != null) {
                    return special;
                }
            }
            if (c.func() instanceof PyNode.Attribute a && (a.attr().equals("desc") || a.attr().equals("asc"))) {
                Expression inner = expression(a.value(), false);
                Boolean nullsFirst = null;
                Boolean nullsLast = null;
                for (PyNode.Keyword k : c.keywords()) {
                    if ("nulls_first".equals(k.name())) {
                        nullsFirst = bool(k.value()) ? Boolean.TRUE : null;
                    } else if ("nulls_last".equals(k.name())) {
                        nullsLast = bool(k.value()) ? Boolean.TRUE : null;
                    } else {
                        throw error("TypeError", a.attr() + "() got an unexpected keyword argument '" + k.name() + "'",
                                k.value());
                    }
                }
                return new Expression.OrderBy(inner, a.attr().equals("desc"), nullsFirst, nullsLast, false);
            }
            // a queryset used as a value: id__in=Post.objects.values("id")
            return queryValue(queryset(n), n);
        }
        if (n instanceof PyNode.Subscript s && s.index() instanceof PyNode.Str key && isQuerySet(s.value())) {
            return evaluated(queryset(s.value()), new Expression.Taken.Key(key.value()), n);
        }
        if (n instanceof PyNode.Attribute a && !a.attr().equals("objects") && isQuerySet(a.value())) {
            return evaluated(queryset(a.value()), new Expression.Taken.Attribute(a.attr()), n);
        }
        if (n instanceof PyNode.Attribute || n instanceof PyNode.Subscript) {
            return queryValue(queryset(n), n);
        }
        if (n instanceof PyNode.Name nm) {
            throw error("NameError", "name '" + nm.id() + "' is not defined: use a literal, F(\"field\") or "
                    + "Param(\"" + nm.id() + "\") for a value given when the query runs", n);
        }
        throw error("TypeError", "expected a value or an expression", n);
    }

    /**
     * A queryset used as a value: lazy (a subquery of this query), unless it ends in a terminal, which Python runs
     * at once while this query is built.
     */
    private Expression queryValue(QuerySet qs, PyNode n) {
        return qs.terminal() == null ? new Expression.QueryValue(qs) : evaluated(qs, new Expression.Taken.Whole(), n);
    }

    private Expression.Evaluated evaluated(QuerySet qs, Expression.Taken taken, PyNode n) {
        return EvaluatedTerminals.of(qs, taken, schema, n.pos());
    }

    /** Where Django wants an expression, an evaluated terminal is a plain Python value, as a literal is. */
    private Expression expressionOnly(Expression e, boolean literalsAllowed, PyNode n) {
        if (!literalsAllowed && e instanceof Expression.Evaluated ev) {
            throw error("TypeError", "QuerySet.annotate() received non-expression(s): " + DjangoPrinter.evaluated(ev)
                    + " (a value, evaluated while the query is built). Wrap it in Value(...)", n);
        }
        return e;
    }

    /** Django wraps plain values in Value() for then= and default=; a string there is still a field name. */
    private Expression operandOrExpression(PyNode n) {
        if (n instanceof PyNode.Str) {
            return expression(n, false);
        }
        Object lit = tryLiteral(n);
        if (lit != null || n instanceof PyNode.Const) {
            return mark(Expression.Value.of(lit), n);
        }
        return expression(n, false);
    }

    /** Whether {@code n} is a queryset terminal, its key or attribute, or list(qs): a value Python computes now. */
    private static boolean evaluates(PyNode n) {
        if (n instanceof PyNode.Call c && "list".equals(c.funcName()) && c.args().size() == 1) {
            return isQuerySet(c.args().get(0));
        }
        return (n instanceof PyNode.Call || n instanceof PyNode.Subscript || n instanceof PyNode.Attribute)
                && isQuerySet(n);
    }

    /** Whether a call's target hangs off {@code Model.objects} (a queryset method, possibly after a slice). */
    /** Whether {@code n} is written as a queryset: a chain on {@code Model.objects}, or two joined by | or &. */
    private static boolean isQuerySet(PyNode n) {
        if (n instanceof PyNode.BinOp b && (b.op().equals("&") || b.op().equals("|"))) {
            return isQuerySet(b.left());
        }
        return (n instanceof PyNode.Call || n instanceof PyNode.Subscript || n instanceof PyNode.Attribute)
                && isQuerySetChain(n);
    }

    private static boolean isQuerySetChain(PyNode func) {
        PyNode n = func;
        while (true) {
            if (n instanceof PyNode.Attribute a) {
                if (a.attr().equals("objects")) {
                    return true;
                }
                n = a.value();
            } else if (n instanceof PyNode.Call c) {
                n = c.func();
            } else if (n instanceof PyNode.Subscript sub) {
                n = sub.value();
            } else {
                return false;
            }
        }
    }

    /** An operand of arithmetic: literals become values, strings stay strings (Value("a") + ...). */
    private Expression operand(PyNode n) {
        Object lit = tryLiteral(n);
        if (lit != null || n instanceof PyNode.Const c && c.text().equals("None")) {
            return mark(Expression.Value.of(lit), n);
        }
        return expression(n, true);
    }

    private Expression call(String name, PyNode.Call c) {
        switch (name) {
            case "F": {
                return new Expression.F(stringArg(c, 0, "F"));
            }
            case "OuterRef": {
                PyNode a = c.args().isEmpty() ? null : c.args().get(0);
                if (a instanceof PyNode.Call inner && "OuterRef".equals(inner.funcName())) {
                    Expression.OuterRef o = (Expression.OuterRef) call("OuterRef", inner);
                    return new Expression.OuterRef(o.path(), o.levels() + 1);
                }
                return new Expression.OuterRef(stringArg(c, 0, "OuterRef"), 1);
            }
            case "Value": {
                if (c.args().isEmpty()) {
                    throw error("TypeError", "Value() needs a value", c);
                }
                if (evaluates(c.args().get(0))) { // Value(Order.objects.count()): the count, at once
                    return new Expression.Value(expression(c.args().get(0), true), outputField(c));
                }
                return new Expression.Value(literal(c.args().get(0)), outputField(c));
            }
            case "Param": {
                PyNode opt = c.keyword("optional");
                return new Expression.Param(stringArg(c, 0, "Param"), opt != null && bool(opt));
            }
            case "Subquery":
                return new Expression.Subquery(queryset(arg(c, 0, "Subquery")));
            case "Exists":
                return new Expression.Exists(queryset(arg(c, 0, "Exists")));
            case "ExpressionWrapper": {
                String out = outputField(c);
                if (out == null) {
                    throw error("TypeError", "ExpressionWrapper() needs output_field=...", c);
                }
                return new Expression.Wrapper(expression(arg(c, 0, name), false), out);
            }
            case "When": {
                List<Q> conds = new ArrayList<>();
                for (PyNode a : c.args()) {
                    conds.add(condition(a));
                }
                Expression then = null;
                for (PyNode.Keyword k : c.keywords()) {
                    if ("then".equals(k.name())) {
                        then = operandOrExpression(k.value());
                    } else {
                        conds.add(lookup(k));
                    }
                }
                if (then == null) {
                    throw error("TypeError", "When() needs then=...", c);
                }
                Q cond = mark(conds.size() == 1 && !(conds.get(0) instanceof Q.Lookup) ? conds.get(0) : Q.and(conds), c);
                return new Expression.When(cond, then);
            }
            case "Case": {
                List<Expression.When> whens = new ArrayList<>();
                for (PyNode a : c.args()) {
                    Expression w = expression(a, false);
                    if (!(w instanceof Expression.When when)) {
                        throw error("TypeError", "Case() takes When(...) arguments", a);
                    }
                    whens.add(when);
                }
                PyNode def = c.keyword("default");
                return new Expression.Case(whens, def == null ? null : operandOrExpression(def), outputField(c));
            }
            case "Q":
                return new Expression.Condition(condition(c));
            case "Window":
                return window(c);
            case "RowRange", "ValueRange":
                throw error("TypeError", name + "() is a window frame: pass it as Window(..., frame=" + name
                        + "(start, end))", c.func());
            default:
                break;
        }
        if (FunctionNames.AGGREGATES.contains(name)) {
            PyNode a = arg(c, 0, name);
            Expression argument = a instanceof PyNode.Str s && s.value().equals("*") ? mark(new Expression.Star(), a)
                    : expression(a, false);
            boolean distinct = false;
            Q filter = null;
            Expression def = null;
            Map<String, Object> options = new LinkedHashMap<>();
            for (PyNode.Keyword k : c.keywords()) {
                switch (String.valueOf(k.name())) {
                    case "distinct" -> distinct = bool(k.value());
                    case "filter" -> filter = condition(k.value());
                    case "default" -> def = expression(k.value(), true);
                    case "sample" -> options.put("sample", bool(k.value()));
                    case "output_field" -> options.put("output_field", outputField(c));
                    default -> throw error("TypeError", name + "() got an unexpected keyword argument '" + k.name()
                            + "'", k.value());
                }
            }
            return new Expression.Aggregate(name, argument, distinct, filter, def, options);
        }
        if (FunctionNames.isFunction(name)) {
            List<Expression> args = new ArrayList<>();
            Map<String, Object> options = new LinkedHashMap<>();
            for (int i = 0; i < c.args().size(); i++) {
                PyNode a = c.args().get(i);
                String opt = FunctionNames.positionalOption(name, i);
                if (a instanceof PyNode.Call fc && fc.funcName() != null && fc.funcName().endsWith("Field")) {
                    options.put("output_field", fc.funcName().substring(fc.funcName().lastIndexOf('.') + 1));
                    decimalShape(fc, options);
                } else if (opt != null) {
                    options.put(opt, literal(a));
                } else if (a instanceof PyNode.Str && FunctionNames.numberArgument(name, i)) {
                    // Django's constructor compares it with a number before anything else (pos < 1)
                    throw error("TypeError", "'<' not supported between instances of 'str' and 'int' (" + name
                            + "() takes a number or an expression here: pass F(\"field\") for a field)", a);
                } else if (FunctionNames.literalArgument(name, i) || !(a instanceof PyNode.Str)) {
                    args.add(operand(a));
                } else {
                    args.add(expression(a, false));
                }
            }
            for (PyNode.Keyword k : c.keywords()) {
                if ("output_field".equals(k.name())) {
                    options.put("output_field", outputField(c));
                    if (k.value() instanceof PyNode.Call fc) {
                        decimalShape(fc, options);
                    }
                } else if ("lookup_name".equals(k.name()) || "kind".equals(k.name())) {
                    options.put(k.name(), literal(k.value()));
                } else if ("replacement".equals(k.name()) || "length".equals(k.name())) {
                    args.add(operand(k.value()));
                } else if (FunctionNames.keywordPosition(name, k.name()) >= 0) {
                    int at = FunctionNames.keywordPosition(name, k.name());
                    if (at < args.size()) {
                        throw error("TypeError", name + "() got multiple values for argument '" + k.name() + "'",
                                k.value());
                    }
                    while (args.size() < at) {
                        Object dflt = FunctionNames.argumentDefault(name, args.size());
                        if (dflt == null) {
                            throw error("TypeError", name + "() is missing an argument before " + k.name() + "=",
                                    k.value());
                        }
                        args.add(Expression.Value.of(dflt));
                    }
                    args.add(FunctionNames.literalArgument(name, at) || !(k.value() instanceof PyNode.Str)
                            ? operand(k.value()) : expression(k.value(), false));
                } else if ("tzinfo".equals(k.name()) || "is_dst".equals(k.name())) {
                    throw error("NotSupportedError", "time zones are not supported (the sample stores naive "
                            + "datetimes)", k.value());
                } else {
                    throw error("TypeError", name + "() got an unexpected keyword argument '" + k.name() + "'",
                            k.value());
                }
            }
            return new Expression.Func(name, args, options);
        }
        if (name.equals("date") || name.equals("datetime") || name.equals("time") || name.equals("timedelta")
                || name.equals("Decimal") || name.equals("UUID")) {
            return null;
        }
        throw error("NameError", "Unknown function '" + name + "'. Known: Q, F, Value, OuterRef, Subquery, Exists, "
                + "Case, When, ExpressionWrapper, Prefetch, " + String.join(", ", FunctionNames.AGGREGATES) + ", "
                + String.join(", ", FunctionNames.FUNCTIONS) + ", Window, " + String.join(", ", FunctionNames.WINDOW_FUNCTIONS),
                c.func());
    }

    /** {@code Window(expression, partition_by=None, order_by=None, frame=None)}, as Django 3.2 takes it. */
    private Expression window(PyNode.Call c) {
        List<String> params = List.of("expression", "partition_by", "order_by", "frame");
        Map<String, PyNode> given = new LinkedHashMap<>();
        if (c.args().size() > params.size()) {
            throw error("TypeError", "Window() takes at most 4 positional arguments (" + c.args().size() + " given)",
                    c.args().get(params.size()));
        }
        for (int i = 0; i < c.args().size(); i++) {
            given.put(params.get(i), c.args().get(i));
        }
        for (PyNode.Keyword k : c.keywords()) {
            if ("output_field".equals(k.name())) {
                throw error("NotSupportedError", "Window(output_field=...) is not supported: the window's type is "
                        + "its expression's (wrap the Window in ExpressionWrapper(..., output_field=...))", k.value());
            }
            if (!params.contains(k.name())) {
                throw error("TypeError", "Window() got an unexpected keyword argument '" + k.name() + "'", k.value());
            }
            if (given.put(k.name(), k.value()) != null) {
                throw error("TypeError", "Window() got multiple values for argument '" + k.name() + "'", k.value());
            }
        }
        PyNode source = given.get("expression");
        if (source == null) {
            throw error("TypeError", "Window() missing 1 required positional argument: 'expression'", c);
        }
        PyNode partition = given.get("partition_by");
        PyNode order = given.get("order_by");
        List<Expression> orderBy = windowList(order);
        if (!(order instanceof PyNode.ListLit || order instanceof PyNode.TupleLit) && orderBy.size() == 1
                && (orderBy.get(0) instanceof Expression.F || orderBy.get(0) instanceof Expression.OuterRef)) {
            // Django 3.2's F is no BaseExpression: alone it is refused, in a list it is fine
            throw error("ValueError", "order_by must be either an Expression or a sequence of expressions (write "
                    + "F(...).asc() or a list).", order);
        }
        return new Expression.Window(expression(source, false), windowList(partition), orderBy,
                frame(given.get("frame")));
    }

    /** partition_by / order_by: one expression or a list of them (strings are field names), None for none. */
    private List<Expression> windowList(PyNode n) {
        if (n == null || n instanceof PyNode.Const k && k.text().equals("None")) {
            return List.of();
        }
        List<PyNode> items = n instanceof PyNode.ListLit l ? l.items() : n instanceof PyNode.TupleLit t ? t.items()
                : List.of(n);
        if (items.isEmpty()) {
            throw error("ValueError", "ExpressionList requires at least one expression.", n);
        }
        List<Expression> out = new ArrayList<>();
        for (PyNode item : items) {
            out.add(expression(item, false));
        }
        return out;
    }

    /** {@code frame=RowRange(start=None, end=None)} or {@code ValueRange(...)}: integer bounds or None. */
    private Expression.Frame frame(PyNode n) {
        if (n == null || n instanceof PyNode.Const k && k.text().equals("None")) {
            return null;
        }
        String fn = n instanceof PyNode.Call call ? call.funcName() : null;
        String simple = fn == null ? null : fn.substring(fn.lastIndexOf('.') + 1);
        if (!"RowRange".equals(simple) && !"ValueRange".equals(simple)) {
            throw error("TypeError", "frame= takes RowRange(start, end) or ValueRange(start, end)", n);
        }
        PyNode.Call call = (PyNode.Call) n;
        Long[] bounds = new Long[2];
        List<String> names = List.of("start", "end");
        boolean[] seen = new boolean[2];
        for (int i = 0; i < call.args().size(); i++) {
            if (i > 1) {
                throw error("TypeError", simple + "() takes at most 2 arguments: start and end", call.args().get(i));
            }
            bounds[i] = frameBound(call.args().get(i), simple, names.get(i));
            seen[i] = true;
        }
        for (PyNode.Keyword k : call.keywords()) {
            int i = names.indexOf(k.name());
            if (i < 0) {
                throw error("TypeError", simple + "() got an unexpected keyword argument '" + k.name() + "'",
                        k.value());
            }
            if (seen[i]) {
                throw error("TypeError", simple + "() got multiple values for argument '" + k.name() + "'", k.value());
            }
            bounds[i] = frameBound(k.value(), simple, k.name());
            seen[i] = true;
        }
        return new Expression.Frame(simple.equals("RowRange"), bounds[0], bounds[1]);
    }

    private Long frameBound(PyNode n, String frame, String which) {
        Object v = n instanceof PyNode.Const k && k.text().equals("None") ? null : tryLiteral(n);
        if (v == null && !(n instanceof PyNode.Const)) {
            throw error("ValueError", frame + "() " + which + " must be an integer or None", n);
        }
        if (v != null && !(v instanceof Long)) {
            throw error("ValueError", which + " argument must be " + (which.equals("start")
                    ? "a negative integer" : "a positive integer") + ", zero, or None, but got '" + v + "'.", n);
        }
        return (Long) v;
    }

    private PyNode arg(PyNode.Call c, int i, String fn) {
        if (c.args().size() <= i) {
            throw error("TypeError", fn + "() is missing an argument", c);
        }
        return c.args().get(i);
    }

    private String stringArg(PyNode.Call c, int i, String fn) {
        PyNode a = arg(c, i, fn);
        if (a instanceof PyNode.Str s) {
            return s.value();
        }
        throw error("TypeError", fn + "() takes a field name as a string", a);
    }

    /** A DecimalField output's max_digits and decimal_places, which Cast writes into its SQL type. */
    private void decimalShape(PyNode.Call field, Map<String, Object> options) {
        for (String key : List.of("max_digits", "decimal_places")) {
            PyNode v = field.keyword(key);
            if (v != null && literal(v) instanceof Number n) {
                options.put(key, n.intValue());
            }
        }
    }

    private String outputField(PyNode.Call c) {
        PyNode o = c.keyword("output_field");
        if (o == null) {
            return null;
        }
        if (o instanceof PyNode.Call oc && oc.funcName() != null) {
            String n = oc.funcName();
            return n.substring(n.lastIndexOf('.') + 1);
        }
        throw error("TypeError", "output_field must be a field instance such as IntegerField()", o);
    }

    // ---------------------------------------------------------------- literals

    private Object tryLiteral(PyNode n) {
        if (n instanceof PyNode.Str || n instanceof PyNode.Num || n instanceof PyNode.ListLit
                || n instanceof PyNode.TupleLit || n instanceof PyNode.DictLit) {
            return literal(n);
        }
        if (n instanceof PyNode.Const c) {
            return c.text().equals("None") ? null : literal(n);
        }
        if (n instanceof PyNode.UnaryOp u && u.op().equals("-") && u.operand() instanceof PyNode.Num) {
            return literal(n);
        }
        if (n instanceof PyNode.Call c && c.funcName() != null && List.of("date", "datetime", "time", "timedelta",
                "Decimal", "datetime.date", "datetime.datetime", "datetime.time", "UUID").contains(c.funcName())) {
            return literal(n);
        }
        return null;
    }

    Object literal(PyNode n) {
        if (n instanceof PyNode.Str s) {
            return s.value();
        }
        if (n instanceof PyNode.Num num) {
            String t = num.text();
            try {
                if (num.isInteger()) {
                    return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
                }
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                if (num.isInteger() && t.replace("_", "").chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    // Python's ints have no limit; a database integer has 64 bits, and Django's drivers refuse more
                    throw error("OverflowError", "Python int too large to convert to a 64-bit database integer: "
                            + (t.length() > 30 ? t.substring(0, 27) + "..." : t), n);
                }
                throw error("ValueError", "invalid number " + t, n);
            }
        }
        if (n instanceof PyNode.Const c) {
            return switch (c.text()) {
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                default -> null;
            };
        }
        if (n instanceof PyNode.UnaryOp u && u.op().equals("-") && u.operand() instanceof PyNode.Num num
                && num.isInteger() && !num.text().startsWith("0x")) {
            try {
                return Long.parseLong("-" + num.text()); // so -9223372036854775808 fits
            } catch (NumberFormatException e) {
                throw error("ValueError", "integer out of range: -" + num.text(), n);
            }
        }
        if (n instanceof PyNode.UnaryOp u && u.op().equals("-")) {
            Object v = literal(u.operand());
            if (v instanceof Long l) {
                return -l;
            }
            if (v instanceof Double d) {
                return -d;
            }
            if (v instanceof BigDecimal b) {
                return b.negate();
            }
            throw error("TypeError", "bad operand for unary -", u);
        }
        if (n instanceof PyNode.ListLit l) {
            List<Object> out = new ArrayList<>();
            for (PyNode i : l.items()) {
                out.add(literalOrExpression(i));
            }
            return out;
        }
        if (n instanceof PyNode.TupleLit t) {
            List<Object> out = new ArrayList<>();
            for (PyNode i : t.items()) {
                out.add(literalOrExpression(i));
            }
            return out;
        }
        if (n instanceof PyNode.DictLit d) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < d.keys().size(); i++) {
                if (!(d.keys().get(i) instanceof PyNode.Str k)) {
                    throw error("TypeError", "JSON object keys must be strings", d.keys().get(i));
                }
                out.put(k.value(), literal(d.values().get(i)));
            }
            return out;
        }
        if (n instanceof PyNode.Call c && c.funcName() != null) {
            String fn = c.funcName().replace("datetime.", "");
            List<Long> ints = new ArrayList<>();
            if (!fn.equals("Decimal") && !fn.equals("UUID") && !fn.equals("timedelta")) {
                for (PyNode a : c.args()) {
                    Object v = literal(a);
                    if (!(v instanceof Long l)) {
                        throw error("TypeError", "'" + pyTypeName(v) + "' object cannot be interpreted as an integer",
                                a);
                    }
                    ints.add(l);
                }
            }
            PyDateArgs.check(fn, ints, c.args().size(), m -> error(m.kind(), m.message(), c));
            try {
                switch (fn) {
                    case "date":
                        return LocalDate.of(ints.get(0).intValue(), ints.get(1).intValue(), ints.get(2).intValue());
                    case "datetime": {
                        while (ints.size() < 7) {
                            ints.add(0L);
                        }
                        return LocalDateTime.of(ints.get(0).intValue(), ints.get(1).intValue(), ints.get(2).intValue(),
                                ints.get(3).intValue(), ints.get(4).intValue(), ints.get(5).intValue(),
                                ints.get(6).intValue() * 1000);
                    }
                    case "time": {
                        while (ints.size() < 4) {
                            ints.add(0L);
                        }
                        return LocalTime.of(ints.get(0).intValue(), ints.get(1).intValue(), ints.get(2).intValue(),
                                ints.get(3).intValue() * 1000);
                    }
                    case "timedelta": {
                        Duration d = Duration.ZERO;
                        for (PyNode.Keyword k : c.keywords()) {
                            Object v = literal(k.value());
                            long amount = v instanceof Number num ? num.longValue() : 0;
                            d = switch (String.valueOf(k.name())) {
                                case "days" -> d.plusDays(amount);
                                case "hours" -> d.plusHours(amount);
                                case "minutes" -> d.plusMinutes(amount);
                                case "seconds" -> d.plusSeconds(amount);
                                case "weeks" -> d.plusDays(7 * amount);
                                case "microseconds" -> d.plusNanos(1000 * amount);
                                default -> throw error("TypeError", "timedelta() got an unexpected keyword '"
                                        + k.name() + "'", k.value());
                            };
                        }
                        if (!c.args().isEmpty()) {
                            d = d.plusDays(intLiteral(c.args().get(0)));
                        }
                        return d;
                    }
                    case "Decimal": {
                        Object v = literal(arg(c, 0, "Decimal"));
                        return new BigDecimal(String.valueOf(v));
                    }
                    case "UUID":
                        return java.util.UUID.fromString(stringArg(c, 0, "UUID"));
                    default:
                        break;
                }
            } catch (IndexOutOfBoundsException | java.time.DateTimeException | NumberFormatException e) {
                throw error("ValueError", "invalid " + fn + "(...): " + e.getMessage(), c);
            }
        }
        throw error("TypeError", "expected a literal value (string, number, True/False/None, list, date(...), "
                + "datetime(...), Decimal(\"...\")) or an expression", n);
    }

    private Object literalOrExpression(PyNode n) {
        Object lit = tryLiteral(n);
        if (lit != null || n instanceof PyNode.Const) {
            return lit;
        }
        return expression(n, true);
    }
}
