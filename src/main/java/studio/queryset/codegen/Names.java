package studio.queryset.codegen;

import java.util.Locale;
import java.util.Set;

/** Identifiers for generated code: Java members and types, constants, Python names, English plurals. */
final class Names {
    private static final Set<String> JAVA_RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte",
            "case", "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum",
            "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof",
            "int", "interface", "long", "native", "new", "package", "private", "protected", "public", "return",
            "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
            "transient", "try", "void", "volatile", "while", "true", "false", "null", "var", "yield", "record",
            "sealed", "permits", "_",
            // a record component may not shadow these methods of Object and Record
            "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait", "equals");

    private static final Set<String> PYTHON_RESERVED = Set.of("False", "None", "True", "and", "as", "assert",
            "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally",
            "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
            "return", "try", "while", "with", "yield");

    private Names() {
    }

    /** {@code published_at} → {@code publishedAt}, {@code author__name} → {@code authorName}; never a keyword. */
    static String member(String name) {
        String camel = camel(name);
        if (camel.isEmpty()) {
            camel = "value";
        }
        if (!Character.isJavaIdentifierStart(camel.charAt(0))) {
            camel = "_" + camel;
        }
        return JAVA_RESERVED.contains(camel) ? camel + "_" : camel;
    }

    /** {@code blog_post} → {@code BlogPost}, {@code findPosts} → {@code FindPosts}. */
    static String type(String name) {
        String camel = camel(name);
        return camel.isEmpty() ? "Value" : Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }

    /** {@code findPosts} → {@code FIND_POSTS}, {@code blog_post} → {@code BLOG_POST}. */
    static String constant(String name) {
        StringBuilder sb = new StringBuilder();
        String s = name.replaceAll("[^A-Za-z0-9]+", "_");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(s.charAt(i - 1))) {
                sb.append('_');
            }
            sb.append(Character.toUpperCase(c));
        }
        return sb.toString().replaceAll("_+", "_").replaceAll("^_|_$", "");
    }

    /** {@code searchPosts} → {@code search_posts}; a valid Python identifier, never a keyword. */
    static String python(String name) {
        String snake = constant(name).toLowerCase(Locale.ROOT);
        if (snake.isEmpty() || Character.isDigit(snake.charAt(0))) {
            snake = "_" + snake;
        }
        return PYTHON_RESERVED.contains(snake) ? snake + "_" : snake;
    }

    static boolean isJavaKeyword(String name) {
        return JAVA_RESERVED.contains(name) && !Character.isUpperCase(name.charAt(0));
    }

    /** Whether a Param name can be a Python argument as written. */
    static boolean isPythonIdentifier(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") && !PYTHON_RESERVED.contains(name);
    }

    /** Lower camel case of snake case or of words separated by anything else than letters and digits. */
    static String camel(String name) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = sb.length() > 0;
                continue;
            }
            if (sb.length() == 0) {
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
            }
            upper = false;
        }
        return sb.toString();
    }

    /** English plural of a (camel case) noun: the last word changes. */
    static String plural(String noun) {
        String lower = noun.toLowerCase(Locale.ROOT);
        if (lower.endsWith("y") && noun.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch")
                || lower.endsWith("sh")) {
            return noun + "es";
        }
        return noun + "s";
    }

    static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    static String upperFirst(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
