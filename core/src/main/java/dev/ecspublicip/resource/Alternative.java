package dev.ecspublicip.resource;

/**
 * One way a declared resource can come out at deployment, and what leads to it: a template's resource
 * whose properties depend on conditions is one alternative per combination of their values.
 *
 * @param condition what leads to it, e.g. {@code condition IsDev is true and condition HasNat is false};
 *     empty when nothing does
 */
public record Alternative(String condition, EcsResource resource) {}
