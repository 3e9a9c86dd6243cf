package studio.queryset.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** One EXPR argument, or with {@code --batch} one expression per stdin line (blank and # lines skipped). */
final class ExpressionInput {
    private ExpressionInput() {
    }

    static void each(boolean batch, String expr, Consumer<String> action) throws IOException {
        if (!batch) {
            action.accept(expr);
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            action.accept(t);
        }
    }

    static List<String> all(boolean batch, String expr) throws IOException {
        List<String> out = new ArrayList<>();
        each(batch, expr, out::add);
        return out;
    }
}
