package io.cdnpurge.spring;

import io.cdnpurge.PurgeRequest;
import io.cdnpurge.PurgeResult;
import io.cdnpurge.TargetOutcome;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code cdnpurge} endpoint with a write operation that purges: {@code POST /actuator/cdnpurge} with a JSON body
 * of {@code url}, {@code prefix}, {@code tag}, {@code host} (lists) and {@code tenant}. Only when
 * {@code cdnpurge.actuator.purge-enabled=true}; secure the endpoint as any write operation (Spring Security).
 */
public class CdnPurgeWritableEndpoint extends CdnPurgeEndpoint {
    public CdnPurgeWritableEndpoint(io.cdnpurge.PurgeClient client) {
        super(client);
    }

    /** Purges the targets and answers the status and every outcome (failures with their reason). */
    @WriteOperation
    public Map<String, Object> purge(@Nullable List<String> url, @Nullable List<String> prefix,
                                     @Nullable List<String> tag, @Nullable List<String> host,
                                     @Nullable String tenant) {
        PurgeRequest request;
        try {
            request = request(url, prefix, tag, host, tenant);
        } catch (IllegalArgumentException | IllegalStateException | io.cdnpurge.PurgeException e) {
            throw new org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException(e.getMessage(),
                    e.getMessage());
        }
        PurgeResult result;
        try {
            result = client().purge(request);
        } catch (io.cdnpurge.InvalidPurgeRequestException | io.cdnpurge.UnsupportedPurgeException e) {
            throw new org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException(e.getMessage(),
                    e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", result.status().name());
        List<Map<String, Object>> outcomes = new ArrayList<>();
        for (TargetOutcome outcome : result.outcomes()) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("target", outcome.target().toString());
            shown.put("client", outcome.provider());
            shown.put("status", outcome.status().name());
            outcome.error().ifPresent(error -> shown.put("error", error.getMessage()));
            outcomes.add(shown);
        }
        out.put("outcomes", outcomes);
        return out;
    }
}
