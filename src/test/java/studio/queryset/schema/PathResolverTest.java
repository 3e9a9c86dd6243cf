package studio.queryset.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.queryset.schema.Hop.Kind;

/**
 * Paths read as Django's names_to_path reads them, on the sample blog and the library schema (self FK, m2m with
 * through=, one-to-one, multi-table inheritance).
 */
class PathResolverTest {
    static final Set<String> LOOKUPS = Set.of("exact", "in", "icontains", "isnull", "gte", "year");
    static Schema blog;
    static Schema library;

    @BeforeAll
    static void load() throws Exception {
        blog = ModelsPyImporter.importFile(Path.of("sample-db/blog/models.py"), null);
        library = ModelsPyImporter.importFile(Path.of("differential/library/models.py"), null);
    }

    static PathResolution resolve(Schema s, String model, String path) {
        return new PathResolver(s, LOOKUPS::contains).resolve(s.model(model), path);
    }

    static List<Kind> kinds(PathResolution r) {
        return r.hops().stream().map(Hop::kind).toList();
    }

    @Test
    void aForwardHopThenTheFieldThenTheLookups() {
        PathResolution r = resolve(blog, "Post", "author__name__icontains");
        assertThat(kinds(r)).containsExactly(Kind.FORWARD);
        Hop author = r.hops().get(0);
        assertThat(author.from().name()).isEqualTo("Post");
        assertThat(author.to().name()).isEqualTo("Author");
        assertThat(author.multiValued()).isFalse();
        assertThat(author.nullable()).isFalse();
        assertThat(r.field().name()).isEqualTo("name");
        assertThat(r.rest()).containsExactly("icontains");
        assertThat(r.end().name()).isEqualTo("Author");
    }

    @Test
    void pkAndAttnamesAreColumnsOfTheModelItself() {
        PathResolution pk = resolve(blog, "Post", "pk");
        assertThat(pk.hops()).isEmpty();
        assertThat(pk.field()).isEqualTo(blog.model("Post").pk());
        PathResolution attname = resolve(blog, "Post", "author_id__in");
        assertThat(attname.hops()).isEmpty();
        assertThat(attname.field().name()).isEqualTo("author");
        assertThat(attname.rest()).containsExactly("in");
    }

    @Test
    void aPathEndingOnARelationOrALookupAfterItComparesTheRelatedPk() {
        PathResolution r = resolve(blog, "Post", "author__in");
        assertThat(r.endsOnRelation()).isTrue();
        assertThat(r.rest()).containsExactly("in");
        assertThat(r.valueType()).isEqualTo(blog.model("Author").pk().valueType());
        PathResolution tags = resolve(blog, "Post", "tags");
        assertThat(kinds(tags)).containsExactly(Kind.FORWARD_MANY);
        assertThat(tags.multiValued()).isTrue();
        PathResolution id = resolve(blog, "Post", "author__id");
        assertThat(id.hops()).hasSize(1);
        assertThat(id.field()).isEqualTo(blog.model("Author").pk());
    }

    @Test
    void reverseRelationsByTheirQueryNameAndM2mThrough() {
        PathResolution r = resolve(library, "Book", "contributions__role");
        assertThat(kinds(r)).containsExactly(Kind.REVERSE);
        assertThat(r.hops().get(0).multiValued()).isTrue();
        assertThat(r.hops().get(0).nullable()).isTrue();
        PathResolution detail = resolve(library, "Book", "detail__isbn");
        assertThat(kinds(detail)).containsExactly(Kind.REVERSE_ONE);
        assertThat(detail.multiValued()).isFalse();
        PathResolution through = resolve(library, "Book", "authors__mentor__name");
        assertThat(kinds(through)).containsExactly(Kind.FORWARD_MANY, Kind.FORWARD);
        assertThat(through.hops().get(1).nullable()).isTrue();
        PathResolution back = resolve(library, "Author", "books__genres__name");
        assertThat(kinds(back)).containsExactly(Kind.REVERSE_MANY, Kind.FORWARD_MANY);
        assertThat(back.prefix(0)).isEqualTo("books");
        assertThat(back.prefix(1)).isEqualTo("books__genres");
    }

    @Test
    void aMultiTableChildReachesItsParentsFieldsThroughThePtr() {
        PathResolution title = resolve(library, "Ebook", "title");
        assertThat(kinds(title)).containsExactly(Kind.PARENT);
        assertThat(title.hops().get(0).name()).isEqualTo("book_ptr");
        assertThat(title.hops().get(0).nullable()).isFalse();
        assertThat(title.end().name()).isEqualTo("Book");
        assertThat(kinds(resolve(library, "Ebook", "publisher__name"))).containsExactly(Kind.PARENT, Kind.FORWARD);
        assertThat(kinds(resolve(library, "Ebook", "loans__out__year")))
                .containsExactly(Kind.PARENT, Kind.REVERSE);
        assertThat(resolve(library, "Ebook", "file_mb").hops()).isEmpty();
        assertThat(resolve(library, "Ebook", "id").field()).isEqualTo(library.model("Book").pk());
    }

    @Test
    void unknownNamesAreDjangosFieldErrorWithTheChoicesOfTheModelWhereTheyStand() {
        assertThatThrownBy(() -> resolve(blog, "Post", "titel"))
                .isInstanceOf(FieldPathException.class)
                .hasMessage("Cannot resolve keyword 'titel' into field. Choices are: author, author_id, body, comments, "
                        + "id, published_at, slug, tags, title, updated_at, view_count, word_count.");
        FieldPathException e = (FieldPathException) org.assertj.core.api.Assertions.catchThrowable(
                () -> resolve(blog, "Post", "author__nmae"));
        assertThat(e.name()).isEqualTo("nmae");
        assertThat(e.choices()).contains("email", "id", "name", "posts", "profile");
        // the first name is never a lookup
        assertThatThrownBy(() -> resolve(blog, "Post", "in")).isInstanceOf(FieldPathException.class);
    }

    @Test
    void aChildsChoicesIncludeItsParentsFieldsAsDjangosGetFieldsDoes() {
        List<String> choices = PathResolver.relationsOf(library).choices(library.model("Ebook"));
        assertThat(choices).contains("book_ptr", "book_ptr_id", "drm", "file_mb", "title", "publisher_id",
                "contributions", "detail");
        assertThat(choices).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void relationWalksStopAtTheFirstNameThatIsNoRelationAndNameReversesEitherWay() {
        PathResolver r = PathResolver.relationsOf(blog);
        Model author = blog.model("Author");
        PathResolution q = r.relations(author, "posts__tags__name", PathResolver.Names.QUERY);
        assertThat(kinds(q)).containsExactly(Kind.REVERSE, Kind.FORWARD_MANY);
        assertThat(q.rest()).containsExactly("name");
        assertThat(r.relations(author, "nope__posts", PathResolver.Names.QUERY).hops()).isEmpty();
        String accessor = blog.reverseRelations(author).get(0).accessorName();
        assertThat(r.relations(author, accessor, PathResolver.Names.ATTRIBUTE).hops()).hasSize(1);
        List<Hop> out = r.hopsFrom(blog.model("Post"), PathResolver.Names.QUERY);
        assertThat(out).extracting(Hop::name).startsWith("author", "tags").contains("comments");
        assertThat(out.stream().filter(Hop::forward)).allMatch(h -> h.field().isRelation());
    }
}
