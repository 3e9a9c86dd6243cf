package studio.queryset.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import studio.queryset.app.GuiStartFailure;

/** A machine that cannot show the window gets one line saying what to install or do, not a stack trace. */
class GuiStartFailureTest {

    @Test
    void missingGtkSaysWhatToInstall() {
        // what JavaFX 21 throws when libgtk-3 is absent, wrapped as the launcher sees it
        Throwable e = new RuntimeException(new UnsupportedOperationException("Unable to load glass GTK library."));
        assertThat(GuiStartFailure.describe(e)).contains("apt-get install libgtk-3-0").contains("bin/studio")
                .doesNotContain("\n");
    }

    @Test
    void missingDisplaySaysSo() {
        assertThat(GuiStartFailure.describe(new UnsupportedOperationException("Unable to open DISPLAY")))
                .contains("no display");
    }

    @Test
    void otherFailuresAreNotDisguised() {
        assertThat(GuiStartFailure.describe(new IllegalStateException("a bug"))).isNull();
    }
}
