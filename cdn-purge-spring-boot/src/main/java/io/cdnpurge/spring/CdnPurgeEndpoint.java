package io.cdnpurge.spring;

import io.cdnpurge.BucketRoute;
import io.cdnpurge.ClientHealth;
import io.cdnpurge.PurgeClient;
import io.cdnpurge.PurgePlan;
import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeRouter;
import io.cdnpurge.Route;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.lang.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Actuator endpoint {@code cdnpurge}, read-only: {@code GET /actuator/cdnpurge} shows the clients (provider and
 * health), the routes and the bucket routes of the {@link PurgeClient} bean; {@code GET /actuator/cdnpurge/plan?url=…
 * &tag=…&prefix=…&host=…&tenant=…} shows the vendor calls a purge of those targets would make, without making them
 * ({@link PurgeClient#plan}). Nothing here sends a request to a vendor or shows a credential. Purging through the
 * endpoint takes {@code cdnpurge.actuator.purge-enabled=true} ({@link CdnPurgeWritableEndpoint}). See
 * <a href="https://docs.spring.io/spring-boot/reference/actuator/endpoints.html">Spring Boot: Actuator endpoints</a>.
 */
@Endpoint(id = "cdnpurge")
public class CdnPurgeEndpoint {
    /** The selector of the dry-run read operation. */
    static final String PLAN = "plan";

    private final PurgeClient client;

    public CdnPurgeEndpoint(PurgeClient client) {
        this.client = client;
    }

    PurgeClient client() {
        return client;
    }

    /** The clients with their provider and health, the routes and the bucket routes. */
    @ReadOperation
    public Map<String, Object> clients() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> clients = new LinkedHashMap<>();
        for (ClientHealth health : client.health()) {
            clients.put(health.client(), CdnPurgeHealthIndicator.details(health));
        }
        out.put("clients", clients);
        if (client instanceof PurgeRouter) {
            PurgeRouter router = (PurgeRouter) client;
            List<Map<String, Object>> routes = new ArrayList<>();
            for (Route route : router.routes()) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("host", route.host());
                if (route.path() != null) {
                    shown.put("path", route.path());
                }
                if (route.tenant() != null) {
                    shown.put("tenant", route.tenant());
                }
                shown.put("clients", route.clients());
                routes.add(shown);
            }
            out.put("routes", routes);
            List<Map<String, Object>> buckets = new ArrayList<>();
            for (BucketRoute route : router.bucketRoutes()) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("bucket", route.bucket());
                shown.put("host", route.host());
                shown.put("path", route.path());
                shown.put("schemes", route.schemes());
                shown.put("clients", route.clients());
                shown.put("action", route.action().name());
                buckets.add(shown);
            }
            out.put("buckets", buckets);
        }
        return out;
    }

    /**
     * A dry run: the vendor calls a purge of these targets would make, per client; nothing is sent.
     *
     * @param operation {@code plan}; any other selector is not found
     */
    @ReadOperation
    public Map<String, Object> plan(@Selector String operation, @Nullable List<String> url,
                                    @Nullable List<String> prefix, @Nullable List<String> tag,
                                    @Nullable List<String> host, @Nullable String tenant) {
        if (!PLAN.equals(operation)) {
            return null;
        }
        try {
            return shown(client.plan(request(url, prefix, tag, host, tenant)));
        } catch (io.cdnpurge.PurgeException | IllegalArgumentException | IllegalStateException e) {
            // the caller's targets: a 400 saying what is wrong with them, not a 500
            throw new org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException(e.getMessage(),
                    e.getMessage());
        }
    }

    /** A request of these targets; at least one is needed. */
    static PurgeRequest request(@Nullable List<String> url, @Nullable List<String> prefix,
                                @Nullable List<String> tag, @Nullable List<String> host, @Nullable String tenant) {
        PurgeRequest.Builder request = PurgeRequest.builder();
        each(url).forEach(request::url);
        each(prefix).forEach(request::prefix);
        each(tag).forEach(request::tag);
        each(host).forEach(request::host);
        if (tenant != null && !tenant.isBlank()) {
            request.tenant(tenant);
        }
        return request.build();
    }

    private static List<String> each(@Nullable List<String> values) {
        List<String> all = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String one : value.split(",")) {
                    if (!one.isBlank()) {
                        all.add(one.trim());
                    }
                }
            }
        }
        return all;
    }

    private static Map<String, Object> shown(PurgePlan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targets", plan.targetCount());
        out.put("minimumCalls", plan.minimumCalls());
        // a router's plan has a part per client, named by the client; a single client's is its own
        List<PurgePlan> parts = plan.parts().isEmpty() ? List.of(plan) : plan.parts();
        List<Map<String, Object>> clients = new ArrayList<>();
        for (PurgePlan part : parts) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("client", part.providerId());
            shown.put("targets", part.targetCount());
            List<Map<String, Object>> calls = new ArrayList<>();
            for (PurgePlan.PlannedCall call : part.calls()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("kind", call.kind().name());
                one.put("call", call.description());
                one.put("targets", call.targets().size());
                calls.add(one);
            }
            shown.put("calls", calls);
            if (!part.notes().isEmpty()) {
                shown.put("notes", part.notes());
            }
            clients.add(shown);
        }
        out.put("plans", clients);
        if (!plan.notes().isEmpty()) {
            out.put("notes", plan.notes());
        }
        return out;
    }
}
