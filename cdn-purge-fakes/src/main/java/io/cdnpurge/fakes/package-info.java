/**
 * Fakes of the vendors' purge APIs on MockWebServer, one package per vendor, sharing {@link
 * io.cdnpurge.fakes.FakeVendorApi}; and {@link io.cdnpurge.fakes.PurgeProviderCompatibilityKit}, the suite every
 * provider passes. Non-null unless documented otherwise.
 */
package io.cdnpurge.fakes;
