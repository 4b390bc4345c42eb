package example.hostile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code dev}: lists /dev and opens, read-only and without reading, the devices that reach the kernel or the
 * machine (/dev/mem, /dev/kmem, /dev/port, /dev/kmsg, /dev/kvm, /dev/userfaultfd) and every block device there;
 * looks into /dev/shm. Escaped when any of them opens or /dev/shm shows files (the host keeps snapshots there).
 */
final class Devices implements Attempt {

    private static final Path DEV = Path.of("/dev");
    private static final List<String> SENSITIVE = List.of("mem", "kmem", "port", "kmsg", "kvm", "userfaultfd");
    private static final int FILE_TYPE = 0170000;
    private static final int BLOCK_DEVICE = 0060000;

    @Override
    public Outcome run(Input input) {
        List<String> listing = names(DEV);
        List<Path> targets = new ArrayList<>();
        SENSITIVE.forEach(name -> targets.add(DEV.resolve(name)));
        listing.stream().map(DEV::resolve).filter(Devices::isBlockDevice).forEach(targets::add);
        List<String> opened = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Path device : targets) {
            if (!Files.exists(device, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(device, StandardOpenOption.READ)) {
                opened.add(device.toString());
            } catch (IOException e) {
                refused.add(Failures.describe(e));
            }
        }
        List<String> shm = names(DEV.resolve("shm"));
        boolean escaped = !opened.isEmpty() || !shm.isEmpty();
        String detail = "/dev lists " + listing.size() + " entries; opened " + opened + "; refused " + refused
                + "; /dev/shm lists " + shm.size() + " entries";
        return Outcome.of(escaped, detail)
                .with("dev", listing)
                .with("opened", opened)
                .with("shmEntries", shm.size());
    }

    private static boolean isBlockDevice(Path path) {
        try {
            int mode = (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & FILE_TYPE) == BLOCK_DEVICE;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
