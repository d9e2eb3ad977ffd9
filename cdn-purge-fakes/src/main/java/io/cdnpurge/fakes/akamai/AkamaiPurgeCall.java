package io.cdnpurge.fakes.akamai;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Fast Purge request as {@link FakeAkamaiApi} received it, and how it answered. Immutable.
 */
public final class AkamaiPurgeCall {
    private final String operation;
    private final String type;
    private final String network;
    private final List<String> objects;
    private final int bodyBytes;
    private final String body;
    private final Map<String, List<String>> headers;
    private final String accountSwitchKey;
    private final int status;
    private final String title;
    private final String purgeId;
    private final String supportId;

    AkamaiPurgeCall(String operation, String type, String network, List<String> objects, int bodyBytes, String body,
                    Map<String, List<String>> headers, String accountSwitchKey, int status, String title,
                    String purgeId, String supportId) {
        this.operation = operation;
        this.type = type;
        this.network = network;
        this.objects = List.copyOf(objects);
        this.bodyBytes = bodyBytes;
        this.body = body;
        this.headers = Map.copyOf(headers);
        this.accountSwitchKey = accountSwitchKey;
        this.status = status;
        this.title = title;
        this.purgeId = purgeId;
        this.supportId = supportId;
    }

    /** {@code invalidate} or {@code delete}, as in the path. */
    public String operation() {
        return operation;
    }

    /** {@code url}, {@code cpcode} or {@code tag}, as in the path. */
    public String type() {
        return type;
    }

    /** {@code production} or {@code staging}, as in the path. */
    public String network() {
        return network;
    }

    /** The body's objects as their JSON text: URLs and tags unquoted, CP codes as the number. */
    public List<String> objects() {
        return objects;
    }

    /** The size of the request body in bytes. */
    public int bodyBytes() {
        return bodyBytes;
    }

    public String body() {
        return body;
    }

    /** Request headers, names lower case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public Optional<String> accountSwitchKey() {
        return Optional.ofNullable(accountSwitchKey);
    }

    /** The HTTP status answered; 0 when the call was dropped or stalled. */
    public int status() {
        return status;
    }

    /** The problem title of a failure, e.g. {@code URL Rate Limit exceeded}. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    public Optional<String> purgeId() {
        return Optional.ofNullable(purgeId);
    }

    /** The {@code supportId} the fake answered with, success or failure. */
    public String supportId() {
        return supportId;
    }

    public boolean succeeded() {
        return status == 201;
    }

    @Override
    public String toString() {
        return "POST /ccu/v3/" + operation + "/" + type + "/" + network + " objects×" + objects.size() + " ("
                + bodyBytes + " bytes) → " + status + (title == null ? "" : " " + title);
    }
}
