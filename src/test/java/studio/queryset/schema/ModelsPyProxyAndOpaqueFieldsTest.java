package studio.queryset.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/**
 * Proxy models see their concrete model's reverse relations (a ForeignKey to a proxy included), GIS fields are
 * columns, and TaggableManager is opaque with a warning saying what queries across it cannot do. SQL checked against
 * Django 3.2 on the same models (app "lib").
 */
class ModelsPyProxyAndOpaqueFieldsTest {

    static final Schema LIB = ModelsPyImporter.importSource("lib", """
            from django.db import models

            class Author(models.Model):
                name = models.CharField(max_length=50)

            class ProxyAuthor(Author):
                class Meta:
                    proxy = True

            class ProxyOfProxy(ProxyAuthor):
                class Meta:
                    proxy = True

            class Book(models.Model):
                title = models.CharField(max_length=50)
                author = models.ForeignKey(Author, models.CASCADE, related_name="books")

            class Review(models.Model):
                author = models.ForeignKey(ProxyAuthor, models.CASCADE)
                stars = models.IntegerField()
            """);

    static String sql(Schema schema, String expr) {
        return SqlCompiler.plan(schema, DjangoParser.parse(expr, schema), Dialect.SQLITE).statements().get(0).sql();
    }

    @Test
    void proxySeesTheConcreteModelsReverseRelations() {
        assertThat(sql(LIB, "ProxyAuthor.objects.filter(books__title='x')")).isEqualTo(
                "SELECT \"lib_author\".\"id\", \"lib_author\".\"name\" FROM \"lib_author\" INNER JOIN \"lib_book\" "
                        + "ON (\"lib_author\".\"id\" = \"lib_book\".\"author_id\") WHERE \"lib_book\".\"title\" = ?");
        assertThat(sql(LIB, "ProxyOfProxy.objects.filter(books__title='x')"))
                .isEqualTo(sql(LIB, "ProxyAuthor.objects.filter(books__title='x')"));
        assertThat(LIB.reverseRelations(LIB.model("ProxyAuthor"))).extracting(ReverseRelation::queryName)
                .containsExactly("books", "review");
        assertThat(LIB.concreteModel(LIB.model("ProxyOfProxy")).name()).isEqualTo("Author");
        assertThat(LIB.warnings()).isEmpty();
    }

    @Test
    void aForeignKeyToAProxyIsAReverseRelationOfTheConcreteModelToo() {
        String expected = "SELECT \"lib_author\".\"id\", \"lib_author\".\"name\" FROM \"lib_author\" INNER JOIN "
                + "\"lib_review\" ON (\"lib_author\".\"id\" = \"lib_review\".\"author_id\") WHERE "
                + "\"lib_review\".\"stars\" = ?";
        assertThat(sql(LIB, "Author.objects.filter(review__stars=5)")).isEqualTo(expected);
        assertThat(sql(LIB, "ProxyAuthor.objects.filter(review__stars=5)")).isEqualTo(expected);
        assertThat(sql(LIB, "Review.objects.filter(author__books__title='y')")).isEqualTo(
                "SELECT \"lib_review\".\"id\", \"lib_review\".\"author_id\", \"lib_review\".\"stars\" FROM "
                        + "\"lib_review\" INNER JOIN \"lib_author\" ON (\"lib_review\".\"author_id\" = "
                        + "\"lib_author\".\"id\") INNER JOIN \"lib_book\" ON (\"lib_author\".\"id\" = "
                        + "\"lib_book\".\"author_id\") WHERE \"lib_book\".\"title\" = ?");
    }

    @Test
    void gisFieldsAreColumnsWithoutAWarning() {
        Schema s = ModelsPyImporter.importSource("geo", """
                from django.contrib.gis.db import models

                class Place(models.Model):
                    name = models.CharField(max_length=50)
                    location = models.PointField(srid=4326, null=True)
                    area = models.MultiPolygonField()
                    route = models.LineStringField(geography=True)
                    shape = models.GeometryField()
                """);
        assertThat(s.model("Place").concreteFields()).extracting(Field::column)
                .containsExactly("id", "name", "location", "area", "route", "shape");
        assertThat(s.model("Place").field("location").orElseThrow().nullable()).isTrue();
        assertThat(s.warnings()).isEmpty();
        assertThat(sql(s, "Place.objects.filter(location__isnull=True)")).endsWith(
                "FROM \"geo_place\" WHERE \"geo_place\".\"location\" IS NULL");
    }

    @Test
    void taggableManagerIsOpaqueAndTheWarningSaysWhatCannotBeQueried() {
        Schema s = ModelsPyImporter.importSource("shop", """
                from django.db import models
                from taggit.managers import TaggableManager

                class Item(models.Model):
                    name = models.CharField(max_length=50)
                    tags = TaggableManager(blank=True)
                """);
        assertThat(s.model("Item").fields()).extracting(Field::name).containsExactly("id", "name");
        assertThat(s.warnings().stream().map(ImportWarning::toString).toList()).containsExactly(
                "models.py:6: Item.tags: TaggableManager (django-taggit) is a generic many-to-many through "
                        + "taggit.TaggedItem (object_id and content_type) to taggit.Tag; lookups, ordering, values() "
                        + "and prefetch_related() across tags are not available (a FieldError names it), it is not a "
                        + "column; skipped");
        assertThatThrownBy(() -> sql(s, "Item.objects.filter(tags__name='x')"))
                .hasMessageContaining("Cannot resolve keyword 'tags' into field");
        assertThat(List.of(s.warnings().get(0).model())).containsExactly("shop.Item");
    }
}
