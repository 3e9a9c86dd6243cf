package studio.queryset.app.document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import studio.queryset.design.DesignFile;

/**
 * A design file named on the command line ({@code queryset-studio my.qsdesign}, which is also how the desktop's
 * file association opens one): the first argument ending in {@code .qsdesign}, and whether it can be opened.
 */
public record DesignArgument(String given, Path path, String problem) {

    public static final String EXTENSION = DesignFile.EXTENSION;

    /** True when the argument names a design file, so the launcher starts the window rather than a command. */
    public static boolean isDesignPath(String arg) {
        return arg != null && arg.toLowerCase(Locale.ROOT).endsWith(EXTENSION);
    }

    /** The first design file among the arguments (a {@code file:} URI is accepted too), or empty. */
    public static Optional<DesignArgument> find(List<String> args) {
        for (String a : args) {
            if (isDesignPath(a)) {
                return Optional.of(of(a));
            }
        }
        return Optional.empty();
    }

    static DesignArgument of(String arg) {
        Path p;
        try {
            p = arg.startsWith("file:") ? Path.of(java.net.URI.create(arg)) : Path.of(arg);
        } catch (IllegalArgumentException e) { // InvalidPathException too
            return new DesignArgument(arg, null, "'" + arg + "' is not a valid file path: " + e.getMessage());
        }
        p = p.toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            return new DesignArgument(arg, p, "The design file " + p + " does not exist. Give the path of a saved"
                    + " " + EXTENSION + " file (File > Save in QuerySet Studio writes one).");
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            return new DesignArgument(arg, p, p + " is not a readable file; a design is a " + EXTENSION + " file.");
        }
        return new DesignArgument(arg, p, null);
    }

    public boolean openable() {
        return problem == null;
    }
}
