package studio.queryset.app;

/**
 * Why the window could not open, in one line a person can act on, for the failures of a machine rather than of
 * the app: no GTK 3 (JavaFX draws through it on Linux), no display. Null for anything else.
 */
public final class GuiStartFailure {
    private GuiStartFailure() {
    }

    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("Unable to load glass GTK library") || message.contains("libgtk-3")) {
                return "QuerySet Studio cannot open its window: GTK 3 is missing (JavaFX draws through it). Install "
                        + "it with `sudo apt-get install libgtk-3-0` (bin/studio does this for you), or use the command "
                        + "line: java -jar queryset-studio.jar --help";
            }
            if (message.contains("Unable to open DISPLAY")) {
                return "QuerySet Studio cannot open its window: there is no display (DISPLAY is not set or the X "
                        + "server does not answer). Start it from a desktop session, or use the command line: "
                        + "java -jar queryset-studio.jar --help";
            }
        }
        return null;
    }
}
