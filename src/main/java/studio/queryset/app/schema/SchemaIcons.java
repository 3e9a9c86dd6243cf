package studio.queryset.app.schema;

import java.util.Map;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.SVGPath;

/**
 * The schema browser's glyphs, 12×12 vector paths coloured by CSS ({@code .schema-icon.icon-date}): one per
 * value type (text lines, #, 0.5, a toggle, a calendar, a clock...), arrows for relations (→ FK, |→ one-to-one,
 * →< many-to-many; mirrored for reverse relations) and a table for a model.
 */
final class SchemaIcons {
    private static final String ARROW = "M0,5.2H8V2.5L12,6L8,9.5V6.8H0Z";
    private static final String CLOCK = "M6,0A6,6 0 1 0 6,12A6,6 0 1 0 6,0Z M6,1.5A4.5,4.5 0 1 1 6,10.5"
            + "A4.5,4.5 0 1 1 6,1.5Z M5.25,2.8H6.75V6.2L8.8,8L7.8,9.1L5.25,6.9Z";
    private static final String CALENDAR = "M0,2H12V12H0Z M1.5,5V10.5H10.5V5Z M2.5,0H4V3H2.5Z M8,0H9.5V3H8Z";
    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("model", "M0,0H12V12H0Z M1.5,4V10.5H5.2V4Z M6.8,4V10.5H10.5V4Z"),
            Map.entry("text", "M0,1.5H12V3H0Z M0,5.2H12V6.8H0Z M0,9H7.5V10.5H0Z"),
            Map.entry("integer", "M3,0H4.5V12H3Z M7.5,0H9V12H7.5Z M0,3.5H12V5H0Z M0,7.5H12V9H0Z"),
            Map.entry("decimal", "M0,9.5H2.5V12H0Z M4,0H12V12H4Z M5.5,1.5V10.5H10.5V1.5Z"),
            Map.entry("float", "M0,4C2,2 4,2 6,4C8,6 10,6 12,4V5.8C10,7.8 8,7.8 6,5.8C4,3.8 2,3.8 0,5.8Z "
                    + "M0,8C2,6 4,6 6,8C8,10 10,10 12,8V9.8C10,11.8 8,11.8 6,9.8C4,7.8 2,7.8 0,9.8Z"),
            Map.entry("boolean", "M3,2H9A4,4 0 0 1 9,10H3A4,4 0 0 1 3,2Z M9,3.6A2.4,2.4 0 1 0 9,8.4"
                    + "A2.4,2.4 0 1 0 9,3.6Z"),
            Map.entry("date", CALENDAR),
            Map.entry("datetime", CALENDAR + " M6.5,6.5H9.5V9.5H6.5Z"),
            Map.entry("time", CLOCK),
            Map.entry("duration", "M1,0H11V1.5H9.5C9.5,4 7.5,5 6.8,6C7.5,7 9.5,8 9.5,10.5H11V12H1V10.5H2.5"
                    + "C2.5,8 4.5,7 5.2,6C4.5,5 2.5,4 2.5,1.5H1Z"),
            Map.entry("uuid", "M3.5,3A3,3 0 1 0 3.5,9A3,3 0 1 0 3.5,3Z M3.5,4.8A1.2,1.2 0 1 1 3.5,7.2"
                    + "A1.2,1.2 0 1 1 3.5,4.8Z M6,5.2H12V6.8H11V9H9.5V6.8H6Z"),
            Map.entry("json", "M5,0H4C3,0 2.5,0.8 2.5,2V4.5C2.5,5.3 2,6 1,6C2,6 2.5,6.7 2.5,7.5V10"
                    + "C2.5,11.2 3,12 4,12H5V10.8H4.3C4,10.8 4,10.5 4,10V7.3C4,6.6 3.6,6.1 3,6C3.6,5.9 4,5.4 4,4.7"
                    + "V2C4,1.5 4,1.2 4.3,1.2H5Z"),
            Map.entry("fk", ARROW),
            Map.entry("o2o", "M0,2.5H1.5V9.5H0Z M2.5,5.2H8V2.5L12,6L8,9.5V6.8H2.5Z"),
            Map.entry("m2m", "M0,5.2H6V6.8H0Z M6,5.2L12,1.5V3.3L8.6,5.2H12V6.8H8.6L12,8.7V10.5L6,6.8Z"));

    private SchemaIcons() {
    }

    /** The glyph for a {@code SchemaNode.icon()} key, in a 14-pixel box; an unknown key gets the text glyph. */
    static Node icon(String key) {
        boolean reverse = key.startsWith("reverse-");
        String base = reverse ? key.substring("reverse-".length()) : key;
        Node glyph;
        if (base.equals("json")) {
            // braces: the left one and its mirror image
            SVGPath right = path(PATHS.get("json"), base);
            right.setScaleX(-1);
            HBox pair = new HBox(0, path(PATHS.get("json"), base), right);
            pair.setMaxSize(12, 12);
            glyph = pair;
        } else {
            SVGPath p = path(PATHS.getOrDefault(base, PATHS.get("text")), base);
            if (reverse) {
                p.setScaleX(-1);
            }
            glyph = p;
        }
        StackPane box = new StackPane(glyph);
        box.setMinSize(14, 14);
        box.setPrefSize(14, 14);
        box.setMaxSize(14, 14);
        box.getStyleClass().addAll("schema-icon-box", "icon-" + key);
        return box;
    }

    private static SVGPath path(String content, String key) {
        SVGPath p = new SVGPath();
        p.setContent(content);
        p.setFillRule(FillRule.EVEN_ODD);
        p.getStyleClass().addAll("schema-icon", "icon-" + key);
        return p;
    }
}
