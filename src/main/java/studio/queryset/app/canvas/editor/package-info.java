/** The node editor: cards, wires, drags and drops, warnings and every canvas action as a command. */
package studio.queryset.app.canvas.editor;
