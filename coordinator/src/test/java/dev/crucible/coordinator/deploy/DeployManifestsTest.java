package dev.crucible.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.spec.SweepSpec;
import dev.crucible.coordinator.cli.Crucible;
import dev.crucible.coordinator.observe.MetricsConfig;
import dev.crucible.worker.provider.http.ApiKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * deploy/ agrees with the code: ports and probe paths are the processes' defaults, the image's user is the one the
 * manifests demand, the containers' arguments are options the CLI accepts, the sweep spec loads, the keys it names
 * reach the workers, the autoscaler reads the queue of this installation's namespace.
 */
class DeployManifestsTest {
    /** The processes' defaults for {@code --metrics-port}: {@code /metrics} and {@code /health/*} are served there. */
    private static final int WORKER_METRICS_PORT = MetricsConfig.WORKER_PORT;
    private static final int COORDINATOR_METRICS_PORT = MetricsConfig.COORDINATOR_PORT;
    /** The worker's default {@code --drain-timeout}: SIGTERM to exit takes at most this long plus closing. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(Long.parseLong(new CommandLine(new Crucible())
            .getSubcommands().get("worker").getCommandSpec().findOption("--drain-timeout").defaultValue()));
    private static final int IMAGE_UID = 10001;
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    @Test
    void everyYamlFileParsesAndTheDashboardIsJson() throws Exception {
        List<Path> files = DeployFiles.yamlFiles();

        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        for (Path file : files) {
            assertThat(DeployFiles.documents(file)).as(file.toString()).isNotEmpty();
        }
        JsonNode dashboard = DeployFiles.JSON.readTree(DeployFiles.dir().resolve("grafana/dashboards/crucible.json").toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("crucible");
        assertThat(dashboard.path("panels").size()).isGreaterThan(10);
    }

    @Test
    void workerProbesAndScrapeAnnotationsUseTheWorkersMetricsPort() {
        JsonNode pod = podTemplate(DeployFiles.kubernetesObject("Deployment", "crucible-worker"));
        JsonNode container = onlyContainer(pod);

        assertThat(metricsPort(container)).isEqualTo(WORKER_METRICS_PORT);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
        for (String probe : List.of("livenessProbe", "startupProbe", "readinessProbe")) {
            assertThat(container.path(probe).path("httpGet").path("port").asText()).as(probe).isEqualTo("metrics");
        }
        assertScrapeAnnotations(pod, WORKER_METRICS_PORT);
    }

    @Test
    void coordinatorJobServesItsMetricsOnTheCoordinatorsPort() {
        JsonNode job = DeployFiles.kubernetesObject("Job", "crucible-sweep-blackmail-pilot");
        JsonNode pod = podTemplate(job);
        JsonNode container = onlyContainer(pod);

        assertThat(metricsPort(container)).isEqualTo(COORDINATOR_METRICS_PORT);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertScrapeAnnotations(pod, COORDINATOR_METRICS_PORT);
        assertThat(pod.path("spec").path("restartPolicy").asText()).isEqualTo("Never");
        // exit code 2 means the spec was refused: retrying cannot help
        assertThat(job.path("spec").path("podFailurePolicy").toString()).contains("FailJob").contains("[2]");
    }

    @Test
    void workersAreGivenMoreTimeToStopThanTheirDrainTimeout() {
        assertThat(DRAIN_TIMEOUT).isEqualTo(dev.crucible.worker.WorkerConfig.DEFAULT_DRAIN_TIMEOUT);
        JsonNode pod = podTemplate(DeployFiles.kubernetesObject("Deployment", "crucible-worker"));
        JsonNode compose = DeployFiles.document("docker-compose.yml");

        assertThat(Duration.ofSeconds(pod.path("spec").path("terminationGracePeriodSeconds").asLong())).isGreaterThan(DRAIN_TIMEOUT);
        assertThat(Duration.parse("PT" + compose.path("services").path("worker").path("stop_grace_period").asText().toUpperCase()))
                .isGreaterThan(DRAIN_TIMEOUT);
    }

    @Test
    void everyPodRunsAsTheImagesNonRootUserWithoutPrivileges() {
        assertThat(DeployFiles.read("Dockerfile")).containsPattern("(?m)^USER " + IMAGE_UID + ":" + IMAGE_UID + "$")
                .containsPattern("useradd [^\\n]*--uid \\$\\{CRUCIBLE_UID}").contains("ARG CRUCIBLE_UID=" + IMAGE_UID);
        List<JsonNode> pods = podTemplates();
        assertThat(pods).hasSize(2);
        for (JsonNode pod : pods) {
            JsonNode security = pod.path("spec").path("securityContext");
            assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(security.path("runAsUser").asInt()).isEqualTo(IMAGE_UID);
            assertThat(pod.path("spec").path("automountServiceAccountToken").asBoolean(true)).isFalse();
            JsonNode container = onlyContainer(pod).path("securityContext");
            assertThat(container.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(container.path("readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(container.path("capabilities").path("drop").toString()).contains("ALL");
        }
    }

    @Test
    void imagesAreThisVersionOfCrucibleAndOfKafka() throws Exception {
        String version = new CommandLine(new Crucible()).getCommandSpec().version()[0].replace("crucible ", "");
        String image = "crucible:" + version;
        for (JsonNode pod : podTemplates()) {
            assertThat(onlyContainer(pod).path("image").asText()).isEqualTo(image);
        }
        JsonNode compose = DeployFiles.document("docker-compose.yml");
        assertThat(compose.path("x-crucible-image").path("image").asText()).isEqualTo("crucible:${CRUCIBLE_VERSION:-" + version + "}");
        assertThat(DeployFiles.document("kubernetes/kustomization.yaml").path("images").get(0).path("newTag").asText()).isEqualTo(version);
        String kafka = "apache/kafka:" + kafkaClientsVersion();
        assertThat(compose.path("services").path("kafka").path("image").asText()).isEqualTo(kafka);
        assertThat(compose.path("services").path("kafka-features").path("image").asText()).isEqualTo(kafka);
    }

    @Test
    void containerArgumentsAreOptionsTheCliAcceptsAndTheirVariablesAreDefined() {
        Map<String, String> kafka = configMapData("crucible-kafka");
        for (JsonNode pod : podTemplates()) {
            JsonNode container = onlyContainer(pod);
            Map<String, String> env = new HashMap<>();
            for (JsonNode variable : container.path("env")) {
                JsonNode fromConfigMap = variable.path("valueFrom").path("configMapKeyRef");
                env.put(variable.path("name").asText(), fromConfigMap.isMissingNode() ? variable.path("value").asText()
                        : configMapData(fromConfigMap.path("name").asText()).get(fromConfigMap.path("key").asText()));
            }
            String[] args = resolve(strings(container.path("args")), env);

            assertThatCode(() -> new CommandLine(new Crucible()).parseArgs(args)).as(String.join(" ", args)).doesNotThrowAnyException();
            assertThat(args).contains(kafka.get("bootstrap"), kafka.get("namespace"), kafka.get("replication-factor"));
        }
        JsonNode compose = DeployFiles.document("docker-compose.yml");
        for (String service : List.of("worker", "coordinator")) {
            String[] args = strings(compose.path("services").path(service).path("command"));
            assertThatCode(() -> new CommandLine(new Crucible()).parseArgs(args)).as(service).doesNotThrowAnyException();
        }
    }

    @Test
    void sweepConfigMapHoldsASpecTheCoordinatorAcceptsAndItsKeysReachTheWorkers() throws Exception {
        JsonNode pod = podTemplate(DeployFiles.kubernetesObject("Job", "crucible-sweep-blackmail-pilot"));
        JsonNode container = onlyContainer(pod);
        Path specPath = Path.of(strings(container.path("args"))[1]);
        JsonNode mount = find(container.path("volumeMounts"), m -> m.path("mountPath").asText().equals(specPath.getParent().toString()));
        JsonNode volume = find(pod.path("spec").path("volumes"), v -> v.path("name").asText().equals(mount.path("name").asText()));
        String spec = configMapData(volume.path("configMap").path("name").asText()).get(specPath.getFileName().toString());

        SweepSpec sweep = SpecLoader.parse("sweep.configmap.yaml", spec);

        Set<String> workerEnv = envNames(onlyContainer(podTemplate(DeployFiles.kubernetesObject("Deployment", "crucible-worker"))));
        List<ModelSpec> models = new ArrayList<>(sweep.models());
        models.add(sweep.classifiers().judge());
        for (ModelSpec model : models) {
            if (!model.simulated()) {
                assertThat(workerEnv).as("the key of " + model.id()).contains((String) model.parameters().get(ApiKeys.ENV_PARAMETER));
            }
        }
        assertThat(envNames(container)).as("the coordinator needs no API key").noneMatch(name -> name.endsWith("_API_KEY"));
    }

    @Test
    void apiKeysComeFromTheSecretOnlyAndTheTemplateHoldsNoKey() {
        JsonNode worker = onlyContainer(podTemplate(DeployFiles.kubernetesObject("Deployment", "crucible-worker")));
        List<JsonNode> keys = StreamSupport.stream(worker.path("env").spliterator(), false)
                .filter(e -> e.path("name").asText().endsWith("_API_KEY")).toList();

        assertThat(keys).extracting(e -> e.path("name").asText())
                .containsExactlyInAnyOrder("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY");
        for (JsonNode key : keys) {
            JsonNode ref = key.path("valueFrom").path("secretKeyRef");
            assertThat(ref.path("name").asText()).isEqualTo("crucible-api-keys");
            assertThat(ref.path("key").asText()).isEqualTo(key.path("name").asText());
            assertThat(key.has("value")).isFalse();
        }
        JsonNode template = DeployFiles.kubernetesObject("Secret", "crucible-api-keys");
        template.path("stringData").properties().forEach(entry -> assertThat(entry.getValue().asText()).isEqualTo("REPLACE_ME"));
    }

    @Test
    void autoscalerScalesTheWorkersOnTheQueueOfThisInstallationsNamespace() {
        JsonNode scaled = DeployFiles.kubernetesObject("ScaledObject", "crucible-worker");
        JsonNode trigger = scaled.path("spec").path("triggers").get(0);

        assertThat(scaled.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo("crucible-worker");
        assertThat(trigger.path("type").asText()).isEqualTo("prometheus");
        assertThat(trigger.path("metadata").path("query").asText())
                .isEqualTo("max(crucible_trials_queued{namespace=\"" + configMapData("crucible-kafka").get("namespace") + "\"})");
    }

    @Test
    void imageRunsTheShadedJarThatTheBuildProduces() throws Exception {
        String dockerfile = DeployFiles.read("Dockerfile");
        String pom = Files.readString(DeployFiles.repository().resolve("coordinator/pom.xml"));

        assertThat(pom).contains("<outputFile>${project.build.directory}/crucible.jar</outputFile>");
        assertThat(dockerfile).contains("cp coordinator/target/crucible.jar /crucible.jar")
                .contains("COPY --from=build /crucible.jar /opt/crucible/crucible.jar")
                .contains("ENTRYPOINT [\"java\", \"-jar\", \"/opt/crucible/crucible.jar\"]")
                .containsPattern("(?m)^EXPOSE .*\\b" + WORKER_METRICS_PORT + "\\b.*\\b" + COORDINATOR_METRICS_PORT + "\\b")
                .containsPattern("(?m)^FROM \\$\\{RUNTIME_IMAGE}$").contains("ARG RUNTIME_IMAGE=eclipse-temurin:21-jre");
        // every module of the build is copied into the build stage, sources and pom
        Matcher modules = Pattern.compile("<module>([^<]+)</module>")
                .matcher(Files.readString(DeployFiles.repository().resolve("pom.xml")));
        List<String> found = new ArrayList<>();
        while (modules.find()) {
            found.add(modules.group(1));
        }
        assertThat(found).contains("coordinator");
        for (String module : found) {
            assertThat(dockerfile).contains("COPY " + module + "/pom.xml " + module + "/").contains("COPY " + module + "/src " + module + "/src");
        }
        assertThat(DeployFiles.read("../.dockerignore")).contains("**/target/", "runs/", ".git/");
    }

    @Test
    void prometheusScrapesTheMetricsPortsOfTheComposeServices() {
        JsonNode prometheus = DeployFiles.document("prometheus/prometheus.yml");
        JsonNode services = DeployFiles.document("docker-compose.yml").path("services");
        Map<String, Integer> ports = new HashMap<>();
        for (JsonNode job : prometheus.path("scrape_configs")) {
            JsonNode sd = job.path("dns_sd_configs").get(0);
            ports.put(sd.path("names").get(0).asText(), sd.path("port").asInt());
        }

        assertThat(ports).containsExactlyInAnyOrderEntriesOf(Map.of("worker", WORKER_METRICS_PORT, "coordinator", COORDINATOR_METRICS_PORT));
        assertThat(services.has("worker") && services.has("coordinator")).isTrue();
        String mounts = services.path("prometheus").path("volumes").toString();
        assertThat(mounts).contains("./prometheus/prometheus.yml:").contains("./prometheus/rules.yml:" + prometheus.path("rule_files").get(0).asText());
        // the Kubernetes scrape config must not overwrite Crucible's own `namespace` label with the pod's namespace
        assertThat(DeployFiles.read("prometheus/kubernetes-scrape.yml")).contains("target_label: kubernetes_namespace")
                .doesNotContainPattern("target_label: namespace\\b");
    }

    /** The version of the Kafka clients Crucible is built with, as kafka-clients records it in its jar. */
    private static String kafkaClientsVersion() throws java.io.IOException {
        try (var in = DeployManifestsTest.class.getClassLoader().getResourceAsStream("kafka/kafka-version.properties")) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(java.util.Objects.requireNonNull(in, "kafka/kafka-version.properties"));
            return properties.getProperty("version");
        }
    }

    private static void assertScrapeAnnotations(JsonNode pod, int port) {
        JsonNode annotations = pod.path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(port));
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
    }

    private static List<JsonNode> podTemplates() {
        return DeployFiles.kubernetesObjects().stream()
                .filter(o -> Set.of("Deployment", "Job").contains(o.path("kind").asText()))
                .map(DeployManifestsTest::podTemplate).toList();
    }

    private static JsonNode podTemplate(JsonNode workload) {
        return workload.path("spec").path("template");
    }

    private static JsonNode onlyContainer(JsonNode pod) {
        JsonNode containers = pod.path("spec").path("containers");
        assertThat(containers.size()).isEqualTo(1);
        return containers.get(0);
    }

    private static int metricsPort(JsonNode container) {
        return find(container.path("ports"), p -> p.path("name").asText().equals("metrics")).path("containerPort").asInt();
    }

    private static Map<String, String> configMapData(String name) {
        Map<String, String> data = new HashMap<>();
        DeployFiles.kubernetesObject("ConfigMap", name).path("data").properties()
                .forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    private static Set<String> envNames(JsonNode container) {
        return StreamSupport.stream(container.path("env").spliterator(), false).map(e -> e.path("name").asText())
                .collect(Collectors.toSet());
    }

    private static String[] strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toArray(String[]::new);
    }

    /** Kubernetes' $(VAR) expansion of args; an undefined variable is left as is by Kubernetes, so it fails here. */
    private static String[] resolve(String[] args, Map<String, String> env) {
        return Stream.of(args).map(arg -> {
            Matcher m = VARIABLE_REFERENCE.matcher(arg);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                assertThat(env).as("variables of " + arg).containsKey(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(env.get(m.group(1))));
            }
            return m.appendTail(out).toString();
        }).toArray(String[]::new);
    }

    private static JsonNode find(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        return StreamSupport.stream(array.spliterator(), false).filter(test).findFirst()
                .orElseThrow(() -> new AssertionError("nothing matches in " + array));
    }
}
