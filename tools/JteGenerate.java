import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.resolve.DirectoryCodeResolver;
import gg.jte.runtime.Constants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Generates the Java sources of the JTE templates, then gives every generated file whose content
 * did not change its earlier timestamp back, so the compiler sees nothing new.
 *
 * <p>Generation is JTE's own: the same {@code TemplateEngine} calls as {@code jte-maven-plugin}'s
 * {@code generate} goal (HTML content type, the precompiled package, the project namespace {@code
 * groupId/artifactId}), on the JTE version the application runs. Maven runs this step only while a
 * template, this file or the POM is newer than {@code STAMP}, which is touched at the end; with
 * nothing changed the step costs nothing (docs/adr/0017).
 *
 * <p>A copy of the previous output is kept in {@code PREVIOUS}: a generated file equal to its copy
 * gets the copy's timestamp, any other file (new or changed) replaces its copy, and copies of files
 * no longer generated are deleted.
 *
 * <p>Usage: {@code java -cp JTE_CLASSPATH tools/JteGenerate.java TEMPLATES GENERATED PREVIOUS STAMP
 * NAMESPACE}
 */
class JteGenerate {

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: JteGenerate TEMPLATES GENERATED PREVIOUS STAMP NAMESPACE");
            System.exit(2);
        }
        Path templates = Path.of(args[0]);
        Path generated = Path.of(args[1]);
        Path previous = Path.of(args[2]);
        Path stamp = Path.of(args[3]);
        String namespace = args[4];

        TemplateEngine engine =
                TemplateEngine.create(
                        new DirectoryCodeResolver(templates),
                        generated,
                        ContentType.Html,
                        null,
                        Constants.PACKAGE_NAME_PRECOMPILED);
        engine.setProjectNamespace(namespace);
        engine.cleanAll();
        int templateCount = engine.generateAll().size();

        Files.createDirectories(generated);
        Files.createDirectories(previous);
        Set<Path> current = Set.copyOf(files(generated));
        int kept = 0;
        int changed = 0;
        for (Path relative : current) {
            Path file = generated.resolve(relative);
            Path copy = previous.resolve(relative);
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
        for (Path relative : files(previous)) {
            if (!current.contains(relative)) {
                Files.delete(previous.resolve(relative));
            }
        }
        touch(stamp);
        System.out.printf(
                "JTE: %d templates; generated sources: %d unchanged (timestamps kept), %d new or"
                        + " changed%n",
                templateCount, kept, changed);
    }

    private static void touch(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } else {
            Files.createFile(file);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private JteGenerate() {}
}
