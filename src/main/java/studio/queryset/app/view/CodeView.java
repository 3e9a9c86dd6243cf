package studio.queryset.app.view;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/** A read-only, syntax-coloured code panel showing a text property; the text is replaced in one call. */
public final class CodeView extends StackPane {
    private final CodeArea area = new CodeArea();
    private final SyntaxHighlighter highlighter;

    public CodeView(String id, ObservableStringValue text, SyntaxHighlighter highlighter) {
        this(id, text, highlighter, false);
    }

    /** With {@code wrap}, long lines wrap at spaces instead of scrolling sideways. */
    public CodeView(String id, ObservableStringValue text, SyntaxHighlighter highlighter, boolean wrap) {
        this.highlighter = highlighter;
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(wrap);
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        getStyleClass().add("code-view");
        getChildren().add(new VirtualizedScrollPane<>(area));
        text.addListener((o, old, now) -> show(now));
        show(text.get());
    }

    public CodeArea area() {
        return area;
    }

    private void show(String text) {
        String value = text == null ? "" : text;
        area.replaceText(value);
        if (!value.isEmpty()) {
            area.setStyleSpans(0, highlighter.highlight(value));
        }
        area.moveTo(0);
        area.requestFollowCaret();
    }
}
