package example;

import java.util.ArrayList;
import java.util.List;

/** Allocates until the heap runs out. */
public class Hungry {

    private static final List<long[]> HOARD = new ArrayList<>();

    public static String eat() {
        while (true) {
            HOARD.add(new long[1 << 20]);
        }
    }
}
