package dev.thaw.bench;

import java.util.List;

/**
 * The least time a restore of a function could take: its snapshot's bytes copied once at this machine's
 * memory-copy bandwidth. The bytes are the store's raw bytes of the function's one snapshot, an upper bound of its
 * memory image (they also count its /tmp, the runtime jar and CRIU's other image files).
 */
record PhysicalFloor(String function, long imageBytes, double floorMs) {

    static List<PhysicalFloor> of(List<SnapshotSize> sizes, MemoryBandwidth bandwidth) {
        return sizes.stream()
                .map(size -> new PhysicalFloor(size.function(), size.rawBytes(), bandwidth.millisFor(size.rawBytes())))
                .toList();
    }
}
