/** The palette strip and the add-node search: what can be added at a place of the canvas. */
package studio.queryset.app.canvas.palette;
