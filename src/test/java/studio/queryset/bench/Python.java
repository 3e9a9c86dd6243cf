package studio.queryset.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs Debian's /usr/bin/python3 (the interpreter that has Django 3.2) on a bench script. */
final class Python {
    static final String INTERPRETER = "/usr/bin/python3";

    /** Django or the interpreter is missing: the figure is printed as skipped with this reason. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private Python() {
    }

    static void requireDjango() throws Unavailable {
        if (!new File(INTERPRETER).canExecute()) {
            throw new Unavailable(INTERPRETER + " is missing (apt-get install python3-django)");
        }
        try {
            Process p = new ProcessBuilder(INTERPRETER, "-c", "import django").redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                throw new Unavailable("Django is not installed for " + INTERPRETER
                        + " (apt-get install python3-django python3-psycopg2)");
            }
        } catch (java.io.IOException e) {
            throw new Unavailable("cannot start " + INTERPRETER + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    /** Runs the script with stdin from {@code input} (or none); returns stdout lines; fails on a non-zero exit. */
    static List<String> run(List<String> scriptAndArgs, File input) throws Exception {
        requireDjango();
        List<String> command = new ArrayList<>();
        command.add(INTERPRETER);
        command.addAll(scriptAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (input != null) {
            builder.redirectInput(input);
        }
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", scriptAndArgs) + " exited with " + p.exitValue());
        }
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
