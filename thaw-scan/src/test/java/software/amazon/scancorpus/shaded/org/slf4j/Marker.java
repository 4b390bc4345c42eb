package software.amazon.scancorpus.shaded.org.slf4j;

/** Stands for a relocated library class: library code, read for the hierarchy only. */
public final class Marker {

    public static final String NAME = "marker-" + System.nanoTime();

    private Marker() {
    }
}
