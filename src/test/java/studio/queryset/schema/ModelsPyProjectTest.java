package studio.queryset.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.django.DjangoParser;
import studio.queryset.query.QueryException;
import studio.queryset.sql.Dialect;
import studio.queryset.sql.SqlCompiler;

/**
 * A whole project folder (src/test/resources/projects/shopsite: a settings file, an app with an apps.py label and
 * a models/ package, an abstract base outside any app, two apps with an Item model, multi-table inheritance).
 * Tables, targets and SQL were checked against Django 3.2 on a copy of the folder.
 */
class ModelsPyProjectTest {
    static final Path SITE = Path.of(System.getenv().getOrDefault("QSS_PROJECT_DIR", "."))
            .resolve("src/test/resources/projects/shopsite");
    static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = ModelsPyImporter.importFile(SITE, null);
    }

    static String sql(String expr) {
        return SqlCompiler.plan(schema, DjangoParser.parse(expr, schema), Dialect.SQLITE).statements().get(0).sql();
    }

    @Test
    void everyAppIsFoundWithItsLabelAndDjangosTables() {
        assertThat(schema.models()).extracting(m -> m.appLabel() + "." + m.name() + " " + m.table()).contains(
                "accounts.User accounts_user", "store.Category store_category", "store.Brand store_brand",
                "store.Item store_item", "store.Product store_product", "orders.Order orders_order",
                "orders.Item orders_item", "orders.Place orders_place", "orders.Shop orders_shop");
        // node_modules, tests and migrations folders are not searched (their models.py files are not Python)
        assertThat(schema.models()).extracting(Model::appLabel).doesNotContain("pkg", "tests", "migrations");
    }

    @Test
    void abstractBaseInAnotherFileGivesItsFieldsWithExpandedRelatedName() {
        Model product = schema.model("Product");
        assertThat(product.concreteFields()).extracting(Field::column)
                .containsExactly("id", "created", "owner_id", "category_id", "brand_id", "colour");
        Field owner = product.field("owner").orElseThrow();
        assertThat(owner.relation().target()).isEqualTo("User");
        assertThat(owner.relation().relatedName()).isEqualTo("store_product_owned");
        assertThat(schema.model("Category").field("owner").orElseThrow().relation().relatedName())
                .isEqualTo("store_category_owned");
    }

    @Test
    void targetsResolveAcrossFilesAndApps() {
        assertThat(schema.model("Product").field("brand").orElseThrow().relation().target()).isEqualTo("Brand");
        assertThat(schema.model("Product").field("category").orElseThrow().relation().target())
                .isEqualTo("Category");
        Model orderItem = schema.model("orders.Item");
        assertThat(orderItem.field("product").orElseThrow().relation().target()).isEqualTo("Product");
        assertThat(orderItem.field("order").orElseThrow().relation().target()).isEqualTo("Order");
        assertThat(orderItem.field("item").orElseThrow().relation().target()).isEqualTo("store.Item");
        assertThat(schema.model("Order").field("buyer").orElseThrow().relation().target()).isEqualTo("User");
        assertThat(schema.model("User").table()).isEqualTo("accounts_user");
        assertThat(schema.models()).extracting(Model::table).doesNotContain("auth_user");
    }

    @Test
    void sameNameInTwoAppsIsKeyedByAppLabelAndABareNameIsAnError() {
        assertThat(schema.key(schema.model("store.Item"))).isEqualTo("store.Item");
        assertThat(schema.key(schema.model("orders.Item"))).isEqualTo("orders.Item");
        assertThatThrownBy(() -> schema.model("Item")).isInstanceOf(SchemaException.class)
                .hasMessage("Model 'Item' is ambiguous: it is defined in several apps (store.Item, orders.Item); "
                        + "name it with its app label, e.g. store.Item.objects.all()");
        assertThatThrownBy(() -> DjangoParser.parse("Item.objects.all()", schema))
                .isInstanceOf(QueryException.class).hasMessageContaining("Model 'Item' is ambiguous");
    }

    @Test
    void sqlAcrossAppsMatchesDjango() {
        // Django 3.2: ... FROM "orders_item" INNER JOIN "store_item" ON ("orders_item"."item_id" = "store_item"."id")
        // INNER JOIN "store_product" ON (...) INNER JOIN "store_category" ON (...)
        // WHERE ("store_item"."label" = y AND "store_category"."name" = x)
        // (Django sorts filter() keywords, so they are written here in that order)
        String sql = sql("orders.Item.objects.filter(item__label=\"y\", product__category__name=\"x\")");
        assertThat(sql).contains("FROM \"orders_item\" INNER JOIN \"store_item\" ON (\"orders_item\".\"item_id\" = "
                + "\"store_item\".\"id\") INNER JOIN \"store_product\" ON (\"orders_item\".\"product_id\" = "
                + "\"store_product\".\"id\") INNER JOIN \"store_category\" ON (\"store_product\".\"category_id\" = "
                + "\"store_category\".\"id\") WHERE ").contains("\"store_item\".\"label\" = ? AND \"store_category\".\"name\" = ?");
        assertThat(sql("User.objects.filter(store_product_owned__brand__name=\"b\")")).contains(
                "FROM \"accounts_user\" INNER JOIN \"store_product\" ON (\"accounts_user\".\"id\" = "
                        + "\"store_product\".\"owner_id\") INNER JOIN \"store_brand\" ON (\"store_product\".\"brand_id\" "
                        + "= \"store_brand\".\"id\") WHERE \"store_brand\".\"name\" = ?");
    }

    @Test
    void multiTableChildFiltersOnItsParentsFieldsThroughThePtr() {
        Field ptr = schema.model("Shop").pk();
        assertThat(ptr.column()).isEqualTo("place_ptr_id");
        // Django 3.2: FROM "orders_shop" INNER JOIN "orders_place" ON ("orders_shop"."place_ptr_id" =
        // "orders_place"."id") WHERE "orders_place"."name" = x
        String shop = "SELECT \"orders_place\".\"id\", \"orders_place\".\"name\", \"orders_shop\".\"place_ptr_id\", "
                + "\"orders_shop\".\"opens\" FROM \"orders_shop\" INNER JOIN \"orders_place\" ON (\"orders_shop\"."
                + "\"place_ptr_id\" = \"orders_place\".\"id\")";
        assertThat(sql("Shop.objects.filter(name=\"x\")")).isEqualTo(shop + " WHERE \"orders_place\".\"name\" = ?");
        // the parent's id is the ptr column (no join needed), as Django 3.2 reads it
        assertThat(sql("Shop.objects.filter(id=3)")).isEqualTo(shop + " WHERE \"orders_shop\".\"place_ptr_id\" = ?");
        assertThat(sql("Shop.objects.order_by(\"name\")")).isEqualTo(shop + " ORDER BY \"orders_place\".\"name\" ASC");
        assertThat(sql("Shop.objects.values()")).isEqualTo("SELECT \"orders_shop\".\"place_ptr_id\", "
                + "\"orders_place\".\"name\", \"orders_shop\".\"place_ptr_id\", \"orders_shop\".\"opens\" FROM "
                + "\"orders_shop\" INNER JOIN \"orders_place\" ON (\"orders_shop\".\"place_ptr_id\" = \"orders_place\".\"id\")");
        assertThat(sql("Shop.objects.count()")).isEqualTo("SELECT COUNT(*) AS \"__count\" FROM \"orders_shop\"");
        assertThat(sql("Place.objects.filter(shop__opens=\"10:00\")")).isEqualTo("SELECT \"orders_place\".\"id\", "
                + "\"orders_place\".\"name\" FROM \"orders_place\" INNER JOIN \"orders_shop\" ON (\"orders_place\".\"id\" "
                + "= \"orders_shop\".\"place_ptr_id\") WHERE \"orders_shop\".\"opens\" = ?");
    }

    @Test
    void warningsNameTheFileAndLine() {
        List<String> w = schema.warnings().stream().map(ImportWarning::toString).toList();
        assertThat(w).contains(
                "config/settings.py:3: AUTH_USER_MODEL = \"accounts.User\": settings.AUTH_USER_MODEL and "
                        + "get_user_model() resolve to it",
                "catalog/models/product.py:10: Product.colour: unknown field class ColourField; assumed a text "
                        + "column colour");
    }

    @Test
    void anAppFolderAndAModelsPackageImportAlone() throws Exception {
        Schema app = ModelsPyImporter.importFile(SITE.resolve("catalog"), null);
        // the abstract base in core/ and the settings are still followed; accounts is not imported
        assertThat(app.models()).extracting(m -> m.appLabel() + "." + m.name()).containsExactly(
                "store.Category", "store.Brand", "store.Item", "store.Product", "accounts.User");
        assertThat(app.model("Category").concreteFields()).extracting(Field::column)
                .containsExactly("id", "created", "owner_id", "name");
        assertThat(app.warnings()).extracting(ImportWarning::toString).contains("core/base.py:7: Category.owner: "
                + "target accounts.User is not in the imported files; assumed a model User (table accounts_user) "
                + "with only its primary key");
        Schema pkg = ModelsPyImporter.importFile(SITE.resolve("catalog/models"), null);
        assertThat(pkg.models()).extracting(Model::table).containsExactly("store_category", "store_brand",
                "store_item", "store_product", "accounts_user");
    }

    @Test
    void aFolderWithoutAppsIsAnErrorNamingIt() {
        assertThatThrownBy(() -> ModelsPyImporter.importFile(SITE.resolve("config"), null))
                .isInstanceOf(SchemaException.class).hasMessageContaining("no Django app found");
    }

    @Test
    void userModelOptionNamesWhatAuthUserModelMeans() throws Exception {
        Schema orders = ModelsPyImporter.importFile(SITE.resolve("orders/models.py"), null, "accounts.User");
        assertThat(orders.model("Order").field("buyer").orElseThrow().relation().target()).isEqualTo("User");
        assertThat(orders.model("User").table()).isEqualTo("accounts_user");
        assertThatThrownBy(() -> ModelsPyImporter.importFile(SITE, null, "User"))
                .isInstanceOf(SchemaException.class).hasMessageContaining("--user-model must be app_label.ModelName");
    }
}
