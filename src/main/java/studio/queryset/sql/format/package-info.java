/** The layout of SQL text for reading: clause and condition line breaks, inlined values, the SQL tab's text. */
package studio.queryset.sql.format;
