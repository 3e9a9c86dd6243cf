/** Models, fields and relations: models.py import with warnings, bundled stand-ins, JDBC introspection, path resolution. */
package studio.queryset.schema;
