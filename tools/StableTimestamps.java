import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gives regenerated files whose content did not change their earlier timestamps back, so the
 * compiler sees nothing new and compiles nothing.
 *
 * <p>The JTE plugin deletes and rewrites every generated template class on each build, which made
 * every {@code ./mvnw spring-boot:run} recompile all main and test classes. Run right after it: a
 * copy of the previous output is kept in {@code SHADOW}; a generated file equal to its copy gets
 * the copy's timestamp, any other file (new or changed) replaces its copy, and copies of files no
 * longer generated are deleted.
 *
 * <p>Usage: {@code java tools/StableTimestamps.java GENERATED_DIR SHADOW_DIR}
 */
class StableTimestamps {

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: StableTimestamps GENERATED_DIR SHADOW_DIR");
            System.exit(2);
        }
        Path generated = Path.of(args[0]);
        Path shadow = Path.of(args[1]);
        Files.createDirectories(generated);
        Files.createDirectories(shadow);
        Set<Path> current = Set.copyOf(files(generated));
        int kept = 0;
        int changed = 0;
        for (Path relative : current) {
            Path file = generated.resolve(relative);
            Path copy = shadow.resolve(relative);
            if (Files.isRegularFile(copy) && Files.mismatch(file, copy) == -1L) {
                Files.setLastModifiedTime(file, Files.getLastModifiedTime(copy));
                kept++;
            } else {
                Files.createDirectories(copy.getParent());
                Files.copy(
                        file,
                        copy,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
                changed++;
            }
        }
        for (Path relative : files(shadow)) {
            if (!current.contains(relative)) {
                Files.delete(shadow.resolve(relative));
            }
        }
        System.out.printf(
                "Generated sources: %d unchanged (timestamps kept), %d new or changed%n",
                kept, changed);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private StableTimestamps() {}
}
