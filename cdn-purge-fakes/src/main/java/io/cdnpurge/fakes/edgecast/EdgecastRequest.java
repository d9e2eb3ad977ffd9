package io.cdnpurge.fakes.edgecast;

import java.util.List;

/**
 * One purge, bulk purge or load request that {@link FakeEdgecastApi} received, with the answer it gave. Immutable.
 *
 * @param operation  {@code purge}, {@code bulkpurge} or {@code load}
 * @param mediaPaths the {@code MediaPath} values (one, or a bulk purge's array); empty when unreadable
 * @param mediaType  the {@code MediaType}, or 0 when absent
 * @param status     the HTTP status answered
 * @param id         the id given when accepted, else null
 * @param authorization the {@code Authorization} header as sent
 */
public record EdgecastRequest(String operation, List<String> mediaPaths, int mediaType, int status, String id,
                              String authorization) {
    public EdgecastRequest {
        mediaPaths = List.copyOf(mediaPaths);
    }

    /** Whether Edgecast accepted the request (200 with an id). */
    public boolean accepted() {
        return status == 200 && id != null;
    }

    @Override
    public String toString() {
        // the token is not shown
        return "PUT /edge/" + operation + " " + mediaPaths + " MediaType " + mediaType + " → " + status
                + (id == null ? "" : " " + id);
    }
}
