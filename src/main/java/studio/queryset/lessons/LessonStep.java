package studio.queryset.lessons;

import java.util.List;

/**
 * One step of a lesson: what to look at or do, the SQL fragments it talks about (the panel highlights them in
 * the SQL and, through the SQL-to-node map, the canvas nodes that produce them) and an optional action.
 *
 * @param text   the explanation, in the product's words
 * @param focus  SQL fragments the step points at ({@code LEFT OUTER JOIN "blog_profile"}); may be empty
 * @param showMe the "Show me" action, or null
 */
public record LessonStep(String text, List<String> focus, ShowMe showMe) {
    public LessonStep {
        focus = List.copyOf(focus);
    }

    public static LessonStep say(String text, String... focus) {
        return new LessonStep(text, List.of(focus), null);
    }

    public static LessonStep act(String text, ShowMe showMe, String... focus) {
        return new LessonStep(text, List.of(focus), showMe);
    }
}
