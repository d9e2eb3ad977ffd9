/** The Highwinds provider's internals; not an API. */
package io.cdnpurge.highwinds.internal;
