/** The inspector of the selected canvas node: one form view-model per kind of node, and its view. */
package studio.queryset.app.canvas.inspector;
