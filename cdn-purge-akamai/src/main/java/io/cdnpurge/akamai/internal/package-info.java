/** Akamai implementation details: EdgeGrid signing, {@code .edgerc} parsing, the Fast Purge calls. Not exported. */
package io.cdnpurge.akamai.internal;
