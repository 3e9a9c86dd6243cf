/** Code generators: Java (plain JDBC and the QuerySet API) and Django Python. */
package studio.queryset.codegen;
