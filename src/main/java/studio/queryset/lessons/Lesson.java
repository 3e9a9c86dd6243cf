package studio.queryset.lessons;

import java.util.List;
import java.util.Map;
import studio.queryset.sql.Dialect;

/**
 * A lesson of the tutorial, taught on a sample of the gallery: its steps and the claims its words make.
 *
 * @param id       the gallery sample it opens with (its id in the samples index)
 * @param section  the tutorial section it teaches
 * @param title    its title in the panel
 * @param query    the Django text the lesson starts from (the sample's query; a test holds them equal)
 * @param params   values for the query's named Params
 * @param requires the database it needs, or null
 * @param touches  the relations the loop of the lesson reads (for the N+1 comparison), often empty
 * @param steps    what to look at, change and run, in order
 * @param claims   what the lesson's words assert, checked against the product
 */
public record Lesson(String id, String section, String title, String query, Map<String, Object> params,
                     Dialect requires, List<String> touches, List<LessonStep> steps, List<Claim> claims) {
    public Lesson {
        params = Map.copyOf(params);
        touches = List.copyOf(touches);
        steps = List.copyOf(steps);
        claims = List.copyOf(claims);
    }

    public boolean runsOn(Dialect d) {
        return requires == null || requires == d;
    }
}
