package io.cdnpurge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Keeps every event it sees. Thread-safe. */
public class RecordingListener implements PurgeListener {
    private final List<PurgeEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(PurgeEvent event) {
        events.add(event);
    }

    public List<PurgeEvent> events() {
        return List.copyOf(events);
    }

    public List<PurgeEvent> ofType(PurgeEvent.Type type) {
        return events.stream().filter(event -> event.type() == type).collect(Collectors.toList());
    }

    public List<PurgeEvent.Type> types() {
        return events.stream().map(PurgeEvent::type).collect(Collectors.toList());
    }
}
