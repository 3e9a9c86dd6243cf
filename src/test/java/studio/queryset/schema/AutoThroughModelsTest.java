package studio.queryset.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.django.DjangoPrinter;
import studio.queryset.query.QueryException;

/** Django's auto-created M2M through models, as create_many_to_many_intermediary_model makes them. */
class AutoThroughModelsTest {
    static final String MODELS = """
            from django.db import models

            class Genre(models.Model):
                name = models.CharField(max_length=30)

            class Book(models.Model):
                title = models.CharField(max_length=60)
                genres = models.ManyToManyField(Genre, related_name="books")
                similar = models.ManyToManyField("self")
                shelves = models.ManyToManyField(Genre, related_name="+", db_table="shelf_links")
            """;

    final Schema schema = ModelsPyImporter.importSource("lib", MODELS);

    @Test
    void anM2mWithoutThroughGetsAModelNamedOwnerUnderscoreField() {
        Model through = schema.findModel("Book_genres").orElseThrow();
        assertThat(through.autoCreated()).isTrue();
        assertThat(through.table()).isEqualTo("lib_book_genres");
        assertThat(through.appLabel()).isEqualTo("lib");
        assertThat(through.ordering()).isEmpty();
        assertThat(through.fields()).extracting(Field::name).containsExactly("id", "book", "genre");
        assertThat(through.fields()).extracting(Field::column).containsExactly("id", "book_id", "genre_id");
        assertThat(through.pk().name()).isEqualTo("id");
        assertThat(through.field("genre").orElseThrow().relation().target()).isEqualTo("Genre");
        assertThat(schema.findModel("Book_shelves").orElseThrow().table()).isEqualTo("shelf_links");
    }

    @Test
    void aSelfReferentialM2mNamesItsKeysFromAndTo() {
        Model through = schema.findModel("Book_similar").orElseThrow();
        assertThat(through.fields()).extracting(Field::name).containsExactly("id", "from_book", "to_book");
        assertThat(through.fields()).extracting(Field::column).containsExactly("id", "from_book_id", "to_book_id");
    }

    @Test
    void itIsHiddenFromModelListsAndAddsNoReverseRelation() {
        assertThat(schema.models()).extracting(Model::name).containsExactly("Genre", "Book");
        assertThat(schema.modelsWithAutoCreated()).extracting(Model::name).containsExactly("Genre", "Book",
                "Book_genres", "Book_similar", "Book_shelves");
        assertThat(schema.choices(schema.model("Book"))).doesNotContain("book_genres", "Book_genres");
        assertThat(schema.reverseRelations(schema.model("Genre"))).extracting(ReverseRelation::queryName)
                .containsExactly("books");
    }

    @Test
    void queriesReachItThroughTheFieldOrItsReverseAccessorOnly() {
        assertThat(DjangoParser.parse("Book.genres.through.objects.all()", schema).model()).isEqualTo("Book_genres");
        assertThat(DjangoParser.parse("Genre.books.through.objects.all()", schema).model()).isEqualTo("Book_genres");
        String text = "Book.genres.through.objects.filter(genre__name=\"Poetry\")";
        assertThat(DjangoPrinter.print(DjangoParser.parse(text, schema))).isEqualTo(text);
        assertThat(DjangoPrinter.print(DjangoParser.parse("Genre.books.through.objects.all()", schema)))
                .isEqualTo("Book.genres.through.objects.all()");
        assertThatThrownBy(() -> DjangoParser.parse("Book_genres.objects.all()", schema))
                .isInstanceOf(QueryException.class).hasMessageContaining("Book.genres.through.objects");
    }
}
