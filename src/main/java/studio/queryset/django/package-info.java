/** Django text: the parser (with a source map from part to span) and the printer. */
package studio.queryset.django;
