/**
 * Fastly: {@link io.cdnpurge.fastly.FastlyPurgeClient} and its configuration. Non-null unless documented
 * otherwise.
 */
package io.cdnpurge.fastly;
