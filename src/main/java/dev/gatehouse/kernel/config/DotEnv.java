package dev.gatehouse.kernel.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code .env} files: {@code NAME=value} lines, {@code #} comments, optional {@code export }
 * prefix, values optionally in single or double quotes. No variable expansion, so a value is taken
 * exactly as written. A malformed line is a {@link ConfigProblem} naming the file and line.
 */
final class DotEnv {

    private static final java.util.regex.Pattern NAME =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private DotEnv() {}

    static Map<String, String> read(Path file, List<ConfigProblem> problems) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            String name = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !NAME.matcher(name).matches()) {
                problems.add(
                        new ConfigProblem(
                                file.getFileName() + ":" + (i + 1), "expected NAME=value"));
                continue;
            }
            out.put(name, unquote(line.substring(eq + 1).strip()));
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2
                && (v.startsWith("\"") && v.endsWith("\"")
                        || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        int comment = v.indexOf(" #");
        return comment >= 0 ? v.substring(0, comment).strip() : v;
    }
}
