package studio.queryset.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import studio.queryset.Launcher;
import studio.queryset.design.DesignFile;

/**
 * The installer's files agree with the code they package (installer/README.md): the file association's
 * extension is the one designs are saved with, the desktop entry passes the file and names the window class
 * JavaFX gives the main window, the launcher's main class exists, and every icon size is there and as big as
 * its name says. Cheap, so it runs in {@code mvn verify}; installer/test-deb.sh checks the real package.
 */
class InstallerConfigTest {
    private static final Path PROJECT = Path.of(System.getenv().getOrDefault("QSS_PROJECT_DIR", "."));

    @Test
    void theFileAssociationIsForTheExtensionDesignsAreSavedWith() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(PROJECT.resolve("installer/qsdesign.properties"))));
        assertThat("." + p.getProperty("extension")).isEqualTo(DesignFile.EXTENSION);
        assertThat(p.getProperty("mime-type")).isEqualTo("application/x-queryset-design");
        assertThat(PROJECT.resolve(p.getProperty("icon"))).isRegularFile();
    }

    @Test
    void theDesktopEntryPassesTheFileAndMatchesTheWindowClass() throws IOException {
        String desktop = Files.readString(PROJECT.resolve("installer/resources/queryset-studio.desktop"));
        assertThat(desktop).contains("\nExec=APPLICATION_LAUNCHER %f\n")
                .contains("\nCategories=Development;")
                .contains("\nMimeType=application/x-queryset-design;\n")
                // JavaFX on GTK names the window's class after the Application subclass
                .contains("\nStartupWMClass=" + StudioApp.class.getName() + "\n");
    }

    @Test
    void theScriptsLaunchTheJarsEntryPoint() throws IOException {
        String image = Files.readString(PROJECT.resolve("installer/build-app-image.sh"));
        assertThat(image).contains("--main-class " + Launcher.class.getName() + " ");
        assertThat(image).contains("--main-jar \"$(basename \"$JAR\")\"");
        assertThat(Files.readString(PROJECT.resolve("installer/lib.sh"))).contains("JAR=target/queryset-studio.jar");
    }

    @Test
    void everyIconSizeIsRenderedAtItsSizeAndOnTheClassPath() throws IOException {
        assertThat(PROJECT.resolve("assets/icons/queryset-studio.svg")).isRegularFile();
        for (int size : StudioApp.ICON_SIZES) {
            Path png = PROJECT.resolve("assets/icons/queryset-studio-" + size + ".png");
            assertThat(pngSize(png)).as(png.toString()).containsExactly(size, size);
            assertThat(StudioApp.class.getResource("icons/queryset-studio-" + size + ".png")).as("on the class path")
                    .isNotNull();
        }
    }

    /** Width and height from a PNG's IHDR chunk (bytes 16..23), without decoding the image. */
    private static int[] pngSize(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            byte[] signature = data.readNBytes(8);
            assertThat(signature).as("PNG signature").startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            data.readInt(); // IHDR length
            assertThat(new String(data.readNBytes(4), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("IHDR");
            return new int[] {data.readInt(), data.readInt()};
        }
    }
}
