package studio.queryset.sample;

/** A failure of the sample-db command with a message meant for the user (one line, no stack trace). */
public final class SampleDbException extends Exception {
    private static final long serialVersionUID = 1L;

    public SampleDbException(String message) {
        super(message);
    }

    public SampleDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
