#!/usr/bin/env python3
"""Re-points Java files written against the packages before the rooms moves (tools/rooms-moves.txt).

    tools/rooms-repoint.py FILE.java...

Rewrites imports and qualified names (old -> new, longest first) and adds an import for each moved class the
file names that used to share its package. It does not move the file: a class created in an old package still
has to be put in its room (git mv + package line) and run through this again.
"""
import os
import re
import sys

MOVES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'rooms-moves.txt')


def read_moves():
    moves = {}
    for line in open(MOVES):
        if '->' in line and not line.startswith('#'):
            old, new = line.split('->')
            moves[old.strip()] = new.split()[0]
    return moves


def repoint(text, moves, own_name=None):
    for old, new in sorted(moves.items(), key=lambda kv: -len(kv[0])):
        text = re.sub(re.escape(old) + r'\b', new, text)
    package = re.search(r'^package\s+([\w.]+);', text, re.M)
    if not package:
        return text
    own = package.group(1)
    lines = text.split('\n')
    imported = {l.split()[-1].rstrip(';').rsplit('.', 1)[-1] for l in lines if l.startswith('import ')}
    body = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', '\n'.join(l for l in lines if not l.startswith(('import ', 'package '))))
    needed = []
    for old, new in moves.items():
        old_pkg, name = old.rsplit('.', 1)
        if old_pkg == own and new.rsplit('.', 1)[0] != own and name not in imported and name != own_name \
                and re.search(r'\b' + name + r'\b', body):
            needed.append(new)
    for imp in sorted(needed):
        line = 'import ' + imp + ';'
        at = max((i + 1 for i, l in enumerate(lines) if l.startswith('import ')),
                 default=next(i for i, l in enumerate(lines) if l.startswith('package ')) + 1)
        lines.insert(at, line)
    own_classes = {new for new in moves.values() if new.rsplit('.', 1)[0] == own}
    lines = [l for l in lines if not (l.startswith('import ') and l.split()[-1].rstrip(';') in own_classes)]
    return '\n'.join(lines)


def main():
    moves = read_moves()
    for path in sys.argv[1:]:
        text = open(path).read()
        new = repoint(text, moves, os.path.basename(path)[:-len('.java')])
        if new != text:
            open(path, 'w').write(new)
            print('re-pointed', path)


if __name__ == '__main__':
    main()
