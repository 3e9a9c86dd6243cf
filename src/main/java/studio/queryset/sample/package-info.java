/** The sample blog: its data generator, the loader that creates and fills its tables, and the samples gallery. */
package studio.queryset.sample;
