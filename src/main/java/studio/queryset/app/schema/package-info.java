/** The schema browser and the model inspector: models, fields and relations as people read them. */
package studio.queryset.app.schema;
