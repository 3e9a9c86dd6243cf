package studio.queryset.app.view;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.layout.StackPane;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** A read-only, syntax-coloured code panel showing a text property; the text is replaced in one call. */
public final class CodeView extends StackPane {
    private final CodeArea area = new CodeArea();
    private final SyntaxHighlighter highlighter;
    /** Whether marks from {@link #mark} are on the text (a new text from the property clears them). */
    private boolean marked;

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
     * Marks character ranges ({@code [start, end)} pairs) with {@code styleClass} over the syntax colours, or
     * clears the marks when the list is empty. Ranges outside the text are clipped.
     */
    public void mark(List<int[]> ranges, String styleClass) {
        String text = area.getText();
        if (text.isEmpty() || (ranges.isEmpty() && !marked)) {
            return; // nothing marked before, nothing to mark now: the syntax colours are already right
        }
        marked = !ranges.isEmpty();
        StyleSpans<Collection<String>> spans = highlighter.highlight(text);
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(r -> r[0]));
        StyleSpansBuilder<Collection<String>> marks = new StyleSpansBuilder<>();
        int at = 0;
        boolean any = false;
        for (int[] r : sorted) {
            int from = Math.max(at, Math.min(r[0], text.length()));
            int to = Math.max(from, Math.min(r[1], text.length()));
            if (to == from) {
                continue;
            }
            if (from > at) {
                marks.add(List.of(), from - at);
            }
            marks.add(List.of(styleClass), to - from);
            at = to;
            any = true;
        }
        if (any) {
            if (text.length() > at) {
                marks.add(List.of(), text.length() - at);
            }
            spans = spans.overlay(marks.create(), (base, mark) -> {
                if (mark.isEmpty()) {
                    return base;
                }
                List<String> both = new ArrayList<>(base);
                both.addAll(mark);
                return both;
            });
        }
        area.setStyleSpans(0, spans);
    }

    /** Shows a new text (unmarked). */
    public void show(String text) {
        String value = text == null ? "" : text;
        boolean wasEmpty = area.getLength() == 0;
        StyleSpans<Collection<String>> styles = value.isEmpty() ? null : highlighter.highlight(value);
        boolean changed = TextPatch.apply(area, value, styles);
        if (changed && marked) {
            // the patch kept the unchanged lines' styles, marks included: a new text starts unmarked
            if (styles != null) {
                area.setStyleSpans(0, styles);
            }
            marked = false;
        }
        if (changed && wasEmpty) {
            area.moveTo(0);
            area.requestFollowCaret();
        }
    }
}
