/** The CloudFront provider's internals; not an API. */
package io.cdnpurge.cloudfront.internal;
