/** The canvas document: Design, its history, QueryDocument and its Revisions, layout, file format and migrations. */
package studio.queryset.design;
