package studio.queryset.app.editor;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import studio.queryset.design.text.EditorError;
import studio.queryset.app.document.QueryViewModel;

/**
 * The Django editor: the QuerySet as Python text, editable, highlighted; every edit goes to the view-model,
 * which parses it after a pause. An error underlines the offending characters ({@code .parse-error}) and is
 * spelled out on the line below the text. Under the editor, the SQL it compiles to, live.
 */
public final class DjangoEditorView extends BorderPane {
    static final String ERROR_CLASS = "parse-error";
    static final KeyCombination FORMAT = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    static final KeyCombination REDO_Y = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    /** Leaves the editor for the canvas, whatever the caret is on (as Ctrl+M toggles Tab's role in editors). */
    static final KeyCombination LEAVE = new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN);
    /** Where the keyboard goes when it leaves the editor: forward (Tab, Ctrl+M) and back (Shift+Tab). */
    private Runnable leaveForward = () -> { };
    private Runnable leaveBack = () -> { };

    private final QueryViewModel vm;
    private final CodeArea area = new CodeArea();
    private final SyntaxHighlighter highlighter = SyntaxHighlighter.python();
    private final Label errorLine = new Label();
    private final Label state = new Label();
    private boolean replacing;

    public DjangoEditorView(QueryViewModel vm) {
        this.vm = vm;
        setId("djangoEditorView");
        getStyleClass().add("django-editor");
        area.setId("djangoEditor");
        area.getStyleClass().add("django-code");
        area.setWrapText(true);
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        Label placeholder = new Label("Write a QuerySet, e.g. Post.objects.filter(title__icontains=\"django\"),"
                + " or pick a model in the schema browser.");
        placeholder.getStyleClass().add("placeholder-text");
        area.setPlaceholder(placeholder, Pos.TOP_LEFT);
        VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
        BorderPane code = new BorderPane(scroll);
        code.getStyleClass().add("code-view");

        Label caption = new Label("QuerySet");
        caption.getStyleClass().add("strip-title");
        Label hint = new Label("edits recompile as you type · Ctrl+Enter runs");
        hint.getStyleClass().add("caption");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        state.setId("djangoState");
        state.getStyleClass().add("state-pill");
        Button format = new Button("Format");
        format.setId("formatDjango");
        format.getStyleClass().add("small-button");
        format.setTooltip(new Tooltip("Lay the QuerySet out a step a line (Ctrl+Shift+F)"));
        format.setOnAction(e -> vm.formatText());
        area.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (FORMAT.match(e)) {
                vm.formatText();
                e.consume();
            }
        });
        // the document's history, not the text area's: Ctrl+Z takes back typing and canvas commands alike
        area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (UNDO.match(e)) {
                vm.undo();
                e.consume();
            } else if (REDO.match(e) || REDO_Y.match(e)) {
                vm.redo();
                e.consume();
            } else if (e.getCode() == KeyCode.TAB && !e.isShortcutDown() && !e.isAltDown()) {
                // Tab indents only inside the editor's own indentation (the continuation lines Format lays out);
                // anywhere else it leaves, so the keyboard is never trapped in the text
                if (!e.isShiftDown() && inIndentation()) {
                    area.insertText(area.getCaretPosition(), "    ");
                } else {
                    (e.isShiftDown() ? leaveBack : leaveForward).run();
                }
                e.consume();
            } else if (LEAVE.match(e)) {
                leaveForward.run();
                e.consume();
            }
        });
        HBox top = new HBox(10, caption, hint, grow, state, format);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().addAll("tab-bar-strip", "strip-top");

        errorLine.setId("djangoError");
        errorLine.getStyleClass().add("editor-error");
        errorLine.setWrapText(true);
        errorLine.setMaxWidth(Double.MAX_VALUE);
        errorLine.managedProperty().bind(errorLine.visibleProperty());
        BorderPane editor = new BorderPane(code);
        editor.setTop(top);
        editor.setBottom(errorLine);

        // what the text compiles to, live, under it (the SQL tab has the parameters and the other dialect)
        Label sqlCaption = new Label("SQL");
        sqlCaption.getStyleClass().add("strip-title");
        Label sqlSummary = new Label();
        sqlSummary.getStyleClass().add("caption");
        sqlSummary.textProperty().bind(vm.paramsTextProperty());
        HBox sqlTop = new HBox(10, sqlCaption, sqlSummary);
        sqlTop.setAlignment(Pos.CENTER_LEFT);
        sqlTop.getStyleClass().addAll("tab-bar-strip", "strip-top");
        BorderPane preview = new BorderPane(new CodeView("sqlPreview", vm.sqlTextProperty(), SyntaxHighlighter.sql(), true));
        preview.setTop(sqlTop);
        preview.getStyleClass().add("sql-preview");

        SplitPane split = new SplitPane(editor, preview);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.34);
        setCenter(split);
        initListeners();
        show(vm.editorTextProperty().get());
        showState();
    }

    private void initListeners() {
        area.plainTextChanges().subscribe(change -> {
            if (!replacing) {
                vm.edit(area.getText());
                restyle(); // a replacement came with its styles (show): colouring it again is a second pass
            }
        });
        vm.editorTextProperty().addListener((o, old, now) -> {
            if (!now.equals(area.getText())) {
                show(now);
            }
        });
        vm.editorErrorProperty().addListener(o -> {
            restyle();
            showState();
        });
        vm.editPendingProperty().addListener(o -> {
            restyle();
            showState();
        });
        vm.querySetProperty().addListener(o -> showState());
    }

    /** Replaces the whole text in one call (a QuerySet chosen elsewhere), caret at the end. */
    private void show(String text) {
        String value = text == null ? "" : text;
        boolean changed;
        replacing = true;
        try {
            changed = TextPatch.apply(area, value, value.isEmpty() ? null : styles(value));
        } finally {
            replacing = false;
        }
        if (changed) {
            area.moveTo(area.getLength());
            area.requestFollowCaret();
        }
    }

    private void restyle() {
        String text = area.getText();
        if (!text.isEmpty()) {
            area.setStyleSpans(0, styles(text));
        }
    }

    /** Syntax colours, with the parse error underlined when there is one. */
    private StyleSpans<Collection<String>> styles(String text) {
        StyleSpans<Collection<String>> spans = highlighter.highlight(text);
        EditorError error = vm.editorError();
        if (error != null && error.hasRange() && error.end() <= text.length() && !vm.editPendingProperty().get()) {
            StyleSpansBuilder<Collection<String>> marks = new StyleSpansBuilder<>();
            marks.add(Collections.emptyList(), error.start());
            marks.add(Collections.singleton(ERROR_CLASS), error.end() - error.start());
            marks.add(Collections.emptyList(), text.length() - error.end());
            spans = spans.overlay(marks.create(), (a, b) -> {
                if (b.isEmpty()) {
                    return a;
                }
                Set<String> both = new HashSet<>(a);
                both.addAll(b);
                return both;
            });
        }
        return spans;
    }

    private void showState() {
        EditorError error = vm.editorError();
        state.getStyleClass().removeAll("state-ok", "state-error", "state-pending");
        if (vm.editPendingProperty().get()) {
            state.setText("parsing…");
            state.getStyleClass().add("state-pending");
        } else if (error != null) {
            state.setText(error.kind());
            state.getStyleClass().add("state-error");
        } else if (vm.querySetProperty().get() != null) {
            state.setText("✓ parsed");
            state.getStyleClass().add("state-ok");
        } else {
            state.setText("");
        }
        state.setVisible(!state.getText().isEmpty());
        errorLine.setText(error == null ? "" : error.display());
        errorLine.setVisible(error != null);
    }

    public CodeArea area() {
        return area;
    }

    /** The caret is on a continuation line with only blanks before it. */
    private boolean inIndentation() {
        int paragraph = area.getCurrentParagraph();
        if (paragraph == 0) {
            return false;
        }
        String before = area.getParagraph(paragraph).getText().substring(0, area.getCaretColumn());
        return before.isBlank();
    }

    /** Where Tab (or Ctrl+M) and Shift+Tab take the keyboard out of the editor. */
    public void leaveTo(Runnable forward, Runnable back) {
        leaveForward = forward;
        leaveBack = back;
    }
}
