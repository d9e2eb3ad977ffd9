/**
 * AWS CloudFront: invalidations by path, wildcard ({@code PurgeTarget.prefix}), cache tag, host or everything,
 * kept within each distribution's in-flight quota, idempotent through {@code CallerReference}, with completion
 * polling and cost guardrails. Use {@link io.cdnpurge.cloudfront.CloudFrontPurgeClient#builder()} or
 * {@code CdnPurge.client("cloudfront", config)}.
 */
package io.cdnpurge.cloudfront;
