package io.cdnpurge.spring;

import io.cdnpurge.InvalidConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start-up that failed on the cdn-purge configuration is reported with every problem, one a line, each naming its
 * key, and what to do: not as a stack trace. See
 * <a href="https://docs.spring.io/spring-boot/how-to/application.html#howto.application.failure-analyzer">Spring
 * Boot: create your own FailureAnalyzer</a>.
 */
public class CdnPurgeFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        StringBuilder description = new StringBuilder("The cdn-purge configuration has ")
                .append(cause.problems().size() == 1 ? "a problem" : cause.problems().size() + " problems")
                .append(":\n");
        cause.problems().forEach(problem -> description.append("\n    - ").append(problem));
        return new FailureAnalysis(description.toString(), "Correct the cdnpurge properties named above (in "
                + "application.yml, application.properties or their environment variables). cdnpurge.clients.<name> "
                + "takes the keys of its provider (provider: cloudflare, akamai, fastly, cloudfront, edgecast or "
                + "highwinds), cdnpurge.defaults the engine keys every client has; your IDE completes them from "
                + "the configuration metadata.", cause);
    }
}
