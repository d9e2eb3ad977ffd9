package io.cdnpurge.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when any {@code cdnpurge.*} property other than {@code cdnpurge.outbox.*} and {@code cdnpurge.actuator.*}
 * is set: an application with the starter but no CDN configured starts without a client, while a misspelt section
 * ({@code cdnpurge.client.…}) still reaches the loader, which names it.
 */
class OnCdnPurgeClients extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        java.util.Set<String> sections = CdnPurgeTree.of(context.getEnvironment()).keySet();
        return sections.isEmpty()
                ? ConditionOutcome.noMatch("no cdnpurge.clients, routes, tenants, buckets or defaults property")
                : ConditionOutcome.match("cdnpurge properties " + sections);
    }
}
