/** The design canvas: the node editor, the inspectors of its nodes and the palette with the add-node search. */
package studio.queryset.app.canvas;
