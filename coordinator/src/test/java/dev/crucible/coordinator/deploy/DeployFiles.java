package dev.crucible.coordinator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The files in the repository's {@code deploy/} directory, read as the tools that use them would. */
final class DeployFiles {
    static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private DeployFiles() {
    }

    /** The repository's {@code deploy/} directory, found from the working directory upwards. */
    static Path dir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy").resolve("Dockerfile"))) {
                return dir.resolve("deploy");
            }
        }
        throw new IllegalStateException("deploy/Dockerfile not found above " + Path.of("").toAbsolutePath());
    }

    static Path repository() {
        return dir().getParent();
    }

    /** Every YAML file under {@code deploy/}, the validator's npm packages excluded. */
    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(dir())) {
            return files.filter(p -> !p.toString().contains("node_modules"))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a (multi-document) YAML file. */
    static List<JsonNode> documents(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            });
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    static JsonNode document(String relativePath) {
        List<JsonNode> docs = documents(dir().resolve(relativePath));
        if (docs.size() != 1) {
            throw new IllegalStateException(relativePath + " holds " + docs.size() + " documents, expected one");
        }
        return docs.getFirst();
    }

    /** Every Kubernetes object under {@code deploy/kubernetes/} (kustomization.yaml is no object). */
    static List<JsonNode> kubernetesObjects() {
        return yamlFiles().stream()
                .filter(p -> p.startsWith(dir().resolve("kubernetes")))
                .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                .flatMap(p -> documents(p).stream())
                .toList();
    }

    static JsonNode kubernetesObject(String kind, String name) {
        return kubernetesObjects().stream()
                .filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in deploy/kubernetes"));
    }

    static String read(String relativePath) {
        try {
            return Files.readString(dir().resolve(relativePath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code deploy/validate/validate.mjs} with {@code args}. Fails, never skips, when Node.js or the validator's
     * packages are missing: a deploy/ that nobody checked must not pass.
     */
    static NodeRun validator(String... args) {
        Path validate = dir().resolve("validate");
        if (!Files.isDirectory(validate.resolve("node_modules"))) {
            throw new AssertionError("the deploy/ validator is not installed: run deploy/validate/install (./run-tests does)");
        }
        List<String> command = new ArrayList<>(List.of("node", validate.resolve("validate.mjs").toString()));
        command.addAll(List.of(args));
        Path errors = null;
        try {
            // stderr to a file, so that neither pipe can fill up while the other is read
            errors = Files.createTempFile("crucible-deploy-validate-", ".err");
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the deploy/ validator did not finish: " + command);
            }
            return new NodeRun(process.exitValue(), out, Files.readString(errors, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run node (Node.js 20+ is needed to validate deploy/: deploy/validate/install): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            if (errors != null) {
                errors.toFile().delete();
            }
        }
    }

    record NodeRun(int exitCode, String out, String err) {
    }
}
