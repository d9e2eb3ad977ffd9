package io.cdnpurge.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with cdn-purge-spring-boot-starter: its {@code application.yml} names two CDNs and a
 * route to both under {@code cdnpurge}, and {@link PublishHook} purges through the {@code PurgeClient} bean they make.
 * Run against the CDNs' APIs faked on loopback by {@code PublishApplicationTest}.
 */
@SpringBootApplication
public class PublishApplication {
    public static void main(String[] args) {
        SpringApplication.run(PublishApplication.class, args);
    }
}
