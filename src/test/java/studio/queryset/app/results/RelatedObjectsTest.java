package studio.queryset.app.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "n items" tooltip stays small however many and however wide the related objects are. */
class RelatedObjectsTest {
    @Test
    void theTooltipIsBoundedAndSaysTheRestOpensAsAGrid() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i);
            m.put("body", "word ".repeat(500));
            items.add(m);
        }
        RelatedObjects r = new RelatedObjects(items);
        String tip = r.describe();
        String[] lines = tip.split("\n");
        assertThat(lines).hasSize(8); // 6 previews, "… and 34 more", the hint
        assertThat(lines).allMatch(l -> l.length() <= 100);
        assertThat(lines[6]).isEqualTo("… and 34 more");
        assertThat(lines[7]).isEqualTo("Click to open them as a grid.");
        assertThat(r.keys()).containsExactly("id", "body");
        assertThat(r.toString()).isEqualTo("40 items");
    }
}
