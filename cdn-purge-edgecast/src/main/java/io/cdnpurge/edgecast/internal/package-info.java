/** The Edgecast provider's internals; not an API. */
package io.cdnpurge.edgecast.internal;
