package studio.queryset.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import studio.queryset.sql.format.SqlScan;

/**
 * A statement the generated code puts together when it runs, from fixed fragments: the text around its WHERE
 * and HAVING clauses and their AND terms. A term is always there, or owned by one optional condition (there when
 * its Param is given), or an OR group some of whose alternatives are owned: the compiler drops a left-out
 * alternative, writes a lone one bare and drops the group when none is left. What owns what is learned from the
 * compiler's own statements (each with one condition left out), then checked against every statement planned.
 */
final class ComposedSql {
    /** A fragment and the dimension (optional Param) that owns it; null: always there. */
    record Piece(String text, String owner) {
    }

    /** A top-level term of WHERE or HAVING: one piece, or (group) the alternatives of an OR. */
    record Term(boolean inHaving, boolean group, List<Piece> pieces) {
    }

    private final SqlWhere where;
    private final List<Term> terms;

    private ComposedSql(SqlWhere where, List<Term> terms) {
        this.where = where;
        this.terms = terms;
    }

    SqlWhere where() {
        return where;
    }

    List<Term> terms() {
        return terms;
    }

    /**
     * Learns the fragments of {@code full} from {@code without} (a dimension → the statement with it left out);
     * null when some dimension's condition is not one term or one OR alternative of the outer clauses.
     */
    static ComposedSql learn(String full, List<String> dims, Function<String, String> without) {
        SqlWhere where = SqlWhere.of(full);
        if (where == null) {
            return null;
        }
        List<String> all = where.allTerms();
        List<List<Piece>> pieces = new ArrayList<>();
        List<String[]> alternatives = new ArrayList<>();
        Map<Integer, String> wholeOwner = new java.util.HashMap<>();
        for (String t : all) {
            String[] alts = alternatives(t);
            alternatives.add(alts);
            List<Piece> ps = new ArrayList<>();
            for (String a : alts == null ? new String[] {t} : alts) {
                ps.add(new Piece(a, null));
            }
            pieces.add(ps);
        }
        for (String dim : dims) {
            SqlWhere other = SqlWhere.of(without.apply(dim));
            if (other == null) {
                return null;
            }
            List<Integer> missing = where.missingFrom(other);
            if (missing.size() == 1 && missing.get(0) >= 0) {
                int i = missing.get(0);
                if (wholeOwner.containsKey(i) || pieces.get(i).stream().anyMatch(p -> p.owner() != null)) {
                    return null;
                }
                wholeOwner.put(i, dim);
                continue;
            }
            if (!where.head().equals(other.head()) || !where.middle().equals(other.middle())
                    || !where.tail().equals(other.tail()) || where.terms().size() != other.terms().size()
                    || where.having().size() != other.having().size()) {
                return null;
            }
            List<String> theirs = other.allTerms();
            int changed = -1;
            for (int i = 0; i < all.size(); i++) {
                if (!all.get(i).equals(theirs.get(i))) {
                    if (changed >= 0) {
                        return null;
                    }
                    changed = i;
                }
            }
            if (changed < 0 || alternatives.get(changed) == null || wholeOwner.containsKey(changed)) {
                return null;
            }
            String[] alts = alternatives.get(changed);
            int owned = -1;
            for (int j = 0; j < alts.length; j++) {
                List<String> rest = new ArrayList<>(List.of(alts));
                rest.remove(j);
                if (anyOf(rest).equals(theirs.get(changed)) && pieces.get(changed).get(j).owner() == null) {
                    owned = j;
                    break;
                }
            }
            if (owned < 0) {
                return null;
            }
            pieces.get(changed).set(owned, new Piece(alts[owned], dim));
        }
        List<Term> terms = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            boolean having = where.inHaving(i);
            boolean group = pieces.get(i).stream().anyMatch(p -> p.owner() != null);
            if (group) {
                terms.add(new Term(having, true, List.copyOf(pieces.get(i))));
            } else {
                terms.add(new Term(having, false, List.of(new Piece(all.get(i), wholeOwner.get(i)))));
            }
        }
        return new ComposedSql(where, terms);
    }

    /** The statement with the dimensions in {@code present} given, as the generated code composes it. */
    String render(Set<String> present) {
        List<String> kept = new ArrayList<>();
        List<String> keptHaving = new ArrayList<>();
        for (Term t : terms) {
            List<String> given = new ArrayList<>();
            for (Piece p : t.pieces()) {
                if (p.owner() == null || present.contains(p.owner())) {
                    given.add(p.text());
                }
            }
            if (!given.isEmpty()) {
                (t.inHaving() ? keptHaving : kept).add(t.group() ? anyOf(given) : given.get(0));
            }
        }
        return where.with(kept, keptHaving);
    }

    /** The compiler's OR of alternatives: a lone one bare, several in parentheses. */
    static String anyOf(List<String> alternatives) {
        return alternatives.size() == 1 ? alternatives.get(0) : "(" + String.join(" OR ", alternatives) + ")";
    }

    /** The alternatives of a term that is one parenthesized OR ({@code (a OR b)}), else null. */
    private static String[] alternatives(String term) {
        if (!term.startsWith("(") || closing(term) != term.length() - 1) {
            return null;
        }
        String inside = term.substring(1, term.length() - 1);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int at = SqlScan.topLevel(inside, 0, " OR "); at >= 0; at = SqlScan.topLevel(inside, start, " OR ")) {
            out.add(inside.substring(start, at));
            start = at + " OR ".length();
        }
        out.add(inside.substring(start));
        return out.size() < 2 ? null : out.toArray(String[]::new);
    }

    /** Where the parenthesis opening {@code text} closes (quotes skipped), or -1. */
    private static int closing(String text) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
