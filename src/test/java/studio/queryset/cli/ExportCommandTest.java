package studio.queryset.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code export} on the command line: Java (plain JDBC), Python, and the answers for what it cannot do yet. */
class ExportCommandTest {
    private static final String MODELS = Path.of(System.getenv().getOrDefault("QSS_PROJECT_DIR", "."),
            "sample-db", "blog", "models.py").toString();

    record Run(int exit, String out, String err) {
    }

    private static Run export(String stdin, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            String[] all = new String[args.length + 1];
            all[0] = "export";
            System.arraycopy(args, 0, all, 1, args.length);
            int exit = MainCommand.run(all);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
    }

    @Test
    void javaJdbcPrintsAClassWithTheGivenNames() {
        Run r = export("", "--lang", "java-jdbc", "--models", MODELS, "--dialect", "postgresql", "--package",
                "com.example", "--class", "Search", "--method", "searchPosts",
                "Post.objects.filter(title__icontains=Param(\"query\"), author=Param(\"author\", optional=True))");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("package com.example;\n").contains("public final class Search {",
                "public static List<PostRow> searchPosts(Connection connection, String query, Long author)",
                "UPPER(\"blog_post\".\"title\") LIKE UPPER(?)", "runs its statements with the session time zone at UTC",
                "String sessionZone = sessionAtUtc(connection);");
    }

    @Test
    void defaultsComeFromTheModelsAndTheQuery() {
        Run r = export("", "--lang", "java-jdbc", "--models", MODELS, "Author.objects.count()");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("package blog;\n").contains("public final class BlogQueries {",
                "public static long countAuthors(Connection connection)", "for SQLite");
    }

    @Test
    void batchPutsEveryQueryInOneClassOrModule() {
        String exprs = "Post.objects.count()\n# a comment\nTag.objects.values_list(\"name\", flat=True)\n";
        Run java = export(exprs, "--lang", "java-jdbc", "--models", MODELS, "--batch");
        assertThat(java.exit()).as(java.err()).isZero();
        assertThat(java.out()).contains("countPosts(", "findTagNames(", "streamTagNames(");
        Run python = export(exprs, "--lang", "python", "--models", MODELS, "--batch");
        assertThat(python.exit()).as(python.err()).isZero();
        assertThat(python.out()).isEqualTo("from blog.models import Post, Tag\n\n\n"
                + "def count_posts():\n    return Post.objects.count()\n\n\n"
                + "def find_tag_names():\n    return Tag.objects.values_list(\"name\", flat=True)\n");
    }

    @Test
    void aBatchNamesEveryBadExpressionAndExportsNothing() {
        Run run = export("Post.objects.count()\nPost.objects.filter(nope=1)\nTag.objects.all(\nTag.objects.all()\n",
                "--lang", "java-jdbc", "--models", MODELS, "--batch");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err()).contains("expression 2 of 4 (Post.objects.filter(nope=1)): FieldError")
                .contains("expression 3 of 4 (Tag.objects.all(): SyntaxError");
    }

    @Test
    void pythonIsASnippetEndingWithTheQuery() {
        Run r = export("", "--lang", "python", "--models", MODELS,
                "Author.objects.annotate(n=Count(\"posts\")).filter(n__gt=20)");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("from django.db.models import Count\n\nfrom blog.models import Author\n\n"
                + "Author.objects.annotate(n=Count(\"posts\")).filter(n__gt=20)\n");
    }

    @Test
    void whatCannotBeExportedSaysWhy() {
        Run api = export("", "--lang", "java-api", "--models", MODELS, "Post.objects.all()",
                "Post.objects.count()");
        assertThat(api.exit()).isEqualTo(2); // one EXPR parameter: the second is not an expression to export

        Run design = export("", "--lang", "python", "--models", MODELS, "--design", "no-such.qsdesign");
        assertThat(design.exit()).isEqualTo(2);
        assertThat(design.err()).contains("design file not found", "no-such.qsdesign");

        Run both = export("", "--lang", "python", "--models", MODELS, "--design", "x.qsdesign", "Post.objects.all()");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("not both");

        Run lang = export("", "--lang", "kotlin", "--models", MODELS, "Post.objects.all()");
        assertThat(lang.exit()).isEqualTo(2);
        assertThat(lang.err()).contains("Valid: java-jdbc, java-api, python");

        Run parse = export("", "--lang", "python", "--models", MODELS, "Post.objects.filter(nope=1)");
        assertThat(parse.exit()).isEqualTo(2);
        assertThat(parse.err()).contains("FieldError", "nope");

        StringBuilder eleven = new StringBuilder("Post.objects.filter(");
        String[] lookups = {"id__gt", "id__lt", "id__gte", "id__lte", "view_count__gt", "view_count__lt",
            "word_count__gt", "word_count__lt", "title__icontains", "slug__icontains", "body__icontains"};
        for (int i = 0; i < lookups.length; i++) {
            eleven.append(i == 0 ? "" : ", ").append(lookups[i]).append("=Param(\"p").append(i)
                    .append("\", optional=True)");
        }
        Run many = export("", "--lang", "java-jdbc", "--models", MODELS, eleven + ")");
        assertThat(many.exit()).as("more than 10 optional Params: composed from fixed fragments").isEqualTo(0);
        assertThat(many.out()).contains("conditions.add(FIND_POSTS_IF_P10);");

        Run dateTimes = export("", "--lang", "java-jdbc", "--datetimes", "zoned", "--models", MODELS,
                "Post.objects.all()");
        assertThat(dateTimes.exit()).isEqualTo(2);
        assertThat(dateTimes.err()).contains("--datetimes", "Valid: local, offset, instant");

        Run misplaced = export("", "--lang", "python", "--models", MODELS,
                "Post.objects.annotate(x=Param(\"x\", optional=True))");
        assertThat(misplaced.exit()).isEqualTo(2);
        assertThat(misplaced.err()).contains("must be the whole value of a lookup");
    }

    @Test
    void aSavedDesignExportsWithItsDialect(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        studio.queryset.schema.Schema schema = studio.queryset.schema.ModelsPyImporter.importFile(Path.of(MODELS),
                null);
        Path file = dir.resolve("popular.qsdesign");
        studio.queryset.design.DesignFile.write(file, studio.queryset.design.Design.of("popular",
                studio.queryset.django.DjangoParser.parse("Post.objects.filter(view_count__gte=100).order_by(\"id\")",
                        schema)), studio.queryset.sql.Dialect.POSTGRESQL);

        Run java = export("", "--lang", "java-jdbc", "--models", MODELS, "--design", file.toString());
        assertThat(java.exit()).as(java.err()).isZero();
        assertThat(java.out()).contains("for PostgreSQL", "\"blog_post\".\"view_count\" >= ?");

        Run sqlite = export("", "--lang", "java-jdbc", "--models", MODELS, "--dialect", "sqlite", "--design",
                file.toString());
        assertThat(sqlite.out()).contains("for SQLite");

        Run python = export("", "--lang", "python", "--models", MODELS, "--design", file.toString());
        assertThat(python.exit()).as(python.err()).isZero();
        assertThat(python.out()).contains("Post.objects.filter(view_count__gte=100).order_by(\"id\")");
    }

    @Test
    void aSavedDesignExportsWithTheChoicesTheWindowMade(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        studio.queryset.schema.Schema schema = studio.queryset.schema.ModelsPyImporter.importFile(Path.of(MODELS),
                null);
        Path file = dir.resolve("popular.qsdesign");
        studio.queryset.design.DesignFile.write(file, studio.queryset.design.Design.of("popular posts",
                studio.queryset.django.DjangoParser.parse("Post.objects.order_by(\"id\")", schema))
                .withExportOptions(new studio.queryset.codegen.ExportOptions(
                        studio.queryset.codegen.ExportOptions.Flavour.JAVA_API, "com.example", null, "popular")));

        Run remembered = export("", "--models", MODELS, "--design", file.toString());
        assertThat(remembered.exit()).as(remembered.err()).isZero();
        assertThat(remembered.out()).startsWith("package com.example;\n").contains("public final class PopularPosts {",
                "public static List<PostRow> popular(Connection connection)", "BlogSchema.SCHEMA");

        Run overridden = export("", "--lang", "java-jdbc", "--class", "Popular", "--models", MODELS, "--design",
                file.toString());
        assertThat(overridden.exit()).as(overridden.err()).isZero();
        assertThat(overridden.out()).startsWith("package com.example;\n").contains("public final class Popular {",
                "public static List<PostRow> popular(Connection connection)");

        Run none = export("", "--models", MODELS, "Post.objects.all()");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("give --lang java-jdbc, java-api or python");
    }

    @Test
    void aVersionOneDesignIsMigratedBeforeItIsExported() {
        Run r = export("", "--lang", "python", "--models", MODELS, "--design",
                Path.of("src", "test", "resources", "design", "v1-popular-since.qsdesign").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("def find_posts(since, views):",
                "Post.objects.filter(published_at__date__gte=since, view_count__gt=views)", ".order_by(\"-view_count\")[:10]");
    }
}
