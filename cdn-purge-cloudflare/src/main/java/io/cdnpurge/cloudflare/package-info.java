/**
 * Cloudflare: {@link io.cdnpurge.cloudflare.CloudflarePurgeClient} and its configuration. Non-null unless
 * documented otherwise.
 */
package io.cdnpurge.cloudflare;
