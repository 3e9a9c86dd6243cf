#!/usr/bin/env python3
"""Compare the SQL text of our compiler with the SQL Django 3.2 recorded for the differential expressions.

    java -jar target/queryset-studio.jar compile --models differential/shop/models.py --dialect mariadb --batch \\
        < <(python3 -c 'import json,sys; [print(json.loads(l)["expr"]) for l in open(sys.argv[1])]' \\
            src/test/resources/differential/expected.mariadb.jsonl) > /tmp/ours.jsonl
    python3 differential/golden/sql_text_diff.py src/test/resources/differential/expected.mariadb.jsonl \\
        /tmp/ours.jsonl [-v]

Django's "sql" is str(qs.query): parameters spliced in unquoted. Ours are put in the same way, then both texts are
normalised the way the golden review does: aliases (T3, U0, V1) unquoted, parentheses dropped, spaces collapsed.
Prints how many of the comparable expressions (with SQL on both sides, raw() left out) differ; -v shows them.
"""
import json
import re
import sys

def py(v):
    if v is True:
        return "True"
    if v is False:
        return "False"
    if v is None:
        return "None"
    if isinstance(v, dict):
        return str(v[next(iter(v))])
    if isinstance(v, list):
        return str(tuple(py(x) for x in v))
    return str(v)


def inline(sql, params):
    out, i, k = [], 0, 0
    while i < len(sql):
        c = sql[i]
        if c == "'":
            j = i + 1
            while j < len(sql) and not (sql[j] == "'" and (j + 1 >= len(sql) or sql[j + 1] != "'")):
                j += 2 if sql[j] == "\\" else 1
            out.append(sql[i:j + 1])
            i = j + 1
            continue
        if c == "?" and k < len(params):
            out.append(py(params[k]))
            k += 1
        else:
            out.append(c)
        i += 1
    return "".join(out)


def norm(x, q):
    x = re.sub(re.escape(q) + r"([TUV]\d+)" + re.escape(q), r"\1", x)
    x = x.replace("(", "").replace(")", "")
    return re.sub(r"\s+", " ", x).strip()


def main():
    expected_file, ours_file = sys.argv[1], sys.argv[2]
    q = "`" if "mariadb" in expected_file else '"'
    expected = [json.loads(line) for line in open(expected_file, encoding="utf-8")]
    ours = [json.loads(line) for line in open(ours_file, encoding="utf-8")]
    differ = total = 0
    for e, o in zip(expected, ours):
        if not e.get("sql") or "sql" not in o or ".raw(" in e["expr"]:
            continue
        total += 1
        mine = inline(o["sql"], o.get("params", []))
        if norm(e["sql"], q) != norm(mine, q):
            differ += 1
            if "-v" in sys.argv:
                print("#", e["expr"])
                print("  django:", e["sql"])
                print("  ours:  ", mine)
    print(f"{differ} of {total} differ")


if __name__ == "__main__":
    main()
