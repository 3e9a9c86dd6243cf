/** The teaching: lesson definitions with checkable claims, the N+1 comparison and the race lesson. */
package studio.queryset.lessons;
