// Validates everything in deploy/ that a machine without Docker or a cluster can check, and fails on any problem:
//  - every YAML file parses (every document, no duplicate keys);
//  - every Kubernetes object in kubernetes/ against the Kubernetes 1.x and KEDA schemas (kubernetes-models: types,
//    required fields, formats, enums), and against their TypeScript types, which also refuse unknown fields
//    (a misspelt `livenessprobe` is valid JSON Schema but no Kubernetes field);
//  - kustomization.yaml lists files that exist;
//  - docker-compose.yml, interpolated with its defaults as `docker compose config` would, against the compose
//    specification's JSON schema (the one dclint ships);
//  - every PromQL expression (Grafana dashboard panels, Prometheus rules, KEDA queries) parses.
//
// Usage: node validate.mjs [DEPLOY_DIR]           validate (default: this file's parent directory)
//        node validate.mjs --metrics [DEPLOY_DIR] print, as JSON, the metric names the dashboard, the rules and
//                                                 the autoscaler's queries read (DashboardMetricsIT checks them)
// Exit code 0 when everything holds, 1 with one line per problem on stderr otherwise.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parseAllDocuments } from "yaml";
import { parser as promql } from "@prometheus-io/lezer-promql";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { Job } from "kubernetes-models/batch/v1/Job";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** apiVersion/kind → the model that validates it and the TypeScript type that lists its fields. */
const KINDS = {
  "v1/Namespace": { model: Namespace, module: "kubernetes-models/v1/Namespace", type: "INamespace" },
  "v1/ConfigMap": { model: ConfigMap, module: "kubernetes-models/v1/ConfigMap", type: "IConfigMap" },
  "v1/Secret": { model: Secret, module: "kubernetes-models/v1/Secret", type: "ISecret" },
  "v1/Service": { model: Service, module: "kubernetes-models/v1/Service", type: "IService" },
  "apps/v1/Deployment": { model: Deployment, module: "kubernetes-models/apps/v1/Deployment", type: "IDeployment" },
  "batch/v1/Job": { model: Job, module: "kubernetes-models/batch/v1/Job", type: "IJob" },
  "keda.sh/v1alpha1/ScaledObject": {
    model: ScaledObject, module: "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject", type: "IScaledObject",
  },
};

/** Grafana's variables, replaced by something of the same syntactic kind before a query is parsed. */
const GRAFANA_VARIABLES = [[/\$__rate_interval|\$__interval|\$__range/g, "5m"], [/\$\{?(\w+)\}?/g, "x"]];

const args = process.argv.slice(2);
const metricsMode = args[0] === "--metrics";
const deployDir = resolve(metricsMode ? args[1] ?? join(here, "..") : args[0] ?? join(here, ".."));
const problems = [];
const problem = (file, message) => problems.push(`${relative(process.cwd(), file) || file}: ${message}`);

function yamlFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === "node_modules") continue;
    if (statSync(path).isDirectory()) found.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) found.push(path);
  }
  return found;
}

function parseYaml(file, text = readFileSync(file, "utf8")) {
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true, merge: true });
  const values = [];
  for (const doc of docs) {
    for (const error of doc.errors) problem(file, `YAML: ${error.message.split("\n")[0]}`);
    const value = doc.toJS();
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

/** Metric names a PromQL expression reads; a parse error is a problem. */
function promqlMetrics(file, where, expression) {
  let text = expression;
  for (const [pattern, replacement] of GRAFANA_VARIABLES) text = text.replace(pattern, replacement);
  const metrics = new Set();
  let error = false;
  promql.parse(text).iterate({
    enter(node) {
      if (node.type.isError) error = true;
      if (node.name === "Identifier" && node.node.parent?.name === "VectorSelector") {
        metrics.add(text.slice(node.from, node.to));
      }
    },
  });
  if (error) problem(file, `${where}: not valid PromQL: ${expression}`);
  return metrics;
}

function checkKubernetes(file, objects, typed) {
  for (const [index, object] of objects.entries()) {
    const where = `document ${index + 1} (${object.kind ?? "no kind"} ${object.metadata?.name ?? ""})`;
    const kind = KINDS[`${object.apiVersion}/${object.kind}`];
    if (!kind) {
      problem(file, `${where}: ${object.apiVersion}/${object.kind} is not a kind this validator knows; add it to KINDS`);
      continue;
    }
    try {
      new kind.model(object).validate();
    } catch (e) {
      problem(file, `${where}: ${e.message}`);
    }
    typed.push({ file, where, kind, object });
  }
}

/** tsc's excess-property check: every field of every object must be one its Kubernetes type declares. */
function checkUnknownFields(typed) {
  if (typed.length === 0) return;
  const dir = mkdtempSync(join(tmpdir(), "crucible-deploy-validate-"));
  try {
    const imports = [...new Set(typed.map((t) => t.kind))]
      .map((k) => `import type { ${k.type} } from "${k.module}";`).join("\n");
    const consts = typed.map((t, i) => `// ${relative(deployDir, t.file)} ${t.where}\nexport const o${i}: ${t.kind.type} = ${JSON.stringify(t.object, null, 1)};`);
    const source = `${imports}\n${consts.join("\n")}\n`;
    writeFileSync(join(dir, "manifests.ts"), source);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, skipLibCheck: true, module: "nodenext", moduleResolution: "nodenext",
        target: "es2022", typeRoots: [], types: [], baseUrl: dir, paths: { "*": [join(here, "node_modules", "*")] },
      },
      files: ["manifests.ts"],
    }));
    try {
      execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")],
        { encoding: "utf8", stdio: "pipe" });
    } catch (e) {
      const lines = source.split("\n");
      for (const line of `${e.stdout}${e.stderr}`.split("\n").filter((l) => l.includes("error TS"))) {
        const at = /manifests\.ts\((\d+),\d+\)/.exec(line);
        let origin = "";
        if (at) {
          for (let n = Number(at[1]) - 1; n >= 0; n--) {
            if (lines[n].startsWith("// ")) { origin = lines[n].slice(3); break; }
          }
        }
        problems.push(`${origin || "manifests"}: ${line.replace(/^.*error (TS\d+): /, "$1 ")}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Compose's own interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, $$ for a literal $; unset means default. */
function interpolateCompose(text) {
  return text.replace(/\$\$|\$\{(\w+)(?::?-([^}]*))?\}/g, (match, _name, fallback) =>
    match === "$$" ? "$" : fallback ?? "");
}

function checkCompose(file) {
  const schema = JSON.parse(readFileSync(join(here, "node_modules", "dclint", "schemas", "compose.schema.json"), "utf8"));
  // draft-07, Ajv's own draft, named by an https URL that Ajv does not know under that name
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const [compose] = parseYaml(file, interpolateCompose(readFileSync(file, "utf8")));
  if (!validate(compose)) {
    for (const error of validate.errors) {
      problem(file, `compose schema: ${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`);
    }
  }
  for (const [name, service] of Object.entries(compose?.services ?? {})) {
    for (const volume of service.volumes ?? []) {
      const source = typeof volume === "string" ? volume.split(":")[0] : volume.source;
      if (source?.startsWith(".") && !existsSync(resolve(dirname(file), source))) {
        problem(file, `service ${name}: mounts ${source}, which does not exist`);
      }
    }
  }
}

function checkKustomization(file, [kustomization]) {
  for (const resource of kustomization?.resources ?? []) {
    if (!existsSync(resolve(dirname(file), resource))) problem(file, `resource ${resource} does not exist`);
  }
}

function checkRules(file, [rules], metrics) {
  if (!Array.isArray(rules?.groups)) {
    problem(file, "a Prometheus rules file needs `groups`");
    return;
  }
  for (const group of rules.groups) {
    for (const rule of group.rules ?? []) {
      const name = rule.alert ?? rule.record;
      if (!name || typeof rule.expr !== "string") problem(file, `group ${group.name}: a rule needs alert or record, and expr`);
      else promqlMetrics(file, `rule ${name}`, rule.expr).forEach((m) => metrics.rules.add(m));
    }
  }
}

function checkDashboard(file, metrics) {
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    problem(file, `JSON: ${e.message}`);
    return;
  }
  const ids = new Set();
  const panels = (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
  for (const panel of panels) {
    if (ids.has(panel.id)) problem(file, `panel id ${panel.id} is used twice`);
    ids.add(panel.id);
    for (const target of panel.targets ?? []) {
      promqlMetrics(file, `panel "${panel.title}" ${target.refId}`, target.expr ?? "")
        .forEach((m) => metrics.dashboard.add(m));
    }
    if (panel.type !== "row" && !(panel.targets ?? []).length) problem(file, `panel "${panel.title}" has no query`);
  }
  for (const variable of dashboard.templating?.list ?? []) {
    const query = typeof variable.query === "string" ? variable.query : variable.query?.query;
    const labelValues = /^label_values\((\w+),\s*\w+\)$/.exec(query ?? "");
    if (variable.type === "query") {
      if (labelValues) metrics.dashboard.add(labelValues[1]);
      else problem(file, `variable ${variable.name}: expected label_values(metric, label), got ${query}`);
    }
  }
}

const metrics = { dashboard: new Set(), rules: new Set(), autoscaling: new Set() };
const typed = [];
const files = yamlFiles(deployDir);
for (const file of files) {
  const values = parseYaml(file);
  const path = relative(deployDir, file);
  if (path.startsWith("kubernetes/")) {
    if (path.endsWith("kustomization.yaml")) checkKustomization(file, values);
    else checkKubernetes(file, values, typed);
    for (const object of values.filter((v) => v?.kind === "ScaledObject")) {
      for (const trigger of object.spec?.triggers ?? []) {
        if (trigger.type === "prometheus") {
          promqlMetrics(file, `ScaledObject ${object.metadata?.name} trigger`, trigger.metadata?.query ?? "")
            .forEach((m) => metrics.autoscaling.add(m));
        }
      }
    }
  } else if (path === "docker-compose.yml") {
    checkCompose(file);
  } else if (/^prometheus\/rules\.ya?ml$/.test(path)) {
    checkRules(file, values, metrics);
  }
}
checkUnknownFields(typed);
const dashboards = existsSync(join(deployDir, "grafana", "dashboards"))
  ? readdirSync(join(deployDir, "grafana", "dashboards")).filter((n) => n.endsWith(".json")) : [];
for (const name of dashboards) checkDashboard(join(deployDir, "grafana", "dashboards", name), metrics);

if (problems.length > 0) {
  for (const line of problems) console.error(line);
  console.error(`${problems.length} problem(s) in ${deployDir}`);
  process.exit(1);
}
if (metricsMode) {
  console.log(JSON.stringify(Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, [...v].sort()]))));
} else {
  console.log(`valid: ${files.length} YAML files, ${typed.length} Kubernetes objects, ${dashboards.length} dashboard(s)`);
  for (const file of files) console.log(`  ${relative(deployDir, file)}`);
}
