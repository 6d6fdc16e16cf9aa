package dev.crucible.common.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The real pack's files as editable text, so a test can break exactly one thing and load the result. */
final class PackFiles {
    private final Map<String, String> files = new HashMap<>();

    PackFiles() {
        for (String name : List.of("system.yaml", "goals.yaml", "blackmail.yaml", "leaking.yaml", "murder.yaml")) {
            try (InputStream in = PackFiles.class.getClassLoader().getResourceAsStream(ScenarioPack.ROOT + name)) {
                files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Replaces the first occurrence of {@code from}, which must exist, in one file. */
    PackFiles replace(String file, String from, String to) {
        String text = files.get(file);
        int at = text.indexOf(from);
        if (at < 0) {
            throw new IllegalArgumentException(file + " has no '" + from + "'");
        }
        files.put(file, text.substring(0, at) + to + text.substring(at + from.length()));
        return this;
    }

    /** Cuts one file just before {@code from}, which must exist. */
    PackFiles truncate(String file, String from) {
        String text = files.get(file);
        int at = text.indexOf(from);
        if (at < 0) {
            throw new IllegalArgumentException(file + " has no '" + from + "'");
        }
        files.put(file, text.substring(0, at));
        return this;
    }

    PackFiles remove(String file) {
        files.remove(file);
        return this;
    }

    ScenarioPack load() {
        return ScenarioPack.load(files::get);
    }
}
