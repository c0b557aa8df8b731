//! Installing a release: `scripts/package.sh` (the script the release
//! workflow runs) packs the test's own dw for this machine's target, a tiny
//! HTTP server on 127.0.0.1 serves the folder as a release would, and
//! `install.sh` installs from it through `DW_INSTALL_URL`, checking the
//! SHA-256. Also: the project's home is the one of Cargo.toml everywhere.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{dw_binary, skip, Run, Sandbox};

/// The programs install.sh and package.sh use come from the system folders
/// only: nothing else of this machine's environment reaches them.
const SYSTEM_PATH: &str = "/usr/local/bin:/usr/bin:/bin";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Serve the files of `dir` over HTTP on 127.0.0.1 until the test ends; the
/// base URL. GET of a file gives it, anything else a 404.
fn serve(dir: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().expect("local address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // Read the headers up to the blank line.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/");
            let name = path.trim_start_matches('/');
            let file = (!name.contains('/') && !name.is_empty())
                .then(|| std::fs::read(dir.join(name)).ok())
                .flatten();
            let mut stream = &stream;
            let _ = match file {
                Some(body) => stream
                    .write_all(
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        )
                        .as_bytes(),
                    )
                    .and_then(|()| stream.write_all(&body)),
                None => stream.write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                ),
            };
        }
    });
    format!("http://127.0.0.1:{port}")
}

fn has(program: &str) -> bool {
    SYSTEM_PATH
        .split(':')
        .any(|dir| Path::new(dir).join(program).is_file())
}

/// `sh install.sh ARGS` in the sandbox's clean environment.
fn install(sandbox: &Sandbox, args: &[&str]) -> Run {
    let mut cmd: Command = sandbox.command("sh");
    cmd.arg(root().join("install.sh"))
        .args(args)
        .env("PATH", SYSTEM_PATH);
    Run::from_output(&cmd.output().expect("run sh install.sh"))
}

/// A release folder: the test's dw packed by scripts/package.sh for the
/// target install.sh picks on this machine; (sandbox, folder, target).
fn release() -> Option<(Sandbox, PathBuf, String)> {
    for program in ["curl", "tar", "sha256sum"] {
        if !has(program) {
            skip(&format!(
                "install.sh needs {program}, which is not installed"
            ));
            return None;
        }
    }
    let sandbox = Sandbox::empty();
    let run = install(&sandbox, &["--print-target"]);
    run.code(0);
    let target = run.stdout.trim().to_string();
    let dist = sandbox.root().join("release");
    let out = sandbox
        .command("sh")
        .arg(root().join("scripts").join("package.sh"))
        .arg(&target)
        .arg(dw_binary())
        .env("PATH", SYSTEM_PATH)
        .env("DW_DIST", &dist)
        .output()
        .expect("run scripts/package.sh");
    Run::from_output(&out).code(0);
    Some((sandbox, dist, target))
}

fn version() -> String {
    format!("dw {}", env!("CARGO_PKG_VERSION"))
}

#[test]
fn package_script_packs_the_binary_completions_and_man_pages_with_a_checksum() {
    let Some((sandbox, dist, target)) = release() else {
        return;
    };
    let archive = format!("dw-{target}.tar.gz");
    let out = sandbox
        .command("tar")
        .arg("-tzf")
        .arg(dist.join(&archive))
        .env("PATH", SYSTEM_PATH)
        .output()
        .expect("run tar");
    let listing = Run::from_output(&out).code(0).stdout.clone();
    for file in [
        "dw",
        "README.md",
        "completions/dw.bash",
        "completions/dw.zsh",
        "completions/dw.fish",
        "man/dw.1",
        "man/dw-who.1",
        "man/dw-roster.5",
    ] {
        let path = format!("dw-{target}/{file}");
        assert!(
            listing.lines().any(|l| l == path),
            "{path} not in {archive}:\n{listing}"
        );
    }
    let sum = std::fs::read_to_string(dist.join(format!("{archive}.sha256"))).unwrap();
    let (hash, name) = sum.trim().split_once("  ").expect("HASH  NAME");
    assert_eq!(name, archive);
    assert_eq!(hash.len(), 64, "{sum}");
}

#[test]
fn install_script_installs_the_release_and_prints_its_version() {
    let Some((sandbox, dist, _)) = release() else {
        return;
    };
    let sandbox = sandbox.env("DW_INSTALL_URL", serve(dist));

    // Into DW_INSTALL_DIR.
    let bin = sandbox.root().join("bin");
    let sandbox = sandbox.env("DW_INSTALL_DIR", &bin);
    let run = install(&sandbox, &[]);
    run.code(0);
    assert_eq!(
        run.stdout.trim(),
        format!("installed {} to {}", version(), bin.join("dw").display())
    );
    let out = Command::new(bin.join("dw"))
        .arg("--version")
        .env_clear()
        .output()
        .expect("run the installed dw");
    assert_eq!(Run::from_output(&out).code(0).stdout.trim(), version());
}

#[test]
fn install_script_defaults_to_local_bin_and_checks_the_version_asked_for() {
    let Some((sandbox, dist, _)) = release() else {
        return;
    };
    let sandbox = sandbox.env("DW_INSTALL_URL", serve(dist));
    let installed = sandbox.home().join(".local").join("bin").join("dw");

    // A release that is not the one served: refused, nothing installed.
    let run = install(&sandbox, &["--version", "99.0.0"]);
    run.code(1).stderr_has("asked for 99.0.0");
    assert!(!installed.exists());

    let run = install(&sandbox, &["--version", env!("CARGO_PKG_VERSION")]);
    run.code(0);
    assert!(run.stdout.contains(&version()), "{}", run.stdout);
    assert!(installed.is_file());
    // Beside ~/.local/bin: the man pages and the bash completion.
    let share = sandbox.home().join(".local").join("share");
    for file in ["man/man1/dw.1", "man/man1/dw-who.1", "man/man5/dw-roster.5"] {
        assert!(share.join(file).is_file(), "{file}");
    }
    assert!(share.join("bash-completion/completions/dw").is_file());
    // Not on PATH: it says how to add it.
    run.stderr_has("is not on your PATH");
}

#[test]
fn install_script_refuses_an_archive_whose_checksum_does_not_match() {
    let Some((sandbox, dist, target)) = release() else {
        return;
    };
    let sum = dist.join(format!("dw-{target}.tar.gz.sha256"));
    std::fs::write(&sum, format!("{}  dw-{target}.tar.gz\n", "0".repeat(64))).unwrap();
    let bin = sandbox.root().join("bin");
    let sandbox = sandbox
        .env("DW_INSTALL_URL", serve(dist.clone()))
        .env("DW_INSTALL_DIR", &bin);
    let run = install(&sandbox, &[]);
    run.code(1).stderr_has("checksum mismatch");
    assert!(!bin.join("dw").exists(), "installed despite the mismatch");

    // No checksum published at all: refused too.
    std::fs::remove_file(&sum).unwrap();
    let run = install(&sandbox, &[]);
    run.code(1).stderr_has("cannot be checked");
    assert!(!bin.join("dw").exists());
}

#[test]
fn install_script_refuses_bad_arguments() {
    let sandbox = Sandbox::empty();
    install(&sandbox, &["--version"])
        .code(1)
        .stderr_has("needs a release number");
    install(&sandbox, &["--version", "1.0;rm"])
        .code(1)
        .stderr_has("not a release number");
    install(&sandbox, &["--frobnicate"])
        .code(1)
        .stderr_has("unknown option");
    let run = install(&sandbox, &["--help"]);
    run.code(0);
    assert!(run.stdout.contains("DW_INSTALL_DIR"), "{}", run.stdout);
}

/// `repository = "…"` of Cargo.toml.
fn repository() -> String {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let doc: toml::Table = manifest.parse().expect("Cargo.toml");
    let package = &doc["package"];
    let repository = package["repository"].as_str().expect("repository");
    assert_eq!(
        package["homepage"].as_str(),
        Some(repository),
        "homepage and repository differ"
    );
    let binstall = package["metadata"]["binstall"]["pkg-url"]
        .as_str()
        .expect("[package.metadata.binstall] pkg-url");
    assert!(binstall.starts_with("{ repo }/"), "{binstall}");
    repository.to_string()
}

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            text_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| ["md", "yml", "yaml", "sh"].iter().any(|x| e == *x))
        {
            out.push(path);
        }
    }
}

#[test]
fn install_script_action_and_docs_name_the_home_of_cargo_toml() {
    let home = repository();
    let owner_repo = home
        .strip_prefix("https://github.com/")
        .expect("a GitHub repository");
    let install = std::fs::read_to_string(root().join("install.sh")).unwrap();
    assert!(
        install.contains(&format!("DW_REPOSITORY=\"{home}\"")),
        "install.sh's DW_REPOSITORY is not {home}"
    );

    let mut files = vec![
        root().join("README.md"),
        root().join("install.sh"),
        root().join("action.yml"),
    ];
    text_files(&root().join("docs"), &mut files);
    text_files(&root().join("examples"), &mut files);
    text_files(&root().join(".github"), &mut files);
    let mut wrong = Vec::new();
    let mut uses = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let name = file
            .strip_prefix(root())
            .unwrap_or(file)
            .display()
            .to_string();
        for (i, line) in text.lines().enumerate() {
            // Every link to a dw repository on GitHub is to this one.
            for (at, _) in line.match_indices("github.com/") {
                let rest = &line[at + "github.com/".len()..];
                let path: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || "-_./".contains(*c))
                    .collect();
                let mut parts = path.split('/');
                let (owner, repo) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                if repo == "dw" && format!("{owner}/{repo}") != owner_repo {
                    wrong.push(format!("{name}:{}: {line}", i + 1));
                }
            }
            // Every workflow step using dw's action names this repository.
            if let Some(action) = line
                .trim()
                .strip_prefix("- uses: ")
                .or(line.trim().strip_prefix("uses: "))
            {
                let action = action.split('@').next().unwrap_or("");
                if action.ends_with("/dw") {
                    uses += 1;
                    if action != owner_repo {
                        wrong.push(format!("{name}:{}: {line}", i + 1));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "not {home}:\n{}", wrong.join("\n"));
    assert!(uses >= 4, "the examples use dw's action {uses} times");
}

/// The `run:` steps of action.yml by id, with their `env:` names.
fn action_step(id: &str) -> String {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("action.yml parses");
    let doc = &docs[0];
    assert_eq!(doc["runs"]["using"].as_str(), Some("composite"));
    assert_eq!(doc["inputs"]["version"]["default"].as_str(), Some(""));
    let steps = doc["runs"]["steps"].as_vec().expect("runs.steps");
    let step = steps
        .iter()
        .find(|s| s["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no step {id}"));
    assert_eq!(step["shell"].as_str(), Some("bash"), "{id}");
    step["run"].as_str().expect("run").to_string()
}

/// `NAME=value` lines a step wrote to a `$GITHUB_OUTPUT`-style file.
fn outputs(file: &Path) -> std::collections::BTreeMap<String, String> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// One step of action.yml in bash as the runner runs it, with `env`.
fn run_action_step(sandbox: &Sandbox, id: &str, env: &[(&str, &str)]) -> Run {
    let mut cmd = sandbox.command("bash");
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c"])
        .arg(action_step(id))
        .env("PATH", SYSTEM_PATH)
        .env("GITHUB_ACTION_PATH", root());
    for (name, value) in env {
        cmd.env(name, value);
    }
    Run::from_output(&cmd.output().expect("run bash"))
}

#[test]
fn action_installs_the_release_of_its_own_tag_and_then_uses_the_cache() {
    let Some((sandbox, dist, target)) = release() else {
        return;
    };
    let url = serve(dist);
    let tools = sandbox.root().join("tool-cache");
    let out = sandbox.root().join("github-output");
    let path_file = sandbox.root().join("github-path");
    let tools_s = tools.display().to_string();
    let out_s = out.display().to_string();
    let tag = format!("v{}", env!("CARGO_PKG_VERSION"));

    // `uses: OWNER/dw@vX.Y.Z` with no `version`: the tag's release.
    run_action_step(
        &sandbox,
        "plan",
        &[
            ("INPUT_VERSION", ""),
            ("ACTION_REF", &tag),
            ("RUNNER_TOOL_CACHE", &tools_s),
            ("GITHUB_OUTPUT", &out_s),
        ],
    )
    .code(0);
    let plan = outputs(&out);
    assert_eq!(plan["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(plan["target"], target);
    let dir = tools
        .join("dw")
        .join(env!("CARGO_PKG_VERSION"))
        .join(&target);
    assert_eq!(plan["dir"], dir.display().to_string());

    std::fs::remove_file(&out).unwrap();
    let path_s = path_file.display().to_string();
    let dir_s = dir.display().to_string();
    let install = |cache_hit: &str, url: &str| {
        run_action_step(
            &sandbox,
            "install",
            &[
                ("VERSION", env!("CARGO_PKG_VERSION")),
                ("DW_INSTALL_DIR", &dir_s),
                ("CACHE_HIT", cache_hit),
                ("DW_INSTALL_URL", url),
                ("GITHUB_OUTPUT", &out_s),
                ("GITHUB_PATH", &path_s),
            ],
        )
    };
    install("", &url).code(0);
    assert!(dir.join("dw").is_file());
    assert_eq!(outputs(&out)["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        std::fs::read_to_string(&path_file).unwrap().trim(),
        dir.display().to_string()
    );

    // A cache hit downloads nothing (the server here does not exist).
    install("true", "http://127.0.0.1:9").code(0);

    // Used from a branch: no version, so the latest release, not cached.
    std::fs::remove_file(&out).unwrap();
    run_action_step(
        &sandbox,
        "plan",
        &[
            ("INPUT_VERSION", ""),
            ("ACTION_REF", "main"),
            ("RUNNER_TOOL_CACHE", &tools_s),
            ("GITHUB_OUTPUT", &out_s),
        ],
    )
    .code(0);
    assert_eq!(outputs(&out)["version"], "");
    assert!(outputs(&out)["dir"].contains("/dw/latest/"));

    // An explicit input wins, with or without the v.
    std::fs::remove_file(&out).unwrap();
    run_action_step(
        &sandbox,
        "plan",
        &[
            ("INPUT_VERSION", "v0.9.1"),
            ("ACTION_REF", &tag),
            ("RUNNER_TOOL_CACHE", &tools_s),
            ("GITHUB_OUTPUT", &out_s),
        ],
    )
    .code(0);
    assert_eq!(outputs(&out)["version"], "0.9.1");
}
