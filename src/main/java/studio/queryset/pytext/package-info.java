/** Python source as text: the lexer, parser, nodes and positions that models.py and Django text are read with. */
package studio.queryset.pytext;
