/**
 * The AWS CloudFront provider (id {@code cloudfront}) on the AWS SDK for Java v2 with its URL-connection HTTP client.
 */
module io.cdnpurge.cloudfront {
    requires transitive io.cdnpurge;
    requires transitive software.amazon.awssdk.auth;
    requires transitive software.amazon.awssdk.http;
    requires transitive software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.services.cloudfront;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.utils;
    requires org.slf4j;

    exports io.cdnpurge.cloudfront;

    provides io.cdnpurge.spi.PurgeProvider with io.cdnpurge.cloudfront.CloudFrontPurgeProvider;
}
