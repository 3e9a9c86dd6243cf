package studio.queryset.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * models.py import with Django's naming: the sample blog (sample-db/blog/models.py), the richer shop of the
 * differential test (differential/shop/models.py), and the errors a models.py can cause, each a
 * {@link SchemaException} naming the line and what would be valid.
 */
class ModelsPyImporterTest {
    static final Path PROJECT = Path.of(System.getenv().getOrDefault("QSS_PROJECT_DIR", "."));

    static Field field(Model m, String name) {
        return m.field(name).orElseThrow(() -> new AssertionError(m.name() + " has no field " + name));
    }

    static ReverseRelation reverse(Schema s, String target, String queryName) {
        return s.reverseRelation(s.model(target), queryName)
                .orElseThrow(() -> new AssertionError(target + " has no reverse relation " + queryName));
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Blog {
        Schema blog;

        @BeforeAll
        void load() throws IOException {
            blog = ModelsPyImporter.importFile(PROJECT.resolve("sample-db/blog/models.py"), null);
        }

        @Test
        void modelsAndTablesUseTheFolderAsAppLabel() {
            assertThat(blog.models()).extracting(Model::name)
                    .containsExactly("Author", "Profile", "Tag", "Post", "Comment");
            assertThat(blog.models()).extracting(Model::appLabel).containsOnly("blog");
            assertThat(blog.models()).extracting(Model::table)
                    .containsExactly("blog_author", "blog_profile", "blog_tag", "blog_post", "blog_comment");
        }

        @Test
        void implicitAutoPrimaryKeyComesFirst() {
            for (Model m : blog.models()) {
                Field pk = m.pk();
                assertThat(pk.name()).isEqualTo("id");
                assertThat(pk.column()).isEqualTo("id");
                assertThat(pk.djangoType()).isEqualTo("AutoField");
                assertThat(m.fields().get(0)).isEqualTo(pk);
            }
        }

        @Test
        void postFieldsInDeclarationOrderWithColumnsAndTypes() {
            Model post = blog.model("Post");
            assertThat(post.fields()).extracting(Field::name).containsExactly("id", "title", "slug", "body",
                    "author", "tags", "published_at", "updated_at", "view_count", "word_count");
            assertThat(post.concreteFields()).extracting(Field::column).containsExactly("id", "title", "slug",
                    "body", "author_id", "published_at", "updated_at", "view_count", "word_count");
            assertThat(post.concreteFields()).extracting(Field::attname).containsExactly("id", "title", "slug",
                    "body", "author_id", "published_at", "updated_at", "view_count", "word_count");
            assertThat(field(post, "title").valueType()).isEqualTo(ValueType.TEXT);
            assertThat(field(post, "title").maxLength()).isEqualTo(200);
            assertThat(field(post, "slug").unique()).isTrue();
            assertThat(field(post, "published_at").valueType()).isEqualTo(ValueType.DATETIME);
            assertThat(field(post, "published_at").nullable()).isTrue();
            assertThat(field(post, "updated_at").nullable()).isFalse();
            assertThat(field(post, "view_count").valueType()).isEqualTo(ValueType.INTEGER);
            assertThat(blog.model("Author").field("email").orElseThrow().unique()).isTrue();
            assertThat(blog.model("Profile").field("website").orElseThrow().nullable()).isTrue();
        }

        @Test
        void foreignKeyHasAnIdColumnAndPointsAtItsTarget() {
            Field author = field(blog.model("Post"), "author");
            assertThat(author.column()).isEqualTo("author_id");
            assertThat(author.attname()).isEqualTo("author_id");
            assertThat(author.djangoType()).isEqualTo("ForeignKey");
            assertThat(author.nullable()).isFalse();
            assertThat(author.relation().kind()).isEqualTo(RelationKind.FOREIGN_KEY);
            assertThat(author.relation().target()).isEqualTo("Author");
            assertThat(author.relation().relatedName()).isEqualTo("posts");
            assertThat(author.relation().onDelete()).isEqualTo("CASCADE");
            assertThat(author.valueType()).isEqualTo(ValueType.INTEGER);
            // the model also answers to the attname
            assertThat(blog.model("Post").field("author_id")).contains(author);

            Field post = field(blog.model("Comment"), "post");
            assertThat(post.column()).isEqualTo("post_id");
            assertThat(post.relation().target()).isEqualTo("Post");
        }

        @Test
        void oneToOneIsUniqueWithAnIdColumn() {
            Field author = field(blog.model("Profile"), "author");
            assertThat(author.column()).isEqualTo("author_id");
            assertThat(author.relation().kind()).isEqualTo(RelationKind.ONE_TO_ONE);
            assertThat(author.unique()).isTrue();
        }

        @Test
        void manyToManyHasTheAutoThroughTable() {
            Field tags = field(blog.model("Post"), "tags");
            assertThat(tags.isManyToMany()).isTrue();
            assertThat(tags.isConcrete()).isFalse();
            assertThat(tags.column()).isNull();
            Relation r = tags.relation();
            assertThat(r.target()).isEqualTo("Tag");
            assertThat(r.through()).isNull();
            assertThat(r.throughTable()).isEqualTo("blog_post_tags");
            assertThat(r.throughSourceColumn()).isEqualTo("post_id");
            assertThat(r.throughTargetColumn()).isEqualTo("tag_id");
            assertThat(blog.model("Post").concreteFields()).extracting(Field::name).doesNotContain("tags");
        }

        @Test
        void reverseRelationsUseRelatedNames() {
            ReverseRelation posts = reverse(blog, "Author", "posts");
            assertThat(posts.source().name()).isEqualTo("Post");
            assertThat(posts.accessorName()).isEqualTo("posts");
            assertThat(posts.isMultiValued()).isTrue();

            ReverseRelation profile = reverse(blog, "Author", "profile");
            assertThat(profile.source().name()).isEqualTo("Profile");
            assertThat(profile.accessorName()).isEqualTo("profile");
            assertThat(profile.isMultiValued()).isFalse();

            ReverseRelation comments = reverse(blog, "Post", "comments");
            assertThat(comments.source().name()).isEqualTo("Comment");
            assertThat(comments.isMultiValued()).isTrue();

            ReverseRelation tagPosts = reverse(blog, "Tag", "posts");
            assertThat(tagPosts.field().isManyToMany()).isTrue();
            assertThat(tagPosts.isMultiValued()).isTrue();

            assertThat(blog.reverseRelations(blog.model("Author"))).extracting(ReverseRelation::queryName)
                    .containsExactlyInAnyOrder("posts", "profile");
            assertThat(blog.reverseRelations(blog.model("Comment"))).isEmpty();
        }

        @Test
        void choicesListFieldsReverseNamesAndPk() {
            assertThat(blog.choices(blog.model("Author"))).containsExactly("email", "id", "name", "pk", "posts",
                    "profile");
        }

        @Test
        void metaOrdering() {
            assertThat(blog.model("Author").ordering()).containsExactly("name");
            assertThat(blog.model("Comment").ordering()).containsExactly("created_at");
            assertThat(blog.model("Post").ordering()).isEmpty();
            assertThat(blog.model("Tag").ordering()).isEmpty();
            assertThat(blog.model("Profile").ordering()).isEmpty();
        }

        @Test
        void generatedFieldIsAQueryableColumnWithItsExpression() {
            Field wc = field(blog.model("Post"), "word_count");
            assertThat(wc.djangoType()).isEqualTo("GeneratedField");
            assertThat(wc.column()).isEqualTo("word_count");
            assertThat(wc.isConcrete()).isTrue();
            assertThat(wc.valueType()).isEqualTo(ValueType.INTEGER);
            assertThat(wc.generated()).contains("Length(\"body\")").contains("Replace(\"body\"");
            assertThat(field(blog.model("Post"), "title").generated()).isNull();
        }

        @Test
        void fieldsRememberTheirLine() {
            assertThat(field(blog.model("Post"), "title").line()).isEqualTo(35);
            assertThat(blog.model("Post").line()).isEqualTo(34);
        }

        @Test
        void appLabelCanBeOverridden() throws IOException {
            Schema s = ModelsPyImporter.importFile(PROJECT.resolve("sample-db/blog/models.py"), "journal");
            assertThat(s.model("Post").table()).isEqualTo("journal_post");
            assertThat(field(s.model("Post"), "tags").relation().throughTable()).isEqualTo("journal_post_tags");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Shop {
        Schema shop;

        @BeforeAll
        void load() throws IOException {
            shop = ModelsPyImporter.importFile(PROJECT.resolve("differential/shop/models.py"), null);
        }

        @Test
        void modelsAndTables() {
            assertThat(shop.models()).extracting(Model::name).containsExactly("Category", "Customer", "Profile",
                    "Tag", "Product", "Order", "OrderLine", "Review");
            assertThat(shop.model("Order").table()).isEqualTo("shop_order");
            assertThat(shop.model("OrderLine").table()).isEqualTo("shop_orderline");
        }

        @Test
        void selfForeignKeys() {
            Field parent = field(shop.model("Category"), "parent");
            assertThat(parent.relation().target()).isEqualTo("Category");
            assertThat(parent.column()).isEqualTo("parent_id");
            assertThat(parent.nullable()).isTrue();
            assertThat(reverse(shop, "Category", "children").source().name()).isEqualTo("Category");

            Field referredBy = field(shop.model("Customer"), "referred_by");
            assertThat(referredBy.relation().target()).isEqualTo("Customer");
            assertThat(referredBy.relation().onDelete()).isEqualTo("SET_NULL");
            assertThat(reverse(shop, "Customer", "referrals").accessorName()).isEqualTo("referrals");
        }

        @Test
        void appDotModelStringReferenceAndRelatedQueryName() {
            Field category = field(shop.model("Product"), "category");
            assertThat(category.relation().target()).isEqualTo("Category");
            assertThat(category.relation().onDelete()).isEqualTo("PROTECT");
            ReverseRelation products = reverse(shop, "Category", "product");
            assertThat(products.accessorName()).isEqualTo("products");
            assertThat(shop.reverseRelation(shop.model("Category"), "products")).isEmpty();
            assertThat(shop.reverseByAccessor(shop.model("Category"), "products")).contains(products);

            assertThat(reverse(shop, "Product", "line").accessorName()).isEqualTo("order_lines");
            assertThat(reverse(shop, "Customer", "reviewer").accessorName()).isEqualTo("reviews");
        }

        @Test
        void defaultReverseNamesWithoutRelatedName() {
            ReverseRelation orders = reverse(shop, "Customer", "order");
            assertThat(orders.source().name()).isEqualTo("Order");
            assertThat(orders.accessorName()).isEqualTo("order_set");
            assertThat(orders.isMultiValued()).isTrue();
        }

        @Test
        void manyToManyThroughAModel() {
            Relation r = field(shop.model("Order"), "products").relation();
            assertThat(r.through()).isEqualTo("OrderLine");
            assertThat(r.throughTable()).isEqualTo("shop_orderline");
            assertThat(r.throughSourceColumn()).isEqualTo("order_id");
            assertThat(r.throughTargetColumn()).isEqualTo("product_id");
            assertThat(reverse(shop, "Product", "orders").field().name()).isEqualTo("products");

            Relation tags = field(shop.model("Product"), "tags").relation();
            assertThat(tags.throughTable()).isEqualTo("shop_product_tags");
            assertThat(tags.throughSourceColumn()).isEqualTo("product_id");
            assertThat(tags.throughTargetColumn()).isEqualTo("tag_id");
        }

        @Test
        void dbTableAndDbColumn() {
            assertThat(shop.model("Profile").table()).isEqualTo("customer_profile");
            Field coupon = field(shop.model("Order"), "coupon_code");
            assertThat(coupon.column()).isEqualTo("coupon");
            assertThat(coupon.attname()).isEqualTo("coupon_code");
            assertThat(coupon.nullable()).isTrue();
        }

        @Test
        void valueTypesOfTheOtherFieldClasses() {
            Model product = shop.model("Product");
            assertThat(field(product, "price").valueType()).isEqualTo(ValueType.DECIMAL);
            assertThat(field(product, "weight_kg").valueType()).isEqualTo(ValueType.FLOAT);
            assertThat(field(product, "active").valueType()).isEqualTo(ValueType.BOOLEAN);
            assertThat(field(product, "released").valueType()).isEqualTo(ValueType.DATE);
            assertThat(field(product, "warranty").valueType()).isEqualTo(ValueType.DURATION);
            assertThat(field(product, "sku").valueType()).isEqualTo(ValueType.UUID);
            assertThat(field(shop.model("Order"), "delivery_slot").valueType()).isEqualTo(ValueType.TIME);
            assertThat(field(shop.model("Profile"), "preferences").valueType()).isEqualTo(ValueType.JSON);
        }

        @Test
        void metaOrdering() {
            assertThat(shop.model("Customer").ordering()).containsExactly("-joined", "id");
            assertThat(shop.model("Review").ordering()).containsExactly("-created", "id");
            assertThat(shop.model("Category").ordering()).containsExactly("name");
            assertThat(shop.model("Order").ordering()).isEmpty();
        }
    }

    @Nested
    class Inheritance {
        @Test
        void abstractBaseFieldsAndOrderingAreInherited() {
            Schema s = ModelsPyImporter.importSource("app", """
                    from django.db import models

                    class Stamped(models.Model):
                        created = models.DateTimeField()

                        class Meta:
                            abstract = True
                            ordering = ["-created"]

                    class Note(Stamped):
                        text = models.TextField()
                    """);
            assertThat(s.models()).extracting(Model::name).containsExactly("Note");
            Model note = s.model("Note");
            assertThat(note.fields()).extracting(Field::name).containsExactly("id", "created", "text");
            assertThat(note.ordering()).containsExactly("-created");
            assertThat(note.table()).isEqualTo("app_note");
        }

        @Test
        void defaultReverseNameOfAOneToOneIsTheModelName() {
            Schema s = ModelsPyImporter.importSource("app", """
                    from django.db import models

                    class Person(models.Model):
                        name = models.CharField(max_length=10)
                        friends = models.ManyToManyField("self")

                    class Passport(models.Model):
                        owner = models.OneToOneField(Person, on_delete=models.CASCADE)
                    """);
            ReverseRelation r = reverse(s, "Person", "passport");
            assertThat(r.accessorName()).isEqualTo("passport");
            assertThat(r.isMultiValued()).isFalse();
            Relation friends = field(s.model("Person"), "friends").relation();
            assertThat(friends.throughTable()).isEqualTo("app_person_friends");
            assertThat(friends.throughSourceColumn()).isEqualTo("from_person_id");
            assertThat(friends.throughTargetColumn()).isEqualTo("to_person_id");
        }
    }

    // ---------------------------------------------------------------- errors

    static SchemaException importError(String source) {
        try {
            ModelsPyImporter.importSource("app", source);
        } catch (SchemaException e) {
            return e;
        }
        throw new AssertionError("expected a SchemaException for:\n" + source);
    }

    @Nested
    class Errors {
        @Test
        void unknownFieldTypeNamesTheLineAndTheKnownTypes() {
            SchemaException e = importError("""
                    from django.db import models

                    class A(models.Model):
                        x = models.CharField(max_length=3)
                        y = models.Charfield(max_length=3)
                    """);
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.getMessage()).startsWith("line 5: ").contains("A.y").contains("'Charfield'")
                    .contains("Known types: ").contains("CharField").contains("IntegerField").contains("ForeignKey")
                    .contains("GeneratedField");
        }

        @Test
        void brokenPythonSyntaxNamesTheLineAndWhatWasExpected() {
            SchemaException e = importError("""
                    from django.db import models

                    class A(models.Model):
                        x = models.CharField(max_length=3
                        y = models.IntegerField()
                    """);
            // like Python 3.10+: the call opened on line 4 is never closed, and that is where it is reported
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).startsWith("line 4: ").contains("'(' was never closed");

            SchemaException stray = importError("""
                    from django.db import models

                    class A(models.Model):
                        x = models.CharField(max_length=3))
                    """);
            assertThat(stray.line()).isEqualTo(4);
            assertThat(stray.getMessage()).startsWith("line 4: ").contains("unexpected ')'");

            SchemaException unterminated = importError("""
                    from django.db import models

                    class A(models.Model):
                        x = models.CharField(max_length=3, help_text="oops)
                    """);
            assertThat(unterminated.line()).isEqualTo(4);
            assertThat(unterminated.getMessage()).startsWith("line 4: ").contains("unterminated string");
        }

        @Test
        void foreignKeyToAnUnknownModelNamesTheLineAndTheModels() {
            SchemaException e = importError("""
                    from django.db import models

                    class A(models.Model):
                        x = models.CharField(max_length=3)

                    class B(models.Model):
                        a = models.ForeignKey(A, on_delete=models.CASCADE)
                        c = models.ForeignKey("app.Missing", on_delete=models.CASCADE)
                    """);
            assertThat(e.line()).isEqualTo(8);
            assertThat(e.getMessage()).startsWith("line 8: ").contains("B.c").contains("'app.Missing'")
                    .contains("Models are: A, B");

            SchemaException m2m = importError("""
                    from django.db import models

                    class A(models.Model):
                        tags = models.ManyToManyField("Tag")
                    """);
            assertThat(m2m.line()).isEqualTo(4);
            assertThat(m2m.getMessage()).contains("'Tag'").contains("Models are: A");
        }

        @Test
        void otherInvalidArgumentsNameTheLine() {
            SchemaException maxLength = importError("""
                    from django.db import models

                    class A(models.Model):
                        x = models.CharField(max_length="3")
                    """);
            assertThat(maxLength.line()).isEqualTo(4);
            assertThat(maxLength.getMessage()).contains("max_length must be an integer literal");

            SchemaException through = importError("""
                    from django.db import models

                    class A(models.Model):
                        bs = models.ManyToManyField("B", through="Link")

                    class B(models.Model):
                        name = models.CharField(max_length=3)
                    """);
            assertThat(through.line()).isEqualTo(4);
            assertThat(through.getMessage()).contains("through model 'Link' is not defined");
        }

        @Test
        void missingColonIsASyntaxError() {
            SchemaException e = importError("""
                    from django.db import models

                    class A(models.Model)
                        x = models.CharField(max_length=3)
                    """);
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.getMessage()).contains("':'");
        }

        @Test
        void unclosedBracketAtModuleLevelIsASyntaxError() {
            SchemaException e = importError("""
                    from django.db import models
                    CHOICES = dict(
                        a=1,

                    class A(models.Model):
                        x = models.CharField(max_length=3)
                    """);
            assertThat(e.line()).isBetween(2, 7);
            assertThat(e.getMessage()).contains("'(' was never closed");
        }

        @Test
        void brokenSyntaxInsideAClassBodyIsAnError() {
            assertThat(importError("""
                    from django.db import models

                    class A(models.Model):
                        def label(self:
                            return 1
                        x = models.CharField(max_length=3)
                    """).line()).isEqualTo(4);
            assertThat(importError("""
                    from django.db import models

                    class A(models.Model):
                        x = models.CharField(max_length=3)
                      y = models.IntegerField()
                    """).line()).isEqualTo(5);
        }
    }

    @Test
    void importSourceWithTheFoldersLabelEqualsImportFile() throws IOException {
        Path models = PROJECT.resolve("sample-db/blog/models.py");
        Schema fromFile = ModelsPyImporter.importFile(models, null);
        Schema fromSource = ModelsPyImporter.importSource("blog", java.nio.file.Files.readString(models));
        assertThat(List.copyOf(fromSource.models())).isEqualTo(List.copyOf(fromFile.models()));
    }
}
