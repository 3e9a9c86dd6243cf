package studio.queryset.app.vm;

import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Model;
import studio.queryset.schema.Schema;
import studio.queryset.sql.CompiledQuery;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/**
 * The current QuerySet and everything shown for it: the SQL for the chosen dialect with its parameters, the
 * Django text, the Java snippet and the pipeline's title on the canvas. Recompiles on every change.
 */
public final class QueryViewModel {
    private final ObjectProperty<Schema> schema = new SimpleObjectProperty<>(this, "schema");
    private final ObjectProperty<QuerySet> querySet = new SimpleObjectProperty<>(this, "querySet");
    private final ObjectProperty<Dialect> dialect = new SimpleObjectProperty<>(this, "dialect", Dialect.SQLITE);
    private final ReadOnlyObjectWrapper<CompiledQuery> compiled = new ReadOnlyObjectWrapper<>(this, "compiled");
    private final ReadOnlyStringWrapper sqlText = new ReadOnlyStringWrapper(this, "sqlText");
    private final ReadOnlyStringWrapper paramsText = new ReadOnlyStringWrapper(this, "paramsText", "");
    private final ReadOnlyStringWrapper djangoText = new ReadOnlyStringWrapper(this, "djangoText");
    private final ReadOnlyStringWrapper javaText = new ReadOnlyStringWrapper(this, "javaText");
    private final ReadOnlyStringWrapper pipelineTitle = new ReadOnlyStringWrapper(this, "pipelineTitle", "");
    private final ReadOnlyStringWrapper pipelineDetail = new ReadOnlyStringWrapper(this, "pipelineDetail", "");
    private final ReadOnlyStringWrapper compileError = new ReadOnlyStringWrapper(this, "compileError");

    public QueryViewModel() {
        InvalidationListener recompile = o -> recompile();
        schema.addListener(recompile);
        querySet.addListener(recompile);
        dialect.addListener(recompile);
        recompile();
    }

    /** Compiles the current QuerySet for a dialect (the connection's, when running). */
    public CompiledQuery compileFor(Dialect d) {
        return SqlCompiler.compile(schema.get(), querySet.get(), d);
    }

    public boolean hasQuery() {
        return schema.get() != null && querySet.get() != null;
    }

    private void recompile() {
        QuerySet qs = querySet.get();
        Schema s = schema.get();
        if (qs == null || s == null) {
            compiled.set(null);
            compileError.set(null);
            sqlText.set("-- Select a model in the schema browser to start a QuerySet.");
            paramsText.set("");
            djangoText.set("# Select a model in the schema browser to start a QuerySet.");
            javaText.set("// Select a model in the schema browser to start a QuerySet.");
            pipelineTitle.set("");
            pipelineDetail.set("");
            return;
        }
        djangoText.set(DjangoText.of(qs));
        javaText.set(JavaSnippet.of(qs, dialect.get()));
        pipelineTitle.set(DjangoText.expression(qs));
        Model m = s.findModel(qs.model()).orElse(null);
        pipelineDetail.set(m == null ? "unknown model" : m.table() + " · " + m.concreteFields().size() + " columns");
        try {
            CompiledQuery q = compileFor(dialect.get());
            compiled.set(q);
            compileError.set(null);
            sqlText.set(SqlLayout.format(q.sql()));
            paramsText.set(q.params().isEmpty() ? "No parameters"
                    : "Parameters: " + q.params().stream().map(QueryViewModel::literal).collect(Collectors.joining(", ")));
        } catch (RuntimeException e) {
            compiled.set(null);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            compileError.set(message);
            sqlText.set("-- This QuerySet does not compile:\n-- " + message.replace("\n", "\n-- "));
            paramsText.set("");
        }
    }

    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    public ObjectProperty<Schema> schemaProperty() {
        return schema;
    }

    public ObjectProperty<QuerySet> querySetProperty() {
        return querySet;
    }

    public ObjectProperty<Dialect> dialectProperty() {
        return dialect;
    }

    public ReadOnlyObjectProperty<CompiledQuery> compiledProperty() {
        return compiled.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sqlTextProperty() {
        return sqlText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty paramsTextProperty() {
        return paramsText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty djangoTextProperty() {
        return djangoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty javaTextProperty() {
        return javaText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pipelineTitleProperty() {
        return pipelineTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pipelineDetailProperty() {
        return pipelineDetail.getReadOnlyProperty();
    }

    /** Why the current QuerySet does not compile, or null. */
    public ReadOnlyStringProperty compileErrorProperty() {
        return compileError.getReadOnlyProperty();
    }
}
