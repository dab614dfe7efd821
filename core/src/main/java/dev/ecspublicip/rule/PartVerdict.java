package dev.ecspublicip.rule;

/**
 * The verdict on one part of what decides a resource's verdict, and how annotations name that part: one way
 * a template's conditions can make the resource ({@code condition IsDev is true}), or one of the points
 * from which a resource launches tasks.
 */
public record PartVerdict(String part, Verdict verdict) {}
