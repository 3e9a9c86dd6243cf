package studio.queryset.app.editor;

import java.util.Collection;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * Replaces a code area's text by changing only the part that differs (common prefix and suffix kept), and
 * restyles only the paragraphs that part touches. RichTextFX rebuilds the cells of every paragraph a change
 * covers, so replacing a 200-line SQL text whole after a one-value edit cost a full re-layout of every visible
 * line; patching keeps the unchanged lines' cells and the scroll position.
 */
final class TextPatch {
    /** The changed region of the new text: {@code [start, endInNew)} replaced {@code [start, endInOld)}. */
    record Region(int start, int endInOld, int endInNew) {
        static Region between(String old, String now) {
            int max = Math.min(old.length(), now.length());
            int prefix = 0;
            while (prefix < max && old.charAt(prefix) == now.charAt(prefix)) {
                prefix++;
            }
            int suffix = 0;
            while (suffix < max - prefix
                    && old.charAt(old.length() - 1 - suffix) == now.charAt(now.length() - 1 - suffix)) {
                suffix++;
            }
            return new Region(prefix, old.length() - suffix, now.length() - suffix);
        }
    }

    private TextPatch() {
    }

    /**
     * Puts {@code now} in the area with {@code styles} (computed for the whole new text). Returns false when the
     * text was already there. Only the lines around the change are restyled: the texts shown here are printed by
     * the app (balanced quotes and comments), so an edit cannot change how the lines outside it are coloured.
     */
    static boolean apply(CodeArea area, String now, StyleSpans<Collection<String>> styles) {
        String old = area.getText();
        if (old.equals(now)) {
            return false;
        }
        if (old.isEmpty() || now.isEmpty()) {
            area.replaceText(now);
            if (!now.isEmpty()) {
                area.setStyleSpans(0, styles);
            }
            return true;
        }
        Region r = Region.between(old, now);
        area.replaceText(r.start(), r.endInOld(), now.substring(r.start(), r.endInNew()));
        int from = now.lastIndexOf('\n', Math.max(0, r.start() - 1)) + 1;
        int to = now.indexOf('\n', r.endInNew());
        to = to < 0 ? now.length() : to;
        if (to > from) {
            area.setStyleSpans(from, styles.subView(from, to));
        }
        return true;
    }
}
