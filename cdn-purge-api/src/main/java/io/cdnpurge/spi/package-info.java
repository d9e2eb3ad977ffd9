/**
 * What a provider implements: {@link io.cdnpurge.spi.PurgeProvider} (discovery) and
 * {@link io.cdnpurge.spi.PurgeBackend} (vendor knowledge), turned into a client by
 * {@link io.cdnpurge.spi.PurgeEngine}. Non-null unless documented otherwise.
 */
package io.cdnpurge.spi;
