import com.google.googlejavaformat.java.Formatter;
import com.google.googlejavaformat.java.FormatterException;
import com.google.googlejavaformat.java.JavaFormatterOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The build's formatter: google-java-format (AOSP style: 4-space indent, 100 columns, imports
 * sorted and unused ones removed) over every Java file under the given roots.
 *
 * <p>Run by Maven in {@code validate} on the JDK 25 toolchain, because the formatter parses with
 * the running JDK's compiler and Maven itself may run on an older Java. {@code check} lists the
 * files that differ and exits 1; {@code apply} rewrites them. Files whose content hash was
 * formatted before (kept in {@code target/format.cache}) are skipped, so a rebuild costs about a
 * second. A clean run touches {@code CACHE.ok}; the build skips this program altogether while no
 * Java file is newer than that stamp.
 *
 * <p>Usage: {@code java -cp google-java-format-all-deps.jar tools/Format.java check|apply CACHE
 * ROOT...}
 */
class Format {

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || !Set.of("check", "apply").contains(args[0])) {
            System.err.println("usage: Format check|apply CACHE_FILE ROOT...");
            System.exit(2);
        }
        boolean apply = args[0].equals("apply");
        Path cacheFile = Path.of(args[1]);
        Set<String> known = readCache(cacheFile);
        List<Path> files;
        try (Stream<Path> roots =
                Stream.of(args).skip(2).map(Path::of).filter(Files::isDirectory)) {
            files = roots.flatMap(Format::javaFiles).sorted().toList();
        }
        Formatter formatter =
                new Formatter(
                        JavaFormatterOptions.builder()
                                .style(JavaFormatterOptions.Style.AOSP)
                                .build());
        Map<Path, String> problems = new ConcurrentHashMap<>();
        Set<String> formatted = ConcurrentHashMap.newKeySet();
        files.parallelStream()
                .forEach(
                        file -> {
                            String source = read(file);
                            String hash = sha256(source);
                            if (known.contains(hash)) {
                                formatted.add(hash);
                                return;
                            }
                            try {
                                String result = fixedPoint(formatter, source);
                                if (result.equals(source)) {
                                    formatted.add(hash);
                                } else if (apply) {
                                    Files.writeString(file, result, StandardCharsets.UTF_8);
                                    formatted.add(sha256(result));
                                } else {
                                    problems.put(file, "not formatted");
                                }
                            } catch (FormatterException e) {
                                problems.put(file, e.getMessage());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
        Files.createDirectories(cacheFile.toAbsolutePath().getParent());
        Files.write(cacheFile, formatted.stream().sorted().toList(), StandardCharsets.UTF_8);
        if (!problems.isEmpty()) {
            problems.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(
                            e ->
                                    System.err.println(
                                            "[FORMAT] " + e.getKey() + ": " + e.getValue()));
            System.err.println(
                    "[FORMAT] "
                            + problems.size()
                            + " file(s) need formatting: run ./mvnw validate -Dformat=apply");
            System.exit(1);
        }
        System.out.println(
                "[FORMAT] " + files.size() + " Java files formatted (google-java-format, AOSP)");
        // Only a clean run touches this stamp: the build skips the step while no source is newer.
        Files.writeString(Path.of(args[1] + ".ok"), "", StandardCharsets.UTF_8);
    }

    /**
     * google-java-format reflows long strings after laying out the code, so one pass is not always
     * stable; format until the text stops changing (two passes in practice).
     */
    private static String fixedPoint(Formatter formatter, String source) throws FormatterException {
        String current = source;
        for (int pass = 0; pass < 5; pass++) {
            String next = formatter.formatSourceAndFixImports(current);
            if (next.equals(current)) {
                return next;
            }
            current = next;
        }
        throw new FormatterException("formatting does not settle after 5 passes");
    }

    private static Stream<Path> javaFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> readCache(Path cacheFile) throws IOException {
        if (!Files.isRegularFile(cacheFile)) {
            return Set.of();
        }
        return Files.readAllLines(cacheFile, StandardCharsets.UTF_8).stream()
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
