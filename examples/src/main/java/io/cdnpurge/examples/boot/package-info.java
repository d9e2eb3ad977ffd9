/**
 * A Spring Boot application with cdn-purge-spring-boot-starter: {@link io.cdnpurge.examples.boot.PublishApplication}
 * and its publish hook, {@link io.cdnpurge.examples.boot.PublishHook}, which purges through the {@code PurgeClient}
 * bean that {@code application.yml}'s {@code cdnpurge} properties describe.
 */
package io.cdnpurge.examples.boot;
