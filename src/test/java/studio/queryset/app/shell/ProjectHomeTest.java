package studio.queryset.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectHomeTest {

    @Test
    void explicitSettingsWinThenTheFirstFolderHoldingTheSample(@TempDir Path tmp) throws Exception {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve("sample-db/blog"));
        Files.writeString(project.resolve(ProjectHome.MODELS), "");
        Path jarDir = project.resolve("target");
        Path elsewhere = tmp.resolve("elsewhere");

        assertThat(ProjectHome.locate("/p", "/e", null, elsewhere, jarDir).source()).contains("qss.home");
        assertThat(ProjectHome.locate(null, "/e", null, elsewhere, jarDir).source()).contains("QSS_HOME");
        ProjectHome fromJar = ProjectHome.locate(null, null, null, elsewhere, jarDir);
        assertThat(fromJar.dir()).isEqualTo(project);
        assertThat(fromJar.source()).isEqualTo("folder above the jar");
        assertThat(ProjectHome.locate(null, null, null, project, null).source()).isEqualTo("working directory");
        assertThat(ProjectHome.locate(null, null, null, elsewhere, null).dir()).isEqualTo(elsewhere);
    }
}
