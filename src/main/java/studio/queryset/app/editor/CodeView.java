package studio.queryset.app.editor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.IndexRange;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.Selection;
import org.fxmisc.richtext.SelectionImpl;
import org.fxmisc.richtext.model.StyleSpans;

/** A read-only, syntax-coloured code panel showing a text property; the text is replaced in one call. */
public final class CodeView extends StackPane {
    private final CodeArea area = new CodeArea();
    private final SyntaxHighlighter highlighter;
    /** The ranges {@link #mark} drew, in text order; a new text clears them. */
    private final List<Mark> marks = new ArrayList<>();

    public CodeView(String id, ObservableStringValue text, SyntaxHighlighter highlighter) {
        this(id, text, highlighter, false);
    }

    /** With {@code wrap}, long lines wrap at spaces instead of scrolling sideways. */
    public CodeView(String id, ObservableStringValue text, SyntaxHighlighter highlighter, boolean wrap) {
        this(id, highlighter, wrap);
        text.addListener((o, old, now) -> show(now));
        show(text.get());
    }

    /** A view whose owner calls {@link #show} (the SQL panel: with the spans of the same text). */
    public CodeView(String id, SyntaxHighlighter highlighter) {
        this(id, highlighter, false);
    }

    private CodeView(String id, SyntaxHighlighter highlighter, boolean wrap) {
        this.highlighter = highlighter;
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(wrap);
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        getStyleClass().add("code-view");
        getChildren().add(new VirtualizedScrollPane<>(area));
    }

    public CodeArea area() {
        return area;
    }

    /**
     * Marks character ranges ({@code [start, end)} pairs) with {@code styleClass} (a shape behind the text, as a
     * selection is drawn), or clears the marks when the list is empty. Ranges outside the text are clipped.
     * Marks are not styles: restyling a paragraph makes RichTextFX rebuild its cell, and one line of SQL can hold
     * thousands of coloured runs, so moving a mark across it would cost a full re-layout of that line.
     */
    public void mark(List<int[]> ranges, String styleClass) {
        int length = area.getLength();
        List<int[]> clipped = new ArrayList<>();
        for (int[] r : ranges) {
            int from = Math.max(0, Math.min(r[0], length));
            int to = Math.max(from, Math.min(r[1], length));
            if (to > from) {
                clipped.add(new int[] {from, to});
            }
        }
        clipped.sort(Comparator.comparingInt(r -> r[0]));
        if (!marks.isEmpty() && !marks.get(0).styleClass().equals(styleClass)) {
            clearMarks();
        }
        while (marks.size() < clipped.size()) {
            marks.add(Mark.add(area, styleClass, marks.size()));
        }
        while (marks.size() > clipped.size()) {
            marks.remove(marks.size() - 1).remove(area);
        }
        for (int i = 0; i < clipped.size(); i++) {
            marks.get(i).selection().selectRange(clipped.get(i)[0], clipped.get(i)[1]);
        }
    }

    /** The marked runs of text, in order (what {@link #mark} drew). */
    public List<String> markedText() {
        List<String> out = new ArrayList<>();
        for (Mark m : marks) {
            IndexRange r = m.selection().getRange();
            out.add(area.getText(r.getStart(), r.getEnd()));
        }
        return out;
    }

    private void clearMarks() {
        marks.forEach(m -> m.remove(area));
        marks.clear();
    }

    /** One marked range: a selection of the area drawn with the mark's style class instead of the selection's. */
    private record Mark(String styleClass, Selection<Collection<String>, String, Collection<String>> selection) {
        static Mark add(CodeArea area, String styleClass, int index) {
            Mark m = new Mark(styleClass, new SelectionImpl<>(styleClass + "-" + index, area,
                    path -> path.getStyleClass().add(styleClass)));
            area.addSelection(m.selection());
            return m;
        }

        void remove(CodeArea area) {
            area.removeSelection(selection);
        }
    }

    /** Shows a new text (unmarked). */
    public void show(String text) {
        String value = text == null ? "" : text;
        boolean wasEmpty = area.getLength() == 0;
        StyleSpans<Collection<String>> styles = value.isEmpty() ? null : highlighter.highlight(value);
        boolean changed = TextPatch.apply(area, value, styles);
        if (changed) {
            clearMarks(); // marks are of the text they were made for
        }
        if (changed && wasEmpty) {
            area.moveTo(0);
            area.requestFollowCaret();
        }
    }
}
