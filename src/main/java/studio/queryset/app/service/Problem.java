package studio.queryset.app.service;

import java.time.LocalTime;

/**
 * Something the user should know about: what went wrong, where ({@code source}: Sample, Compile, Run), and
 * how serious it is.
 */
public record Problem(Severity severity, String source, String message, LocalTime at) {

    public enum Severity { ERROR, WARNING, INFO }

    public static Problem error(String source, String message) {
        return new Problem(Severity.ERROR, source, message, LocalTime.now());
    }

    public static Problem warning(String source, String message) {
        return new Problem(Severity.WARNING, source, message, LocalTime.now());
    }

    @Override
    public String toString() {
        return severity + " [" + source + "] " + message;
    }
}
