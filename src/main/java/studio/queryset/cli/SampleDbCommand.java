package studio.queryset.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.queryset.sample.BlogDataGenerator;
import studio.queryset.sample.SampleDbException;
import studio.queryset.sample.SampleDbLoader;

/**
 * {@code queryset-studio sample-db --db JDBC_URL [--schema NAME] [--posts N] [--force]}: creates the sample
 * blog's tables (sample-db/blog/models.py) and fills them with deterministic data.
 */
@Command(name = "sample-db", mixinStandardHelpOptions = true,
        description = {
            "Creates the sample blog's tables (blog_author, blog_profile, blog_tag, blog_post, blog_post_tags,"
                    + " blog_comment) and fills them with deterministic data: the same seed gives the same rows"
                    + " on SQLite and PostgreSQL.",
            "Default size: 220 authors, 50 tags, 5,000 posts, 20,000 comments; --posts scales authors and"
                    + " comments with it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the sample was loaded", "1:it was not (the message says why)", "2:bad options"})
public final class SampleDbCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "JDBC_URL",
            description = "jdbc:sqlite:FILE (created, with its folder, if missing),"
                    + " jdbc:postgresql://HOST:PORT/DB?user=... or jdbc:mariadb://HOST:PORT/DB?user=...")
    private String db;

    @Option(names = "--schema", paramLabel = "NAME",
            description = "PostgreSQL only: create this schema if missing and load into it (search_path)")
    private String schema;

    @Option(names = "--posts", paramLabel = "N", defaultValue = "" + BlogDataGenerator.DEFAULT_POSTS,
            description = "number of posts (default: ${DEFAULT-VALUE}); authors and comments scale with it")
    private int posts;

    @Option(names = "--force", description = "drop the sample's tables first if they exist (else refuse)")
    private boolean force;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + BlogDataGenerator.DEFAULT_SEED,
            description = "random seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean chatty = posts > 20_000;
        SampleDbLoader.Options options = new SampleDbLoader.Options(db, schema, posts, force, seed);
        try {
            SampleDbLoader.Result result = SampleDbLoader.load(options, chatty ? line -> {
                err.println("sample-db: " + line);
                err.flush();
            } : null);
            BlogDataGenerator.Counts c = result.counts();
            out.printf(Locale.ROOT, "Loaded the blog sample into %s%s (%s): %d authors, %d profiles, %d tags,"
                            + " %d posts, %d post tags, %d comments in %.1f s%n",
                    SampleDbLoader.redact(db), schema == null ? "" : ", schema " + schema,
                    result.dialect().displayName(), c.authors(), c.profiles(), c.tags(), c.posts(), c.postTags(),
                    c.comments(), result.nanos() / 1e9);
            out.flush();
            return 0;
        } catch (SampleDbException e) {
            err.println("sample-db: " + e.getMessage());
            err.flush();
            return 1;
        } catch (RuntimeException e) {
            err.println("sample-db: " + SampleDbLoader.redact(String.valueOf(e.getMessage())) + " ("
                    + e.getClass().getSimpleName() + ")");
            err.flush();
            return 1;
        }
    }
}
