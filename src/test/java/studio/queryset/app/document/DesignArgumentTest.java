package studio.queryset.app.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a design named on the command line (or by the desktop's file association) is found and checked. */
class DesignArgumentTest {

    @Test
    void theFirstQsdesignArgumentIsTheDesign(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.qsdesign"), "{}");
        Path b = Files.writeString(dir.resolve("b.QSDESIGN"), "{}");
        DesignArgument d = DesignArgument.find(List.of("--sample", a.toString(), b.toString())).orElseThrow();
        assertThat(d.path()).isEqualTo(a.toAbsolutePath().normalize());
        assertThat(d.openable()).isTrue();
        assertThat(d.problem()).isNull();
    }

    @Test
    void argumentsWithoutADesignFindNothing() {
        assertThat(DesignArgument.find(List.of())).isEmpty();
        assertThat(DesignArgument.find(List.of("gui", "--sample", "notes.txt"))).isEmpty();
    }

    @Test
    void aFileUriAsDesktopsPassItIsAccepted(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("with space.qsdesign"), "{}");
        DesignArgument d = DesignArgument.find(List.of(a.toUri().toString())).orElseThrow();
        assertThat(d.path()).isEqualTo(a.toAbsolutePath().normalize());
        assertThat(d.openable()).isTrue();
    }

    @Test
    void aMissingFileSaysWhichAndWhatIsExpected(@TempDir Path dir) {
        Path missing = dir.resolve("gone.qsdesign");
        DesignArgument d = DesignArgument.find(List.of(missing.toString())).orElseThrow();
        assertThat(d.openable()).isFalse();
        assertThat(d.problem()).contains(missing.toString(), "does not exist", ".qsdesign");
    }

    @Test
    void aFolderNamedLikeADesignIsRefused(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("odd.qsdesign"));
        DesignArgument d = DesignArgument.find(List.of(folder.toString())).orElseThrow();
        assertThat(d.openable()).isFalse();
        assertThat(d.problem()).contains(folder.toString(), "not a readable file");
    }

    @Test
    void theLauncherStartsTheWindowForADesignPath() {
        assertThat(DesignArgument.isDesignPath("/home/me/report.qsdesign")).isTrue();
        assertThat(DesignArgument.isDesignPath("eval")).isFalse();
        assertThat(DesignArgument.isDesignPath(null)).isFalse();
    }
}
