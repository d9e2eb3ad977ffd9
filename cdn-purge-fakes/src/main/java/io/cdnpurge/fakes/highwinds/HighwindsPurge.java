package io.cdnpurge.fakes.highwinds;

import java.util.List;

/**
 * One purge request that {@link FakeHighwindsApi} received, with the answer it gave. Immutable.
 *
 * @param items         the list's entries as received
 * @param status        the HTTP status answered
 * @param id            the job id when accepted, else null
 * @param applicationId the {@code X-Application-Id} header, or null
 */
public record HighwindsPurge(List<Item> items, int status, String id, String applicationId) {
    public HighwindsPurge {
        items = List.copyOf(items);
    }

    /** One entry of {@code list}; a flag absent from the request reads false. */
    public record Item(String url, boolean recursive, boolean invalidateOnly, boolean purgeAllDynamic) {
    }

    /** Whether StrikeTracker accepted it (200 with an id). */
    public boolean accepted() {
        return status == 200 && id != null;
    }
}
