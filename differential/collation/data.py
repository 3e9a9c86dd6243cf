"""Deterministic rows for the collation app (explicit ids, no randomness)."""


def build_data():
    from collation.models import Word, Tagged

    texts = ["Zoe", "zoe", "ZOE", "Zoë", "zoe ", " zoe", "Straße", "strasse", "STRASSE", "résumé", "Resume",
             "50%_off", "50% off", "a\\b", "a_b", "ab", "Éclair", "eclair", "naïve", "NAIVE"]
    words = [Word(id=i, text=t, note=("n" + str(i % 3)) if i % 4 else None) for i, t in enumerate(texts, start=1)]
    tags = []
    tid = 0
    for w in words:
        for label in (["x", "X"] if w.id % 3 == 0 else ["y"]):
            tid += 1
            tags.append(Tagged(id=tid, word_id=w.id, label=label))
    return [(Word, words), (Tagged, tags)]
