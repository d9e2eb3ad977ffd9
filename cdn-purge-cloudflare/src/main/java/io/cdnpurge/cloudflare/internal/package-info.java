/** Cloudflare implementation details. Not exported: no compatibility promise. */
package io.cdnpurge.cloudflare.internal;
