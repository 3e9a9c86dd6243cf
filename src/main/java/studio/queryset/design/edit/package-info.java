/** The canvas edits: NodePath addressing, QueryLens and the small named operations on a query. */
package studio.queryset.design.edit;
