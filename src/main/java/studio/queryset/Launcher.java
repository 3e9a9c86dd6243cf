package studio.queryset;

import java.util.Locale;
import studio.queryset.cli.MainCommand;
import studio.queryset.design.DesignFile;

/**
 * Entry point of the jar. It does not extend {@code javafx.application.Application}, so the JavaFX runtime
 * can come from the class path: no argument starts the GUI; a {@code .qsdesign} path starts it on that design
 * (how the desktop's file association opens one); a subcommand runs the command line.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        // a design path: StudioApp opens it (app.document.DesignArgument); checked here without touching the app
        if (args.length == 0 || args[0].startsWith("--sample") || args[0].equals("gui")
                || args[0].toLowerCase(Locale.ROOT).endsWith(DesignFile.EXTENSION)) {
            studio.queryset.app.StudioApp.launchApp(args);
            return;
        }
        System.exit(MainCommand.run(args));
    }
}
