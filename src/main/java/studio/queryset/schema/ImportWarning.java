package studio.queryset.schema;

/**
 * Something a models.py import did not fully understand and what it assumed instead.
 *
 * @param file    the models file as given (or {@code models.py} for text imported without a file)
 * @param line    1-based line, or 0 when the warning is about the whole file
 * @param message what was not understood and what was assumed
 * @param model   the model it is about, as {@code app_label.Model}, or null when it is about no one model
 */
public record ImportWarning(String file, int line, String message, String model) {
    public ImportWarning(String file, int line, String message) {
        this(file, line, message, null);
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
