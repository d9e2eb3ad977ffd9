/** Fastly implementation details. Not exported: no compatibility promise. */
package io.cdnpurge.fastly.internal;
