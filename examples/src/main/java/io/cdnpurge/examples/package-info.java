/**
 * Runnable programs: {@link io.cdnpurge.examples.PublishDemo} (the README's demo),
 * {@link io.cdnpurge.examples.PurgeBenchmark}, and {@link io.cdnpurge.examples.ArticlePublisher}, a CMS hook tested
 * with the recording client.
 */
package io.cdnpurge.examples;
