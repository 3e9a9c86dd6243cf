/** The command-line entry points: eval, compile, export and sample-db. */
package studio.queryset.cli;
