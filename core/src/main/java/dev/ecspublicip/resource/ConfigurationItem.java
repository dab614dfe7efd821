package dev.ecspublicip.resource;

import java.time.Instant;

/** A configuration item as AWS Config recorded it: the resource, and when Config captured it. */
public record ConfigurationItem(EcsResource resource, Instant captureTime) {}
