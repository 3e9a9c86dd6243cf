package studio.queryset.app.shell;

import javafx.scene.shape.SVGPath;

/** Small vector icons, coloured through CSS ({@code .icon}). */
final class Icons {
    private Icons() {
    }

    static SVGPath play() {
        return icon("M0,0 L10,6 L0,12 Z", "icon-run");
    }

    static SVGPath stop() {
        return icon("M0,0 H10 V10 H0 Z", "icon-stop");
    }

    static SVGPath database() {
        return icon("M6,0 C2.7,0 0,1.1 0,2.5 V9.5 C0,10.9 2.7,12 6,12 C9.3,12 12,10.9 12,9.5 V2.5 C12,1.1 9.3,0 6,0 Z"
                + " M6,4 C3.2,4 1.2,3.2 1.2,2.5 C1.2,1.8 3.2,1 6,1 C8.8,1 10.8,1.8 10.8,2.5 C10.8,3.2 8.8,4 6,4 Z",
                "icon-database");
    }

    private static SVGPath icon(String content, String styleClass) {
        SVGPath p = new SVGPath();
        p.setContent(content);
        p.getStyleClass().addAll("icon", styleClass);
        return p;
    }
}
