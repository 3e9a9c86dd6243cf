package studio.queryset.app.shell;

import java.time.LocalTime;

/**
 * Something the user should know about: what went wrong ({@code kind}, e.g. {@code FieldError}, or null when
 * it has none), where ({@code source}: Sample, Django, Compile, Run), and how serious it is. The message
 * reads on its own: {@code FieldError at 20: Cannot resolve keyword 'titel' into field. Choices are: ...}.
 */
public record Problem(Severity severity, String source, String kind, String message, LocalTime at) {

    public enum Severity { ERROR, WARNING, INFO }

    public static Problem error(String source, String message) {
        return new Problem(Severity.ERROR, source, null, message, LocalTime.now());
    }

    public static Problem error(String source, String kind, String message) {
        return new Problem(Severity.ERROR, source, kind, message, LocalTime.now());
    }

    public static Problem warning(String source, String message) {
        return new Problem(Severity.WARNING, source, null, message, LocalTime.now());
    }

    @Override
    public String toString() {
        return severity + " [" + source + "] " + message;
    }
}
