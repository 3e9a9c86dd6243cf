package studio.queryset.design;

/** A node position on the canvas, in canvas units (unzoomed pixels). */
public record Point(double x, double y) { }
