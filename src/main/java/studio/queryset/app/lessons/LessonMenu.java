package studio.queryset.app.lessons;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import studio.queryset.lessons.Lesson;
import studio.queryset.lessons.Lessons;

/** Help → Lessons: every lesson of the tutorial, by section. */
public final class LessonMenu {
    private LessonMenu() {
    }

    public static Menu of(Consumer<Lesson> open) {
        Menu menu = new Menu("Lessons");
        menu.setId("menuLessons");
        Map<String, Menu> sections = new LinkedHashMap<>();
        for (Lesson l : Lessons.all()) {
            Menu section = sections.computeIfAbsent(l.section(), s -> {
                Menu m = new Menu(s);
                menu.getItems().add(m);
                return m;
            });
            MenuItem item = new MenuItem(l.title() + (l.requires() == null ? "" : "  [" + l.requires().displayName()
                    + "]"));
            item.setId("lesson-" + l.id());
            item.setOnAction(e -> open.accept(l));
            section.getItems().add(item);
        }
        return menu;
    }
}
