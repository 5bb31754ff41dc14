package io.kafkadr.workflows.testing;

import io.kafkadr.workflows.testing.RecordingFake.Call;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The calls of several fakes in one list, in call order: what a test reads to check the order of
 * steps across activity types. Fakes write to it once {@link RecordingFake#journalTo} named them.
 */
public final class Journal {

    /** One call of the fake named {@code fake}. */
    public record Entry(String fake, Call call) {

        public String method() {
            return fake + "." + call.method();
        }

        public Object arg(int index) {
            return call.arg(index);
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    void add(String fake, Call call) {
        entries.add(new Entry(fake, call));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
