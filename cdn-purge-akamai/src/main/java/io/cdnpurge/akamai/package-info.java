/**
 * Akamai Fast Purge: {@link io.cdnpurge.akamai.AkamaiPurgeClient} and its configuration. Non-null unless
 * documented otherwise.
 */
package io.cdnpurge.akamai;
