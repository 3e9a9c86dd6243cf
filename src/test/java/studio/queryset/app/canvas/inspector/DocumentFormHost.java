package studio.queryset.app.canvas.inspector;

import studio.queryset.design.Design;
import studio.queryset.design.DesignNode;
import studio.queryset.design.NodeKind;
import studio.queryset.design.QueryDocument;
import studio.queryset.design.Revision;
import studio.queryset.design.edit.Edit;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QuerySet;
import studio.queryset.schema.Schema;

/** A form host over a real {@link QueryDocument}, revisions delivered on the test's thread: no window. */
final class DocumentFormHost implements FormHost, AutoCloseable {
    final QueryDocument doc;
    final Schema schema;

    DocumentFormHost(Schema schema, String django) {
        this.schema = schema;
        this.doc = new QueryDocument(Revision.Settings.of(schema), Runnable::run);
        doc.load(Design.of("t", DjangoParser.parse(django, schema)));
        doc.settle();
    }

    @Override
    public QuerySet query() {
        return doc.design().query();
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public String commit(Edit edit, String mergeKey) {
        doc.apply(edit.undoName(), doc.design().withQuery(edit.query()), mergeKey);
        doc.settle();
        return null;
    }

    String django() {
        return doc.settle().djangoText();
    }

    /** The first node of {@code kind} in the graph of the current revision. */
    DesignNode first(NodeKind kind) {
        return doc.settle().graph().nodes().stream().filter(n -> n.kind() == kind).findFirst().orElseThrow();
    }

    Form form(DesignNode n) {
        String model = doc.current().graph().modelOf(n.id());
        return Forms.of(this, n, new Forms.NodeContext(model, null, false));
    }

    void undo() {
        doc.undo();
        doc.settle();
    }

    @Override
    public void close() {
        doc.close();
    }
}
