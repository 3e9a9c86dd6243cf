package studio.queryset.sample;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Makes the rows of the sample blog ({@code sample-db/blog/models.py}) and hands them, one at a time and
 * parents before children, to a {@link Sink}. Nothing depends on the wall clock, the platform or the
 * database: the same seed and sizes give the same rows, so SQLite and PostgreSQL get identical data.
 *
 * <p>Shape (what the tutorial's queries need): a few prolific authors and a long tail, ~10% of authors with
 * no post and ~15% with no profile, ~12% unpublished posts (published_at NULL), 0-6 tags per post skewed
 * towards popular tags (the last three tags are never used), comments only on published posts and skewed
 * towards the most viewed ones, so many posts have none. Bodies are words separated by single spaces, so
 * the database's {@code word_count} equals the number of words.
 *
 * <p>It streams: memory grows with the number of authors plus two numbers a post, never with the text.
 * Every table has its own random stream derived from the seed, so a change to one table's recipe does not
 * reshuffle the others. Only {@link StrictMath} is used for floating point, so results are bit-identical on
 * every JVM.
 */
public final class BlogDataGenerator {

    public static final long DEFAULT_SEED = 20240101L;
    public static final int DEFAULT_POSTS = 5_000;
    /** All timestamps are at or after this instant (UTC); posts are published over the following two years. */
    public static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0, 0);
    private static final long BASE_EPOCH = BASE.toEpochSecond(ZoneOffset.UTC);
    private static final int DAY = 86_400;
    private static final int PUBLISH_SPAN_DAYS = 730;

    /** Rows per table. The default sample is {@code forPosts(5000)}. */
    public record Sizes(int authors, int tags, int posts, int comments) {
        public static final int MAX_POSTS = 50_000_000;

        public Sizes {
            if (authors < 1 || tags < 1 || posts < 1 || comments < 0) {
                throw new IllegalArgumentException("sizes must be positive: " + authors + " authors, " + tags
                        + " tags, " + posts + " posts, " + comments + " comments");
            }
        }

        /** 220 authors, 50 tags and 20,000 comments for 5,000 posts; authors and comments scale with posts. */
        public static Sizes forPosts(int posts) {
            if (posts < 1 || posts > MAX_POSTS) {
                throw new IllegalArgumentException("--posts must be between 1 and " + MAX_POSTS + ", got " + posts);
            }
            int authors = (int) Math.max(5, Math.round(posts * (220.0 / DEFAULT_POSTS)));
            return new Sizes(authors, TAGS.length, posts, posts * 4);
        }

        public static Sizes defaults() {
            return forPosts(DEFAULT_POSTS);
        }
    }

    /** Receives the rows. Parents come before their children; ids are 1, 2, 3, ... in each table. */
    public interface Sink {
        void author(int id, String name, String email) throws SQLException;

        void profile(int id, int authorId, String bio, String website) throws SQLException;

        void tag(int id, String name) throws SQLException;

        void post(int id, String title, String slug, String body, int authorId, LocalDateTime publishedAt,
                  LocalDateTime updatedAt, int viewCount) throws SQLException;

        void postTag(int id, int postId, int tagId) throws SQLException;

        void comment(int id, int postId, String authorName, String body, LocalDateTime createdAt)
                throws SQLException;

        /** Called now and then while posts and comments are made ({@code done} of {@code total}). */
        default void progress(String table, long done, long total) {
        }
    }

    /** How many rows each table got. */
    public record Counts(long authors, long profiles, long tags, long posts, long postTags, long comments) {
        public long total() {
            return authors + profiles + tags + posts + postTags + comments;
        }
    }

    private final long seed;
    private final Sizes sizes;

    public BlogDataGenerator(long seed, Sizes sizes) {
        this.seed = seed;
        this.sizes = sizes;
    }

    public Sizes sizes() {
        return sizes;
    }

    /** Sends every row to the sink and returns how many each table got. */
    public Counts generate(Sink sink) throws SQLException {
        int nAuthors = sizes.authors();
        String[] authorNames = new String[nAuthors + 1];
        double[] authorCumWeight = authors(sink, authorNames);
        long profiles = profiles(sink, authorNames);
        double[] tagCumWeight = tags(sink);
        long[] published = new long[sizes.posts() + 1]; // epoch seconds, or Long.MIN_VALUE when unpublished
        long[] commentCumWeight = new long[sizes.posts() + 1];
        long postTags = posts(sink, authorCumWeight, tagCumWeight, published, commentCumWeight);
        long comments = comments(sink, authorNames, published, commentCumWeight);
        return new Counts(nAuthors, profiles, Math.min(sizes.tags(), TAGS.length), sizes.posts(), postTags,
                comments);
    }

    private Random rng(int table) {
        return new Random(seed * 1_000_003L + table * 7_919L);
    }

    // ---------------------------------------------------------------------------------------------- authors

    /** Writes the authors; returns cumulative post weights (0 for the ~10% who never post). */
    private double[] authors(Sink sink, String[] names) throws SQLException {
        int n = sizes.authors();
        Random rng = rng(1);
        Map<String, Integer> emailsSeen = new HashMap<>();
        for (int id = 1; id <= n; id++) {
            String first = pick(rng, FIRST_NAMES);
            String last = pick(rng, LAST_NAMES);
            String name = first + " " + last;
            String local = asciiLower(first) + "." + asciiLower(last).replace(" ", "");
            String domain = pick(rng, EMAIL_DOMAINS);
            String key = local + "@" + domain;
            int seen = emailsSeen.merge(key, 1, Integer::sum);
            String email = seen == 1 ? key : local + seen + "@" + domain;
            names[id] = name;
            sink.author(id, name, email);
        }
        // Who posts and how much: ~10% never post; the others get Zipf-like weights over a shuffled ranking,
        // so a handful of authors write a large share of the posts and most write a few.
        int[] order = shuffledIds(n, rng);
        int silent = (int) Math.round(n * 0.10);
        double[] cum = new double[n + 1];
        double[] weight = new double[n + 1];
        for (int rank = 0; rank < n; rank++) {
            int id = order[rank];
            weight[id] = rank < silent ? 0.0 : 1.0 / StrictMath.pow(rank - silent + 2, 1.1);
        }
        double total = 0;
        for (int id = 1; id <= n; id++) {
            total += weight[id];
            cum[id] = total;
        }
        return cum;
    }

    private long profiles(Sink sink, String[] names) throws SQLException {
        int n = sizes.authors();
        Random rng = rng(2);
        int[] order = shuffledIds(n, rng);
        boolean[] without = new boolean[n + 1];
        int none = (int) Math.max(1, Math.round(n * 0.15));
        for (int i = 0; i < none && i < n; i++) {
            without[order[i]] = true;
        }
        int id = 0;
        for (int authorId = 1; authorId <= n; authorId++) {
            if (without[authorId]) {
                continue;
            }
            String first = names[authorId].substring(0, names[authorId].indexOf(' '));
            String bio = bio(rng, first);
            String website = null;
            double u = rng.nextDouble();
            String handle = asciiLower(names[authorId]).replace(' ', '-');
            if (u < 0.45) {
                website = "https://" + handle + ".example.com";
            } else if (u < 0.70) {
                website = "https://blog.example.org/~" + handle.replace("-", "") + authorId;
            }
            sink.profile(++id, authorId, bio, website);
        }
        return id;
    }

    private static String bio(Random rng, String first) {
        StringBuilder sb = new StringBuilder();
        sb.append(first).append(' ').append(pick(rng, BIO_OPENERS)).append(' ')
                .append(TECH_NAMES[rng.nextInt(TECH_NAMES.length)]).append(" and ")
                .append(pick(rng, THINGS)).append('.');
        int extra = rng.nextInt(3);
        for (int i = 0; i < extra; i++) {
            sb.append(' ').append(pick(rng, BIO_EXTRAS));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------- tags

    private double[] tags(Sink sink) throws SQLException {
        int n = Math.min(sizes.tags(), TAGS.length);
        double[] cum = new double[n + 1];
        double total = 0;
        for (int id = 1; id <= n; id++) {
            sink.tag(id, TAGS[id - 1]);
            // popularity falls with the position in TAGS; the last three are never used
            double w = id > n - UNUSED_TAGS ? 0.0 : 1.0 / StrictMath.pow(id, 0.9);
            total += w;
            cum[id] = total;
        }
        return cum;
    }

    // ---------------------------------------------------------------------------------------------- posts

    private long posts(Sink sink, double[] authorCum, double[] tagCum, long[] published, long[] commentCum)
            throws SQLException {
        int n = sizes.posts();
        Random rng = rng(3);
        Random tagRng = rng(4);
        int tagCount = tagCum.length - 1;
        boolean[] chosen = new boolean[tagCount + 1];
        int[] picked = new int[TAG_COUNT_WEIGHTS.length];
        long postTagId = 0;
        long commentWeight = 0;
        long step = Math.max(1, n / 10);
        StringBuilder body = new StringBuilder(4096);
        for (int id = 1; id <= n; id++) {
            int authorId = sampleWeighted(authorCum, rng);
            String title = title(rng);
            String slug = slugify(title, 190) + "-" + id;
            int words = 20 + (int) (381 * cube(rng.nextDouble())); // 20-400, mostly short
            body.setLength(0);
            words(rng, body, words, true);

            boolean isPublished = rng.nextDouble() >= 0.12;
            long publishedAt;
            long updatedAt;
            int views;
            if (isPublished) {
                publishedAt = BASE_EPOCH + (long) rng.nextInt(PUBLISH_SPAN_DAYS * DAY);
                double u = rng.nextDouble();
                // 45% never edited; the rest edited minutes to months later
                updatedAt = u < 0.45 ? publishedAt
                        : publishedAt + 60 + (long) (-StrictMath.log(1 - rng.nextDouble()) * 9 * DAY);
                views = (int) StrictMath.round(StrictMath.exp(4.5 + 1.3 * rng.nextGaussian()));
                published[id] = publishedAt;
                commentWeight += views + 1L;
            } else {
                publishedAt = Long.MIN_VALUE;
                updatedAt = BASE_EPOCH + (long) rng.nextInt(PUBLISH_SPAN_DAYS * DAY);
                views = 0;
                published[id] = Long.MIN_VALUE;
            }
            commentCum[id] = commentWeight;
            sink.post(id, title, slug, body.toString(), authorId,
                    isPublished ? at(publishedAt) : null, at(updatedAt), views);

            // 0-6 distinct tags, popular tags more often; written in tag id order
            int k = sampleIndex(TAG_COUNT_WEIGHTS, tagRng.nextInt(TAG_COUNT_TOTAL));
            k = Math.min(k, tagCount - UNUSED_TAGS);
            for (int i = 0; i < k; i++) {
                int tagId;
                do {
                    tagId = sampleWeighted(tagCum, tagRng);
                } while (chosen[tagId]);
                chosen[tagId] = true;
                picked[i] = tagId;
            }
            java.util.Arrays.sort(picked, 0, k);
            for (int i = 0; i < k; i++) {
                sink.postTag((int) ++postTagId, id, picked[i]);
                chosen[picked[i]] = false;
            }
            if (id % step == 0 || id == n) {
                sink.progress("blog_post", id, n);
            }
        }
        return postTagId;
    }

    private static String title(Random rng) {
        String tech = pick(rng, TECH_NAMES);
        String thing = pick(rng, THINGS);
        String s;
        switch (rng.nextInt(10)) {
            case 0:
                s = "How to " + pick(rng, VERBS) + " " + thing + " in " + tech;
                break;
            case 1:
                s = (3 + rng.nextInt(13)) + " " + pick(rng, ADJECTIVES) + " ways to " + pick(rng, VERBS) + " "
                        + thing;
                break;
            case 2:
                s = "Understanding " + thing + " in " + tech;
                break;
            case 3:
                s = tech + " " + thing + ": a " + pick(rng, ADJECTIVES) + " guide";
                break;
            case 4:
                s = "Why " + thing + " matter more than you think";
                break;
            case 5:
                s = capitalize(pick(rng, ADJECTIVES)) + " " + thing + " with " + tech + " and "
                        + pick(rng, TECH_NAMES);
                break;
            case 6:
                s = "A deep dive into " + tech + " " + thing;
                break;
            case 7:
                s = "Notes on " + thing + " (" + tech + " edition)";
                break;
            case 8:
                s = "What I learned about " + thing + " from " + (2 + rng.nextInt(9)) + " years of " + tech;
                break;
            default:
                s = "When to " + pick(rng, VERBS) + " " + thing + ", and when not to";
                break;
        }
        return capitalize(s);
    }

    // ---------------------------------------------------------------------------------------------- comments

    private long comments(Sink sink, String[] authorNames, long[] published, long[] commentCum)
            throws SQLException {
        int n = sizes.comments();
        long totalWeight = commentCum[commentCum.length - 1];
        if (n == 0 || totalWeight == 0) {
            return 0;
        }
        Random rng = rng(5);
        StringBuilder body = new StringBuilder(512);
        long step = Math.max(1, n / 10);
        for (int id = 1; id <= n; id++) {
            long target = Math.min((long) (rng.nextDouble() * totalWeight), totalWeight - 1);
            int postId = sampleCumulative(commentCum, target);
            // most comments come within days of publication, some much later
            long createdAt = published[postId] + 30
                    + (long) (-StrictMath.log(1 - rng.nextDouble()) * 3 * DAY);
            String who;
            double u = rng.nextDouble();
            if (u < 0.25) {
                who = authorNames[1 + rng.nextInt(authorNames.length - 1)];
            } else if (u < 0.75) {
                who = pick(rng, FIRST_NAMES) + " " + pick(rng, LAST_NAMES).charAt(0) + ".";
            } else {
                who = asciiLower(pick(rng, FIRST_NAMES)) + pick(rng, HANDLE_SUFFIXES);
            }
            body.setLength(0);
            int words = 3 + (int) (45 * cube(rng.nextDouble()));
            body.append(pick(rng, COMMENT_OPENERS)).append(' ');
            words(rng, body, words, false);
            sink.comment(id, postId, who, body.toString(), at(createdAt));
            if (id % step == 0 || id == n) {
                sink.progress("blog_comment", id, n);
            }
        }
        return n;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** Appends {@code count} words separated by single spaces, as sentences; no other whitespace. */
    private static void words(Random rng, StringBuilder sb, int count, boolean mentionTech) {
        int sentenceLeft = 0;
        for (int i = 0; i < count; i++) {
            boolean start = sentenceLeft == 0;
            if (start) {
                sentenceLeft = Math.min(count - i, 5 + rng.nextInt(12));
            }
            String w;
            double u = rng.nextDouble();
            if (mentionTech && u < 0.03) {
                w = pick(rng, TECH_NAMES);
            } else {
                w = pick(rng, WORDS);
            }
            if (start) {
                w = capitalize(w);
            }
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(w);
            sentenceLeft--;
            if (sentenceLeft == 0) {
                sb.append(rng.nextInt(8) == 0 ? '?' : '.');
            } else if (rng.nextInt(14) == 0) {
                sb.append(',');
            }
        }
    }

    private static double cube(double x) {
        return x * x * x;
    }

    private static LocalDateTime at(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }

    private static int[] shuffledIds(int n, Random rng) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        return ids;
    }

    /** An index i >= 1 drawn with probability (cum[i] - cum[i-1]) / cum[last]. */
    private static int sampleWeighted(double[] cum, Random rng) {
        double total = cum[cum.length - 1];
        double x = rng.nextDouble() * total;
        return sampleCumulative(cum, x < total ? x : Math.nextDown(total));
    }

    /** The smallest index i >= 1 with cum[i] > x (cum[0] = 0, non-decreasing). */
    static int sampleCumulative(double[] cum, double x) {
        int lo = 1;
        int hi = cum.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static int sampleCumulative(long[] cum, long x) {
        int lo = 1;
        int hi = cum.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static int sampleIndex(int[] weights, int x) {
        int acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            if (x < acc) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static String pick(Random rng, String[] from) {
        return from[rng.nextInt(from.length)];
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String asciiLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Django's slugify for ASCII text, cut to at most {@code max} characters at a hyphen. */
    static String slugify(String s, int max) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean hyphen = false;
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (hyphen && sb.length() > 0) {
                    sb.append('-');
                }
                hyphen = false;
                sb.append(c);
            } else if (c == ' ' || c == '-' || c == '_') {
                hyphen = true;
            }
        }
        if (sb.length() > max) {
            int cut = sb.lastIndexOf("-", max);
            sb.setLength(cut > 0 ? cut : max);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------- vocabulary

    /** Tag names, most popular first. The last {@link #UNUSED_TAGS} are never given to a post. */
    static final String[] TAGS = {
        "python", "django", "sql", "postgresql", "performance", "orm", "javascript", "testing", "sqlite",
        "devops", "java", "databases", "web", "security", "api", "rust", "go", "docker", "linux", "css",
        "react", "typescript", "kubernetes", "career", "tutorial", "architecture", "git", "aws", "caching",
        "async", "htmx", "data-science", "machine-learning", "accessibility", "redis", "celery", "graphql",
        "rest", "migrations", "indexing", "concurrency", "open-source", "productivity", "debugging",
        "refactoring", "tooling", "mysql", "cobol", "fortran", "perl",
    };
    static final int UNUSED_TAGS = 3;

    /** Relative frequency of 0, 1, ..., 6 tags on a post. */
    private static final int[] TAG_COUNT_WEIGHTS = {10, 24, 26, 18, 12, 6, 4};
    private static final int TAG_COUNT_TOTAL = 100;

    private static final String[] TECH_NAMES = {
        "Python", "Django", "SQL", "PostgreSQL", "SQLite", "JavaScript", "Java", "Rust", "Go", "Docker",
        "Linux", "TypeScript", "React", "Kubernetes", "Redis", "Celery", "GraphQL", "htmx", "MySQL", "Git",
    };

    private static final String[] THINGS = {
        "querysets", "database indexes", "foreign keys", "migrations", "subqueries", "window functions",
        "aggregations", "joins", "transactions", "connection pools", "unit tests", "background jobs",
        "caches", "APIs", "type hints", "async views", "data models", "full-text search", "query plans",
        "N+1 queries", "prefetching", "annotations", "signals", "middleware", "templates", "forms",
        "admin pages", "deployments", "logging", "feature flags", "schemas", "generated columns",
    };

    private static final String[] VERBS = {
        "optimize", "debug", "test", "design", "refactor", "profile", "cache", "index", "migrate", "document",
        "monitor", "secure", "simplify", "benchmark", "structure", "scale", "write", "review",
    };

    private static final String[] ADJECTIVES = {
        "practical", "simple", "quick", "better", "painless", "pragmatic", "safe", "surprising", "modern",
        "idiomatic", "fast", "boring", "reliable", "gentle", "complete", "opinionated",
    };

    static final String[] FIRST_NAMES = {
        "Ada", "Alan", "Grace", "Linus", "Guido", "Barbara", "Ken", "Margaret", "Dennis", "Radia", "Edsger",
        "Frances", "Donald", "Katherine", "John", "Hedy", "Tim", "Sophie", "Bjarne", "Anita", "James",
        "Mary", "Robert", "Lucy", "David", "Emma", "Daniel", "Olivia", "Michael", "Amelia", "Carlos", "Yuki",
        "Priya", "Mohammed", "Fatima", "Wei", "Ingrid", "Lars", "Aisha", "Mateo", "Chloe", "Noah", "Zoe",
        "Omar", "Elena", "Hiro", "Nina", "Pablo", "Sara", "Tomas", "Ravi", "Leila", "Jonas", "Marta",
    };

    static final String[] LAST_NAMES = {
        "Lovelace", "Turing", "Hopper", "Torvalds", "van Rossum", "Liskov", "Thompson", "Hamilton", "Ritchie",
        "Perlman", "Dijkstra", "Allen", "Knuth", "Johnson", "McCarthy", "Lamarr", "Berners-Lee", "Wilson",
        "Stroustrup", "Borg", "Gosling", "Smith", "Brown", "Garcia", "Martin", "Lee", "Walker", "Young",
        "King", "Wright", "Lopez", "Hill", "Scott", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell",
        "Tanaka", "Sato", "Kowalski", "Novak", "Jensen", "Nilsson", "Schmidt", "Rossi", "Dubois", "Silva",
        "Okafor", "Mensah", "Patel", "Singh", "Chen", "Wang", "Kim", "Park", "Haddad", "Ivanova", "O'Brien",
    };

    private static final String[] EMAIL_DOMAINS = {"example.com", "example.org", "example.net", "mail.example.com"};

    private static final String[] HANDLE_SUFFIXES = {"_dev", "42", "_codes", "_py", "-sql", "99", "_writes", "_io"};

    private static final String[] BIO_OPENERS = {
        "writes about", "builds things with", "teaches", "maintains open-source projects around",
        "spends too much time thinking about", "has been shipping software with", "consults on",
    };

    private static final String[] BIO_EXTRAS = {
        "Based in Lisbon.", "Coffee first.", "Speaks at meetups.", "Likes boring technology.",
        "Mentors new contributors.", "Runs a small consultancy.", "Writes a weekly newsletter.",
        "Former DBA.", "Plays the cello.", "Prefers tabs.",
    };

    private static final String[] COMMENT_OPENERS = {
        "Great post!", "Thanks.", "Nice write-up.", "Interesting.", "Hmm,", "I disagree:", "Question:",
        "This helped.", "Typo:", "+1.", "Bookmarked.", "Well explained.",
    };

    private static final String[] WORDS = {
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "for", "with", "without", "from", "by",
        "at", "as", "is", "are", "was", "be", "it", "this", "that", "these", "we", "you", "they", "our", "your",
        "not", "only", "also", "then", "when", "where", "which", "while", "because", "so", "if", "every",
        "each", "some", "many", "most", "few", "more", "less", "very", "often", "rarely", "always", "never",
        "query", "queries", "queryset", "database", "table", "tables", "row", "rows", "column", "columns",
        "index", "indexes", "join", "joins", "filter", "filters", "model", "models", "field", "fields",
        "relation", "foreign", "key", "keys", "primary", "unique", "null", "value", "values", "count", "sum",
        "average", "group", "order", "limit", "offset", "cursor", "connection", "transaction", "commit",
        "rollback", "lock", "schema", "migration", "migrations", "plan", "planner", "scan", "sequential",
        "cache", "cached", "memory", "disk", "latency", "throughput", "request", "response", "server",
        "client", "view", "views", "template", "form", "test", "tests", "fixture", "fixtures", "code",
        "function", "functions", "method", "class", "object", "objects", "instance", "list", "dict", "tuple",
        "string", "integer", "date", "time", "timestamp", "timezone", "author", "post", "posts", "comment",
        "comments", "tag", "tags", "user", "users", "profile", "page", "pages", "feature", "bug", "bugs",
        "fix", "release", "version", "upgrade", "deploy", "production", "staging", "local", "remote",
        "simple", "complex", "fast", "slow", "faster", "slower", "small", "large", "huge", "tiny", "new",
        "old", "clean", "messy", "careful", "lazy", "eager", "explicit", "implicit", "correct", "wrong",
        "better", "worse", "good", "bad", "real", "common", "rare", "useful", "obvious", "subtle", "tricky",
        "run", "runs", "ran", "read", "write", "writes", "load", "loads", "save", "saves", "fetch", "fetches",
        "select", "update", "delete", "insert", "annotate", "aggregate", "prefetch", "evaluate", "compile",
        "measure", "profile", "optimize", "avoid", "prefer", "use", "uses", "need", "needs", "want", "make",
        "makes", "keep", "keeps", "change", "changes", "check", "checks", "return", "returns", "build",
        "builds", "learn", "learned", "show", "shows", "explain", "explains", "expect", "find", "found",
        "think", "know", "see", "try", "tried", "works", "worked", "breaks", "broke", "helps", "matters",
        "first", "second", "next", "last", "before", "after", "again", "still", "already", "just", "even",
        "here", "there", "now", "later", "today", "yesterday", "tomorrow", "week", "month", "year", "team",
        "project", "production", "problem", "problems", "solution", "idea", "ideas", "question", "answer",
        "example", "examples", "pattern", "patterns", "trade-off", "detail", "details", "reason", "result",
    };
}
