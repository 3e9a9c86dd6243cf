package studio.queryset.app.canvas.editor;

import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;

/**
 * The Dragboard side of canvas drags: one custom data format for what is dragged (palette chips, schema rows),
 * plus the same text as a plain string so a drop from an older build or another window still reads.
 */
public final class CanvasDrag {
    /** What a drag carries inside the app: {@link CanvasDrops.Payload#encode()}. */
    public static final DataFormat FORMAT = lookup("application/x-queryset-studio-item");

    private CanvasDrag() {
    }

    private static DataFormat lookup(String id) {
        DataFormat f = DataFormat.lookupMimeType(id);
        return f != null ? f : new DataFormat(id);
    }

    public static ClipboardContent content(CanvasDrops.Payload p) {
        ClipboardContent c = new ClipboardContent();
        c.put(FORMAT, p.encode());
        c.putString(p.encode());
        return c;
    }

    /** The payload a Dragboard carries, or null when it is not one of ours. */
    public static CanvasDrops.Payload payload(Dragboard db) {
        Object o = db.hasContent(FORMAT) ? db.getContent(FORMAT) : db.hasString() ? db.getString() : null;
        return o instanceof String s ? CanvasDrops.Payload.decode(s) : null;
    }
}
