package studio.queryset.codegen;

/** A query the generators cannot turn into code, with a message saying why and what would work instead. */
public class CodegenException extends RuntimeException {
    public CodegenException(String message) {
        super(message);
    }
}
