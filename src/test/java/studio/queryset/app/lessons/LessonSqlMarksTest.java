package studio.queryset.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** A step's fragment is found in the SQL panel's laid-out text, whatever line breaks the layout put in it. */
class LessonSqlMarksTest {
    @Test
    void aFragmentMatchesAcrossTheLayoutsLineBreaksAndNothingElse() {
        String shown = "SELECT \"blog_post\".\"id\"\nFROM \"blog_post\"\nINNER JOIN \"blog_author\"\n"
                + "  ON (\"blog_post\".\"author_id\" = \"blog_author\".\"id\")";
        Matcher m = LessonDock.flexible("FROM \"blog_post\" INNER JOIN \"blog_author\"").matcher(shown);
        assertThat(m.find()).isTrue();
        assertThat(shown.substring(m.start(), m.end())).isEqualTo("FROM \"blog_post\"\nINNER JOIN \"blog_author\"");
        // regex characters in SQL are literal
        assertThat(LessonDock.flexible("(\"blog_post\".\"author_id\" =").matcher(shown).find()).isTrue();
        assertThat(LessonDock.flexible("LEFT OUTER JOIN").matcher(shown).find()).isFalse();
    }
}
