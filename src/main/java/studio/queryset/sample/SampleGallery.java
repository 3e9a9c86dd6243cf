package studio.queryset.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import studio.queryset.design.Design;
import studio.queryset.design.DesignFile;
import studio.queryset.schema.Schema;
import studio.queryset.sql.Dialect;

/**
 * The samples gallery: every example of the tutorial the product teaches, as a design with its explanation
 * (the design's notes), grouped by topic. Bundled in the jar under {@code studio/queryset/samples/}.
 */
public final class SampleGallery {
    private static final String ROOT = "/studio/queryset/samples/";

    /** A gallery entry; {@code requires} is the dialect it needs, or null when it runs everywhere. */
    public record Sample(String id, String title, String category, Dialect requires, Design design) {
        public boolean runsOn(Dialect d) {
            return requires == null || requires == d;
        }
    }

    private SampleGallery() {
    }

    public static List<Sample> load(Schema blogSchema) {
        try {
            JsonNode index = new ObjectMapper().readTree(resource("index.json"));
            List<Sample> out = new ArrayList<>();
            for (JsonNode s : index.path("samples")) {
                Design d = DesignFile.fromJson(resource(s.path("file").asText()), blogSchema);
                String requires = s.path("requires").isNull() ? null : s.path("requires").asText(null);
                out.add(new Sample(s.path("id").asText(), s.path("title").asText(), s.path("category").asText(),
                        requires == null ? null : Dialect.parse(requires), d));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("the bundled samples gallery is unreadable: " + e.getMessage(), e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SampleGallery.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IOException("missing " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
