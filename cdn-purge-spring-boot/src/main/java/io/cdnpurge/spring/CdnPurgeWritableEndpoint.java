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
 * of {@code url}, {@code prefix}, {@code tag}, {@code host} and {@code tenant}, each a string (Actuator reads a write
 * operation's body as a map of strings): several targets of a kind separated by spaces or line breaks, which no URL,
 * tag or host holds, e.g. {@code {"url": "https://www.example.com/a https://www.example.com/b"}}. Only when
 * {@code cdnpurge.actuator.purge-enabled=true}; secure the endpoint as any write operation (Spring Security).
 */
public class CdnPurgeWritableEndpoint extends CdnPurgeEndpoint {
    public CdnPurgeWritableEndpoint(io.cdnpurge.PurgeClient client) {
        super(client);
    }

    /** Purges the targets and answers the status and every outcome (failures with their reason). */
    @WriteOperation
    public Map<String, Object> purge(@Nullable String url, @Nullable String prefix, @Nullable String tag,
                                     @Nullable String host, @Nullable String tenant) {
        PurgeRequest request;
        try {
            request = request(split(url), split(prefix), split(tag), split(host), tenant);
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
        return answer(result);
    }

    /** The targets of one kind in a body's string, separated by spaces or line breaks; null when none. */
    @Nullable
    static List<String> split(@Nullable String targets) {
        if (targets == null || targets.isBlank()) {
            return null;
        }
        return List.of(targets.trim().split("\\s+"));
    }

    private static Map<String, Object> answer(PurgeResult result) {
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
