package studio.queryset.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.schema.ModelsPyImporter;
import studio.queryset.schema.Schema;

/**
 * Errors are typed like Django's exceptions ({@link QueryException#kind()}) and say what was wrong, where, and
 * what would be valid. Messages follow Django 3.2's where Django has one.
 */
class CompileErrorsTest {
    static final Path PROJECT = Path.of(System.getenv().getOrDefault("QSS_PROJECT_DIR", "."));
    static final String POST_CHOICES = "Choices are: author, author_id, body, comments, id, published_at, slug, "
            + "tags, title, updated_at, view_count, word_count";

    static Schema schema;

    @BeforeAll
    static void load() throws IOException {
        schema = ModelsPyImporter.importFile(PROJECT.resolve("sample-db/blog/models.py"), null);
    }

    /** Parses and compiles; returns the error (failing when there is none). */
    static QueryException error(String text, Dialect dialect) {
        try {
            SqlCompiler.plan(schema, DjangoParser.parse(text, schema), dialect);
        } catch (QueryException e) {
            return e;
        }
        throw new AssertionError("expected an error for " + text + " on " + dialect);
    }

    // ---------------------------------------------------------------- unknown field

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void unknownFieldIsAFieldErrorListingTheRealNames(Dialect d) {
        QueryException e = error("Post.objects.filter(titel=\"x\")", d);
        assertThat(e.kind()).isEqualTo("FieldError");
        assertThat(e.getMessage()).startsWith("Cannot resolve keyword 'titel' into field. " + POST_CHOICES);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Post.objects.exclude(titel=\"x\")",
        "Post.objects.filter(Q(title=\"a\") | Q(titel=\"x\"))",
        "Post.objects.order_by(\"-titel\")",
        "Post.objects.values(\"id\", \"titel\")",
        "Post.objects.values_list(\"titel\", flat=True)",
        "Post.objects.filter(view_count__gt=F(\"titel\"))",
        "Post.objects.annotate(n=Count(\"titel\"))",
        "Post.objects.aggregate(n=Max(\"titel\"))",
        "Post.objects.filter(titel__icontains=\"x\").count()",
        "Post.objects.get(titel=\"x\")"})
    void unknownFieldIsReportedWhereverItIsUsed(String text) {
        for (Dialect d : Dialect.values()) {
            QueryException e = error(text, d);
            assertThat(e.kind()).as(text).isEqualTo("FieldError");
            assertThat(e.getMessage()).as(text).startsWith("Cannot resolve keyword 'titel' into field. " + POST_CHOICES);
        }
    }

    @Test
    void unknownFieldInASubqueryListsTheSubqueryModelsNames() {
        QueryException e = error("Post.objects.filter(Exists(Comment.objects.filter(post=OuterRef(\"pk\"), "
                + "autor_name=\"x\")))", Dialect.SQLITE);
        assertThat(e.kind()).isEqualTo("FieldError");
        assertThat(e.getMessage()).startsWith("Cannot resolve keyword 'autor_name' into field. Choices are: "
                + "author_name, body, created_at, id, post, post_id");
    }

    @Test
    void unknownFieldAcrossARelationListsTheRelatedModelsNames() {
        // Django 3.2 says "Related Field got invalid lookup: nmae" here; we list the valid names of Author instead
        QueryException e = error("Post.objects.filter(author__nmae=\"x\")", Dialect.SQLITE);
        assertThat(e.kind()).isEqualTo("FieldError");
        assertThat(e.getMessage()).contains("'nmae'").contains("email, id, name, posts, profile");
    }

    @Test
    void invalidSelectRelatedListsTheRelationsAsDjangoDoes() {
        QueryException e = error("Post.objects.select_related(\"tags\")", Dialect.SQLITE);
        assertThat(e.kind()).isEqualTo("FieldError");
        assertThat(e.getMessage()).isEqualTo("Invalid field name(s) given in select_related: 'tags'. Choices are: "
                + "author");
    }

    @Test
    void invalidPrefetchListsTheRelations() {
        QueryException e = error("Post.objects.prefetch_related(\"tagz\")", Dialect.SQLITE);
        assertThat(e.kind()).isEqualTo("AttributeError");
        assertThat(e.getMessage()).contains("'tagz' is an invalid parameter to prefetch_related()")
                .contains("author, tags, comments");
    }

    // ---------------------------------------------------------------- lookup not fitting the type

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void dateLookupOnACharFieldIsAFieldErrorNamingTheFieldType(Dialect d) {
        QueryException e = error("Post.objects.filter(title__year=2020)", d);
        assertThat(e.kind()).isEqualTo("FieldError");
        assertThat(e.getMessage()).isEqualTo("Unsupported lookup 'year' for CharField or join on the field not "
                + "permitted.");
    }

    @Test
    void lookupErrorsNameEachFieldsType() {
        assertThat(error("Post.objects.filter(body__month=1)", Dialect.SQLITE).getMessage())
                .isEqualTo("Unsupported lookup 'month' for TextField or join on the field not permitted.");
        assertThat(error("Post.objects.filter(view_count__year=2020)", Dialect.SQLITE).getMessage())
                .isEqualTo("Unsupported lookup 'year' for IntegerField or join on the field not permitted.");
        assertThat(error("Post.objects.filter(slug__hour=1)", Dialect.POSTGRESQL).getMessage())
                .isEqualTo("Unsupported lookup 'hour' for SlugField or join on the field not permitted.");
        QueryException search = error("Post.objects.filter(view_count__search=\"x\")", Dialect.POSTGRESQL);
        assertThat(search.kind()).isEqualTo("FieldError");
        assertThat(search.getMessage()).contains("'search'").contains("IntegerField");
    }

    @Test
    void misspelledLookupSuggestsTheNearestOne() {
        QueryException e = error("Post.objects.filter(title__contians=\"x\")", Dialect.SQLITE);
        assertThat(e.kind()).isEqualTo("FieldError");
        assertThat(e.getMessage()).startsWith("Unsupported lookup 'contians' for CharField or join on the field "
                + "not permitted, perhaps you meant contains");
    }

    @Test
    void lookupAfterATransformNamesTheTransformsOutputType() {
        assertThat(error("Post.objects.filter(published_at__year__foo=1)", Dialect.SQLITE).getMessage())
                .startsWith("Unsupported lookup 'foo' for IntegerField or join on the field not permitted.")
                .contains("Lookups for IntegerField: ");
    }

    // ---------------------------------------------------------------- syntax errors

    static void assertSyntaxErrorAt(String text, int position, String offending, String expected) {
        QueryException e = error(text, Dialect.SQLITE);
        assertThat(e.kind()).as(text).isEqualTo("SyntaxError");
        assertThat(e.position()).as("position in %s", text).isEqualTo(position);
        if (offending != null) {
            assertThat(text.substring(position)).as(text).startsWith(offending);
        }
        assertThat(e.getMessage()).as(text).contains(expected);
    }

    @Test
    void syntaxErrorsPointAtTheOffendingCharacter() {
        assertSyntaxErrorAt("Post.objects.filter(title=\"x\") $", 31, "$", "'$'");
        assertSyntaxErrorAt("Post.objects.filter(title=)", 26, ")", "unexpected ')'");
        assertSyntaxErrorAt("Post.objects.filter(title=\"x\"))", 30, ")", "unexpected ')'");
        assertSyntaxErrorAt("Post.objects.filter(title=\"a\" slug=\"b\")", 30, "slug", "expected ',' or ')'");
        assertSyntaxErrorAt("Post.objects.filter(title=\"x)", 26, "\"x)", "unterminated string");
        // like Python 3.10+: an unclosed bracket is reported where it opens
        assertSyntaxErrorAt("Post.objects.filter(title=\"x\").order_by(\"id\"", 39, "(", "'(' was never closed");
    }

    @Test
    void syntaxErrorSaysWhatWasExpected() {
        QueryException e = error("Post.objects.filter(title=\"x\"", Dialect.SQLITE);
        assertThat(e.kind()).isEqualTo("SyntaxError");
        assertThat(e.position()).isEqualTo(19);
        assertThat(e.getMessage()).isEqualTo("'(' was never closed");
        assertThat("Post.objects.filter(title=\"x\"".charAt(19)).isEqualTo('(');
    }

    // ---------------------------------------------------------------- unknown names

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void unknownModelIsANameErrorListingTheModels(Dialect d) {
        QueryException e = error("Psot.objects.filter(title=\"x\")", d);
        assertThat(e.kind()).isEqualTo("NameError");
        assertThat(e.getMessage()).isEqualTo("Unknown model 'Psot'. Models are: Author, Profile, Tag, Post, Comment");
        assertThat(e.position()).isZero();
    }

    @Test
    void unknownModelInASubqueryPointsAtIt() {
        String text = "Post.objects.filter(author__in=Autor.objects.all())";
        QueryException e = error(text, Dialect.SQLITE);
        assertThat(e.kind()).isEqualTo("NameError");
        assertThat(e.getMessage()).startsWith("Unknown model 'Autor'. Models are: Author, ");
        assertThat(text.substring(e.position())).startsWith("Autor.objects");
    }

    @Test
    void unknownMethodFunctionAndNameSayWhatIsValid() {
        String method = "Post.objects.fliter(title=\"x\")";
        QueryException m = error(method, Dialect.SQLITE);
        assertThat(m.kind()).isEqualTo("AttributeError");
        assertThat(m.getMessage()).startsWith("'QuerySet' object has no attribute 'fliter'. Supported: all, filter, ");
        assertThat(method.substring(m.position())).startsWith("fliter(");

        String function = "Post.objects.annotate(n=Cont(\"comments\"))";
        QueryException f = error(function, Dialect.SQLITE);
        assertThat(f.kind()).isEqualTo("NameError");
        assertThat(f.getMessage()).startsWith("Unknown function 'Cont'. Known: ").contains("Count");
        assertThat(function.substring(f.position())).startsWith("Cont(");

        String name = "Post.objects.filter(title=x)";
        QueryException n = error(name, Dialect.SQLITE);
        assertThat(n.kind()).isEqualTo("NameError");
        assertThat(n.getMessage()).startsWith("name 'x' is not defined").contains("F(\"field\")");
        assertThat(n.position()).isEqualTo(26);
    }

    // ---------------------------------------------------------------- errors of the dialect

    @Test
    void postgresqlOnlyFeaturesAreNotSupportedErrorsOnSqlite() {
        QueryException distinctOn = error("Post.objects.order_by(\"author_id\").distinct(\"author_id\")",
                Dialect.SQLITE);
        assertThat(distinctOn.kind()).isEqualTo("NotSupportedError");
        assertThat(distinctOn.getMessage()).startsWith("DISTINCT ON fields is not supported by this database "
                + "backend");
        QueryException search = error("Post.objects.filter(body__search=\"orm\")", Dialect.SQLITE);
        assertThat(search.kind()).isEqualTo("NotSupportedError");
        assertThat(search.getMessage()).contains("PostgreSQL");
    }

    @Test
    void slicingRulesFollowDjango() {
        QueryException filter = error("Post.objects.all()[:5].filter(title=\"x\")", Dialect.SQLITE);
        assertThat(filter.getMessage()).isEqualTo("Cannot filter a query once a slice has been taken.");
        QueryException reorder = error("Post.objects.all()[:5].order_by(\"id\")", Dialect.SQLITE);
        assertThat(reorder.getMessage()).isEqualTo("Cannot reorder a query once a slice has been taken.");
        QueryException negative = error("Post.objects.all()[-1]", Dialect.SQLITE);
        assertThat(negative.kind()).isEqualTo("AssertionError");
        assertThat(negative.getMessage()).isEqualTo("Negative indexing is not supported.");
    }

    // ---------------------------------------------------------------- update() values

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anUpdateFromAnAggregateOrAWindowIsRefusedAsDjangoRefusesIt(Dialect d) {
        QueryException sum = error("Post.objects.update(view_count=Count(\"comments\"))", d);
        assertThat(sum.kind()).isEqualTo("FieldError");
        assertThat(sum.getMessage()).startsWith("Aggregate functions are not allowed in this query (view_count=");
        QueryException rank = error("Post.objects.update(view_count=Window(Rank(), order_by=F(\"id\").asc()))", d);
        assertThat(rank.kind()).isEqualTo("FieldError");
        assertThat(rank.getMessage()).startsWith("Window expressions are not allowed in this query (view_count=");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anUpdateFromASubqueryThatAggregatesIsAllowed(Dialect d) {
        String text = "Post.objects.update(view_count=Subquery(Comment.objects.filter(post=OuterRef(\"pk\"))"
                + ".values(\"post\").annotate(n=Count(\"id\")).values(\"n\")[:1]))";
        assertThat(SqlCompiler.compile(schema, DjangoParser.parse(text, schema), d).sql()).contains("COUNT(");
    }
}
