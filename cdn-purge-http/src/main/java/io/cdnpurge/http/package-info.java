/**
 * Plumbing for provider implementations: {@link io.cdnpurge.http.HttpJson} (one OkHttp client, one Jackson mapper),
 * {@link io.cdnpurge.http.HttpSettings} (endpoint and timeouts from configuration), and
 * {@link io.cdnpurge.http.VendorErrors} (vendor answers to the exception hierarchy). Meant for provider authors;
 * applications use {@code io.cdnpurge}. Non-null unless documented otherwise.
 */
package io.cdnpurge.http;
