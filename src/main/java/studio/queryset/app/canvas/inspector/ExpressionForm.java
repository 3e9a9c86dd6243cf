package studio.queryset.app.canvas.inspector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import studio.queryset.app.canvas.palette.ExpressionPalette;
import studio.queryset.app.canvas.palette.PaletteItems;
import studio.queryset.app.canvas.inspector.FormField.Choice;
import studio.queryset.app.canvas.inspector.FormField.Kind;
import studio.queryset.app.canvas.inspector.FormField.Place;
import studio.queryset.design.DesignNode;
import studio.queryset.design.RelationPaths;
import studio.queryset.design.Role;
import studio.queryset.design.edit.Edit;
import studio.queryset.design.edit.ExpressionEdits;
import studio.queryset.design.edit.ExpressionText;
import studio.queryset.design.edit.NodeEdits;
import studio.queryset.design.edit.NodeParts;
import studio.queryset.query.NodePath;
import studio.queryset.design.edit.QueryLens;
import studio.queryset.query.Expression;
import studio.queryset.query.Q;
import studio.queryset.query.QueryException;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;

/**
 * The form of an expression node: the annotation's name, the fields of its kind (aggregate, arithmetic,
 * function, Case, When, a plain operand) and its whole Django text.
 */
final class ExpressionForm {
    private static final List<String> AGGREGATES = List.of("Count", "Sum", "Avg", "Max", "Min", "StdDev", "Variance");
    private static final List<String> OPERATORS = List.of("+", "-", "*", "/", "%");
    private static final List<String> OUTPUT_FIELDS = List.of("", "IntegerField", "FloatField", "DecimalField",
            "CharField", "TextField", "BooleanField", "DateField", "DateTimeField");

    private ExpressionForm() {
    }

    static Form expression(FormHost host, DesignNode node, Expression e, String model) {
        Form form = new Form(host, "expression", node.path());
        Schema schema = host.schema();
        List<Choice> paths = RelationPaths.fields(schema, model, Forms.PATH_DEPTH).stream()
                .map(f -> new Choice(f.path(), f.label())).toList();
        Function<QuerySet, Expression> exprOf = q -> (Expression) QueryLens.shown(q, form.path());
        ExpressionFields x = new ExpressionFields(form, schema, model, exprOf, paths);
        if (node.role() == Role.ANNOTATION) {
            Forms.aliasField(form, "exprAlias", schema);
        }
        if (e instanceof Expression.Aggregate) {
            x.aggregate();
        } else if (e instanceof Expression.Combined) {
            x.arithmetic();
        } else if (e instanceof Expression.Func f) {
            x.function(f.args().size());
        } else if (e instanceof Expression.Case) {
            x.caseForm();
        } else if (e instanceof Expression.When) {
            x.when(node);
        } else if (NodeParts.simple(e)) {
            x.operand("exprValue", "value", ex -> ex, (ex, v) -> v);
        }
        form.add("exprText", "text", Kind.TEXT, Place.ROW, List::of, q -> ExpressionText.print(exprOf.apply(q)),
                (q, t) -> Checks.compiles(schema, q, ExpressionEdits.replace(q, form.path(),
                        ExpressionText.parse(t, schema, model))));
        form.hint(() -> "Changes apply as you type; the text below is the whole expression as Django text.");
        form.shape(() -> shapeOf(exprOf.apply(host.query())));
        return form;
    }

    /** What decides an expression's fields: its kind, and a function's number of arguments. */
    private static String shapeOf(Expression now) {
        String kind = now instanceof Expression.Aggregate ? "aggregate" : now instanceof Expression.Combined
                ? "combined" : now instanceof Expression.Func ? "func" : now instanceof Expression.Case ? "case"
                : now instanceof Expression.When ? "when" : NodeParts.simple(now) ? "simple"
                : now.getClass().getSimpleName();
        return kind + (now instanceof Expression.Func f ? f.args().size() : "");
    }

    /** The fields of each kind of expression; each writes the expression with its one part changed. */
    private record ExpressionFields(Form form, Schema schema, String model, Function<QuerySet, Expression> exprOf,
                                    List<Choice> paths) {

        Edit replace(QuerySet q, Expression next) {
            return Checks.compiles(schema, q, ExpressionEdits.replace(q, form.path(), next));
        }

        /** A kind choice and a text for one operand, read by {@code get} and written back by {@code set}. */
        void operand(String id, String label, Function<Expression, Expression> get,
                     BiFunction<Expression, Expression, Expression> set) {
            operand(id, id + "Text", label, get, set);
        }

        void operand(String id, String textId, String label, Function<Expression, Expression> get,
                     BiFunction<Expression, Expression, Expression> set) {
            FormField[] f = new FormField[2];
            f[0] = form.add(id + "Kind", label, Kind.CHOICE, Place.ROW, () -> Choice.plain(Operands.OPERAND_KINDS),
                    q -> Operands.kindOf(get.apply(exprOf.apply(q))),
                    (q, t) -> replace(q, set.apply(exprOf.apply(q), Operands.operand(t, f[1].text(), schema, model))));
            f[1] = form.add(textId, null, Kind.COMBO, Place.INLINE, () -> paths,
                    q -> Operands.textOf(get.apply(exprOf.apply(q))),
                    (q, t) -> replace(q, set.apply(exprOf.apply(q), Operands.operand(f[0].text(), t, schema, model))));
        }

        void choice(String id, String label, List<String> items, Function<Expression, String> get,
                    BiFunction<Expression, String, Expression> set) {
            form.add(id, label, Kind.CHOICE, Place.ROW, () -> Choice.plain(items), q -> get.apply(exprOf.apply(q)),
                    (q, t) -> replace(q, set.apply(exprOf.apply(q), t)));
        }

        void aggregate() {
            choice("exprFunction", "aggregate", AGGREGATES, e -> ((Expression.Aggregate) e).function(), (e, t) -> {
                Expression.Aggregate a = (Expression.Aggregate) e;
                return new Expression.Aggregate(t, a.argument(), a.distinct(), a.filter(), a.defaultValue(),
                        a.options());
            });
            operand("exprArg", "exprField", "of", e -> ((Expression.Aggregate) e).argument(), (e, v) -> {
                Expression.Aggregate a = (Expression.Aggregate) e;
                return new Expression.Aggregate(a.function(), v, a.distinct(), a.filter(), a.defaultValue(),
                        a.options());
            });
            form.add("exprDistinct", "distinct (count each value once)", Kind.CHECK, Place.ROW, List::of,
                    q -> String.valueOf(((Expression.Aggregate) exprOf.apply(q)).distinct()), (q, t) -> {
                        Expression.Aggregate a = (Expression.Aggregate) exprOf.apply(q);
                        return replace(q, new Expression.Aggregate(a.function(), a.argument(), Boolean.parseBoolean(t),
                                a.filter(), a.defaultValue(), a.options()));
                    });
            form.add("exprFilter", "filter= Q (only matching rows: conditional aggregation)", Kind.CHECK, Place.ROW,
                    List::of, q -> String.valueOf(((Expression.Aggregate) exprOf.apply(q)).filter() != null),
                    (q, t) -> {
                        Expression.Aggregate a = (Expression.Aggregate) exprOf.apply(q);
                        Q filter = Boolean.parseBoolean(t) ? (a.filter() != null ? a.filter()
                                : Q.and(List.of(PaletteItems.defaultLookup(schema, model)))) : null;
                        return replace(q, new Expression.Aggregate(a.function(), a.argument(), a.distinct(), filter,
                                a.defaultValue(), a.options()));
                    });
        }

        void arithmetic() {
            operand("exprLeft", "left", e -> ((Expression.Combined) e).left(), (e, v) -> {
                Expression.Combined c = (Expression.Combined) e;
                return new Expression.Combined(v, c.operator(), c.right());
            });
            choice("exprOperator", "operator", OPERATORS, e -> ((Expression.Combined) e).operator(), (e, t) -> {
                Expression.Combined c = (Expression.Combined) e;
                return new Expression.Combined(c.left(), t, c.right());
            });
            operand("exprRight", "right", e -> ((Expression.Combined) e).right(), (e, v) -> {
                Expression.Combined c = (Expression.Combined) e;
                return new Expression.Combined(c.left(), c.operator(), v);
            });
        }

        void function(int args) {
            List<String> names = studio.queryset.sql.FunctionSpecs.functionChoices();
            form.add("exprFunction", "function", Kind.COMBO, Place.ROW, () -> Choice.plain(names),
                    q -> ((Expression.Func) exprOf.apply(q)).name(), (q, t) -> {
                        Expression.Func f = (Expression.Func) exprOf.apply(q);
                        if (!t.strip().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                            throw new QueryException("NameError", "'" + t.strip() + "' is not a function name");
                        }
                        return replace(q, new Expression.Func(t.strip(), f.args(), f.options()));
                    });
            for (int i = 0; i < args; i++) {
                int k = i;
                operand("exprArg" + i, "arg " + (i + 1), e -> ((Expression.Func) e).args().get(k), (e, v) -> {
                    Expression.Func f = (Expression.Func) e;
                    List<Expression> next = new ArrayList<>(f.args());
                    next.set(k, v);
                    return new Expression.Func(f.name(), next, f.options());
                });
                form.action("exprRemoveArg" + i, "✕ arg " + (i + 1), q -> ExpressionEdits.removeArgument(q,
                        form.path(), k));
            }
            form.action("exprAddArg", "+ argument", q -> ExpressionEdits.addArgument(q, form.path(),
                    new Expression.F(ExpressionPalette.field(schema.findModel(model).orElse(null), true))));
            form.add("exprOutputField", "output_field", Kind.COMBO, Place.ROW, () -> Choice.plain(OUTPUT_FIELDS),
                    q -> {
                        Object out = ((Expression.Func) exprOf.apply(q)).option("output_field");
                        return out == null ? "" : out.toString();
                    }, (q, t) -> {
                        Expression.Func f = (Expression.Func) exprOf.apply(q);
                        Map<String, Object> options = new LinkedHashMap<>(f.options());
                        String field = t.strip().replaceFirst("\\(\\)$", "");
                        if (field.isEmpty()) {
                            options.remove("output_field");
                        } else {
                            options.put("output_field", field);
                        }
                        return replace(q, new Expression.Func(f.name(), f.args(), options));
                    });
        }

        void caseForm() {
            form.action("exprAddWhen", "+ When", q -> ExpressionEdits.addWhen(q, form.path(),
                    new Expression.When(Q.and(List.of(PaletteItems.defaultLookup(schema, model))),
                            Expression.Value.of(1L))));
            operand("exprDefault", "default", e -> {
                Expression d = ((Expression.Case) e).defaultValue();
                return d == null ? Expression.Value.of(null) : d;
            }, (e, v) -> {
                Expression.Case c = (Expression.Case) e;
                boolean none = v instanceof Expression.Value val && val.value() == null;
                return new Expression.Case(c.whens(), none ? null : v, c.outputField());
            });
            form.add("exprOutputField", "output_field", Kind.COMBO, Place.ROW, () -> Choice.plain(OUTPUT_FIELDS),
                    q -> {
                        String out = ((Expression.Case) exprOf.apply(q)).outputField();
                        return out == null ? "" : out;
                    }, (q, t) -> {
                        Expression.Case c = (Expression.Case) exprOf.apply(q);
                        String field = t.strip().replaceFirst("\\(\\)$", "");
                        return replace(q, new Expression.Case(c.whens(), c.defaultValue(), field.isEmpty() ? null
                                : field));
                    });
        }

        void when(DesignNode node) {
            operand("exprThen", "then", e -> ((Expression.When) e).then(), (e, v) -> {
                Expression.When w = (Expression.When) e;
                return new Expression.When(w.condition(), v);
            });
            NodePath parent = node.parent() == null ? null : NodePath.parse(node.parent());
            form.action("exprRemoveWhen", "Remove this When", q -> {
                Edit d = NodeEdits.delete(q, form.path());
                return parent == null ? d : new Edit(d.query(), parent, d.undoName());
            });
        }
    }
}
