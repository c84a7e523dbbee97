//! `stackc build` for Ansible, judged by the real tools on every example and environment:
//! `ansible-inventory --list` (with unparsed inventories made fatal) reads each static inventory, before
//! and after `stackc fill` layers the deferred values over it, and reports exactly the groups, hosts and
//! variables snapshotted here; no value is left undefined after the fill; the files are yamllint-clean.
//! The aws_ec2 inventory runs against a local moto server in which the test first creates the
//! instances the Terraform declares, with exactly the tags parsed from the emitted `.tf`; the groups,
//! hosts and connection variables it reports are asserted.
//!
//! The tools come from `scripts/validators/install`; a missing one fails the test.

use std::collections::{BTreeMap, BTreeSet};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const EXAMPLES: &[&str] = &["platform", "product", "static-site"];
const ENVS: &[&str] = &["dev", "staging", "prod"];

mod common;

use common::{fill, repo, stackc, tool};

fn run(cmd: &mut Command) -> (bool, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn build(example: &str, out: &Path) {
    let (code, err) =
        stackc(&["build", repo().join("examples").join(example).to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{example}: {err}");
}

/// `ansible-inventory --list` over `sources`, run in `dir`, as JSON with Ansible's "unsafe" wrappers
/// taken off; an inventory Ansible cannot parse fails. With `export`, group variables stay with their
/// groups (as written) instead of being merged into each host's.
fn inventory(dir: &Path, sources: &[&str], aws: Option<u16>, export: bool) -> Value {
    let mut cmd = Command::new(tool("ansible/bin/ansible-inventory"));
    cmd.current_dir(dir)
        .env("ANSIBLE_HOME", repo().join(".cache/validators/ansible/home"))
        .env("ANSIBLE_INVENTORY_UNPARSED_FAILED", "true")
        .env("ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED", "true")
        .env("ANSIBLE_DEPRECATION_WARNINGS", "false")
        .env("ANSIBLE_NOCOLOR", "1");
    if aws.is_some() {
        cmd.env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_DEFAULT_REGION", "us-east-1");
    }
    for s in sources {
        cmd.args(["-i", s]);
    }
    cmd.arg("--list");
    if export {
        cmd.arg("--export");
    }
    let (ok, out, err) = run(&mut cmd);
    assert!(ok, "ansible-inventory {sources:?} in {}:\n{err}", dir.display());
    let mut v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    unwrap_unsafe(&mut v);
    v
}

fn unwrap_unsafe(v: &mut Value) {
    match v {
        Value::Object(m) => {
            if let Some(inner) = m.get("__ansible_unsafe").cloned() {
                *v = inner;
                return;
            }
            m.values_mut().for_each(unwrap_unsafe);
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_unsafe),
        _ => {}
    }
}

/// The groups (with their sorted hosts and children) and host variables of an `--list` report.
fn summary(list: &Value) -> Value {
    let mut groups = serde_json::Map::new();
    for (name, g) in list.as_object().unwrap() {
        if name == "_meta" {
            continue;
        }
        let sorted = |k: &str| {
            let mut items: Vec<String> =
                g[k].as_array().map(|a| a.iter().map(|s| s.as_str().unwrap().to_owned()).collect()).unwrap_or_default();
            items.sort();
            items
        };
        let mut entry = json!({ "hosts": sorted("hosts"), "children": sorted("children") });
        if let Some(vars) = g.get("vars") {
            entry["vars"] = vars.clone();
        }
        groups.insert(name.clone(), entry);
    }
    json!({ "groups": groups, "hostvars": list["_meta"]["hostvars"] })
}

fn holds(v: &Value, needle: &str) -> bool {
    match v {
        Value::String(s) => s.contains(needle),
        Value::Array(items) => items.iter().any(|i| holds(i, needle)),
        Value::Object(m) => m.values().any(|i| holds(i, needle)),
        _ => false,
    }
}

const YAMLLINT: &str =
    "{extends: default, rules: {line-length: {max: 200}, document-start: disable, truthy: {check-keys: false}}}";

#[test]
fn every_inventory_is_what_ansible_reads() {
    for example in EXAMPLES {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        build(example, &out);
        for env in ENVS {
            let dir = out.join(env).join("ansible");
            let at = format!("{example}/{env}");
            let name = format!("{example}-{env}");
            if !dir.exists() {
                for f in std::fs::read_dir(out.join(env).join("terraform")).unwrap() {
                    let text = std::fs::read_to_string(f.unwrap().path()).unwrap_or_default();
                    assert!(!text.contains("resource \"aws_instance\""), "{at}: VMs but no inventory");
                }
                insta::with_settings!({ snapshot_path => repo().join("snapshots/ansible"), prepend_module_to_snapshot => false }, {
                    insta::assert_snapshot!(name, "no hosts and no VMs: no inventory");
                });
                continue;
            }
            let files: Vec<PathBuf> =
                ["inventory.yml", "aws_ec2.yml"].iter().map(|f| dir.join(f)).filter(|p| p.exists()).collect();
            let (ok, lint, _) =
                run(Command::new(tool("yamllint/bin/yamllint")).args(["-s", "-d", YAMLLINT]).args(&files));
            assert!(ok, "{at}: yamllint:\n{lint}");

            // The static inventory alone parses; values known after apply are undefined with a hint.
            let before = inventory(&dir, &["inventory.yml"], None, true);
            let mut sources = vec!["inventory.yml"];
            let recorded = repo().join(format!("tests/terraform-outputs/{example}/{env}.json"));
            let filled = if dir.join("deferred.json").exists() {
                assert!(holds(&before, "undef(hint="), "{at}: a manifest, but nothing deferred in the inventory");
                let (code, err) = fill(&out, env, &recorded);
                assert_eq!(code, 0, "{at}: stackc fill: {err}");
                sources.push("deferred/inventory.yml");
                let after = inventory(&dir, &sources, None, true);
                assert!(!holds(&after, "undef("), "{at}: a value is still undefined after the fill");
                // Every filled value is the recorded Terraform output's.
                let manifest: Value =
                    serde_json::from_str(&std::fs::read_to_string(dir.join("deferred.json")).unwrap()).unwrap();
                let outputs: Value = serde_json::from_str(&std::fs::read_to_string(&recorded).unwrap()).unwrap();
                for name in manifest["outputs"].as_object().unwrap().keys() {
                    let value = outputs[name]["value"].as_str().unwrap_or_else(|| panic!("{at}: output {name}"));
                    assert!(holds(&after, value), "{at}: the value of {name} is in no variable");
                }
                after
            } else {
                assert!(!holds(&before, "undef("), "{at}: undefined values without a manifest");
                before
            };
            let mut report = String::new();
            for f in &files {
                let rel = f.strip_prefix(&out).unwrap().display().to_string();
                report.push_str(&format!("=== {rel}\n{}\n", std::fs::read_to_string(f).unwrap()));
            }
            report.push_str(&format!(
                "=== ansible-inventory -i {} --list --export\n{}\n",
                sources.join(" -i "),
                serde_json::to_string_pretty(&summary(&filled)).unwrap()
            ));
            insta::with_settings!({ snapshot_path => repo().join("snapshots/ansible"), prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!(name, report);
            });
        }
    }
}

/// A moto server on a free loopback port, stopped when dropped.
struct Moto(Child, u16);

impl Moto {
    fn start() -> Moto {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(tool("ansible/bin/moto_server"))
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(60), "moto_server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Moto(child, port)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A file of Terraform as JSON (python-hcl2), with quoted labels, keys and strings unquoted.
fn hcl(path: &Path) -> Value {
    let (ok, out, err) = run(Command::new(tool("hcl2/bin/hcl2tojson")).arg(path));
    assert!(ok, "hcl2tojson {}: {err}", path.display());
    fn unquote(v: Value) -> Value {
        let strip = |s: String| -> String {
            if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
                serde_json::from_str(&s).unwrap_or(s)
            } else {
                s
            }
        };
        match v {
            Value::String(s) => Value::String(strip(s)),
            Value::Array(items) => Value::Array(items.into_iter().map(unquote).collect()),
            Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (strip(k), unquote(v))).collect()),
            other => other,
        }
    }
    unquote(serde_json::from_str(&out).unwrap())
}

/// The instances a Terraform root declares: (name, tags with the provider's default tags under the
/// instance's own, public address), ordered so an instance comes after those its tags reference.
fn instances(tf: &Path) -> Vec<(String, BTreeMap<String, String>, bool)> {
    let providers = hcl(&tf.join("providers.tf"));
    let defaults = providers["locals"][0]["default_tags"].as_object().expect("local.default_tags").clone();
    let mut found = Vec::new();
    for file in std::fs::read_dir(tf).unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_none_or(|e| e != "tf") {
            continue;
        }
        let doc = hcl(&path);
        for block in doc["resource"].as_array().into_iter().flatten() {
            for (name, body) in block["aws_instance"].as_object().into_iter().flatten() {
                let mut tags: BTreeMap<String, String> =
                    defaults.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned())).collect();
                for (k, v) in body["tags"].as_object().unwrap() {
                    tags.insert(k.clone(), v.as_str().unwrap().to_owned());
                }
                let public = body["associate_public_ip_address"].as_bool().unwrap();
                found.push((name.clone(), tags, public));
            }
        }
    }
    found.sort_by_key(|(name, tags, _)| (tags.values().any(|v| v.contains("${aws_instance.")), name.clone()));
    found
}

#[test]
fn aws_ec2_inventory_finds_the_vms_terraform_tags() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build("platform", &out);
    let env = "prod";
    let dir = out.join(env).join("ansible");
    let declared = instances(&out.join(env).join("terraform"));
    let names: BTreeSet<&str> = declared.iter().map(|(n, ..)| n.as_str()).collect();
    assert_eq!(names, BTreeSet::from(["bastion", "reports"]), "the platform example's VMs");

    let moto = Moto::start();
    let endpoint = format!("http://127.0.0.1:{}", moto.1);
    let mut spec: Vec<Value> =
        declared.iter().map(|(name, tags, public)| json!({ "name": name, "tags": tags, "public": public })).collect();
    // Instances the inventory must not list: another environment's, and one stackc does not manage.
    let (_, bastion_tags, _) = declared.iter().find(|(n, ..)| n == "bastion").unwrap();
    let mut staging = bastion_tags.clone();
    staging.insert("environment".into(), "staging".into());
    spec.push(json!({ "name": "other-environment", "tags": staging, "public": true }));
    let mut unmanaged = bastion_tags.clone();
    unmanaged.remove("stackc:host");
    spec.push(json!({ "name": "unmanaged", "tags": unmanaged, "public": true }));
    let spec_path = tmp.path().join("spec.json");
    std::fs::write(&spec_path, serde_json::to_string(&spec).unwrap()).unwrap();
    let (ok, created, err) = run(Command::new(tool("ansible/bin/python"))
        .arg(repo().join("tests/ansible/create_instances.py"))
        .arg(&endpoint)
        .arg(&spec_path));
    assert!(ok, "creating the instances: {err}");
    let created: Value = serde_json::from_str(&created).unwrap();

    // The generated config, pointed at moto (the plugin reads configs named *aws_ec2.yml).
    let config = std::fs::read_to_string(dir.join("aws_ec2.yml")).unwrap();
    std::fs::write(dir.join("moto.aws_ec2.yml"), format!("{config}endpoint_url: {endpoint}\n")).unwrap();
    let recorded = repo().join(format!("tests/terraform-outputs/platform/{env}.json"));
    let (code, err) = fill(&out, env, &recorded);
    assert_eq!(code, 0, "stackc fill: {err}");
    let list = inventory(&dir, &["inventory.yml", "moto.aws_ec2.yml", "deferred/inventory.yml"], Some(moto.1), false);
    let s = summary(&list);
    let hosts = |group: &str| -> Vec<String> {
        s["groups"][group]["hosts"].as_array().unwrap().iter().map(|h| h.as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(hosts("aws_ec2"), ["bastion", "reports"], "{s:#}");
    assert_eq!(hosts("bastions"), ["bastion"], "{s:#}");
    assert_eq!(hosts("patching"), ["bastion", "reports"], "{s:#}");
    assert_eq!(hosts("reporting"), ["reports"], "{s:#}");

    let vars = &s["hostvars"];
    let ip = |name: &str, which: &str| created[name][which].as_str().unwrap().to_owned();
    assert_eq!(vars["bastion"]["ansible_host"], json!(ip("bastion", "public_ip")), "the bastion by its public address");
    assert_eq!(vars["reports"]["ansible_host"], json!(ip("reports", "private_ip")), "a private VM by its private one");
    assert_eq!(
        vars["reports"]["ansible_ssh_common_args"],
        json!(format!("-o ProxyJump=ec2-user@{}", ip("bastion", "public_ip"))),
        "through the bastion"
    );
    assert_eq!(vars["bastion"]["ansible_ssh_common_args"], json!("-o StrictHostKeyChecking=accept-new"), "group vars");
    for vm in ["bastion", "reports"] {
        assert_eq!(vars[vm]["ansible_user"], json!("ec2-user"), "{vm}");
        assert_eq!(vars[vm]["stackc_environment"], json!(env), "{vm}");
        assert_eq!(vars[vm]["patch_week"], json!(2), "{vm}: the patching group's variables");
    }
    assert_eq!(vars["bastion"]["role"], json!("bastion"), "host variables from the stackc:var: tags");
    assert_eq!(vars["reports"]["role"], json!("reporting"));
    let outputs: Value = serde_json::from_str(&std::fs::read_to_string(&recorded).unwrap()).unwrap();
    assert_eq!(vars["reports"]["export_bucket"], outputs["bucket_backups_name"]["value"], "filled group variable");
    let all_hosts: BTreeSet<&String> = vars.as_object().unwrap().keys().collect();
    assert_eq!(all_hosts.len(), 2, "other environments' and unmanaged instances are not listed: {all_hosts:?}");
    drop(moto);
}

/// `ansible HOST -m debug -a msg=…` in `dir` over `sources`, against `endpoint` for AWS calls: the
/// rendered message, or the error.
fn debug(dir: &Path, sources: &[&str], host: &str, msg: &str, endpoint: &str) -> (bool, String) {
    let mut cmd = Command::new(tool("ansible/bin/ansible"));
    cmd.current_dir(dir)
        .env("ANSIBLE_HOME", repo().join(".cache/validators/ansible/home"))
        .env("ANSIBLE_NOCOLOR", "1")
        .env("ANSIBLE_DEPRECATION_WARNINGS", "false")
        .env("AWS_ENDPOINT_URL", endpoint)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing");
    for s in sources {
        cmd.args(["-i", s]);
    }
    let (ok, out, err) = run(cmd.args([host, "-c", "local", "-m", "debug", "-a", &format!("msg={msg}")]));
    (ok, format!("{out}{err}"))
}

#[test]
fn secrets_are_looked_up_and_deferred_values_refuse_to_be_read_before_the_fill() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build("static-site", &out);
    let env = "staging";
    let dir = out.join(env).join("ansible");
    let moto = Moto::start();
    let endpoint = format!("http://127.0.0.1:{}", moto.1);
    let create = "import boto3, json, sys\n\
        sm = boto3.client('secretsmanager', endpoint_url=sys.argv[1], region_name='us-east-1', \
        aws_access_key_id='testing', aws_secret_access_key='testing')\n\
        sm.create_secret(Name='monkeytown/staging/web', SecretString=json.dumps({'NEW_RELIC_LICENSE_KEY': 'nr-0123'}))\n";
    let (ok, _, err) = run(Command::new(tool("ansible/bin/python")).args(["-c", create, &endpoint]));
    assert!(ok, "creating the secret: {err}");

    // The secret's value is in no generated file, and a play reads it from Secrets Manager.
    for f in ["inventory.yml", "deferred.json"] {
        assert!(!std::fs::read_to_string(dir.join(f)).unwrap().contains("nr-0123"));
    }
    let (ok, report) = debug(&dir, &["inventory.yml"], "lab-1", "{{ newrelic.NEW_RELIC_LICENSE_KEY }}", &endpoint);
    assert!(ok && report.contains("\"msg\": \"nr-0123\""), "{report}");

    // Before the fill, a value known after apply fails on use, naming the step.
    let (ok, report) = debug(&dir, &["inventory.yml"], "lab-1", "{{ cluster_endpoint }}", &endpoint);
    assert!(!ok, "{report}");
    assert!(report.contains("`cluster_endpoint` of `previews` is known after apply: run `stackc fill"), "{report}");
    let recorded = repo().join(format!("tests/terraform-outputs/static-site/{env}.json"));
    let (code, err) = fill(&out, env, &recorded);
    assert_eq!(code, 0, "stackc fill: {err}");
    let (ok, report) =
        debug(&dir, &["inventory.yml", "deferred/inventory.yml"], "lab-1", "{{ cluster_endpoint }}", &endpoint);
    assert!(ok && report.contains(".eks.amazonaws.com"), "{report}");
    drop(moto);
}

#[test]
fn fill_of_an_environment_without_deferred_values_writes_nothing_and_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    let stack = tmp.path().join("stack");
    std::fs::create_dir_all(&stack).unwrap();
    std::fs::write(
        stack.join("main.stack.hcl"),
        "stack \"lab\" {\n  region = \"us-east-1\"\n}\n\nenvironment \"dev\" {\n  profile = \"development\"\n}\n\nnetwork \"main\" {\n  cidr = \"10.0.0.0/16\"\n}\n\nhost \"box\" {\n  address = \"192.168.1.2\"\n}\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, err) = stackc(&["build", stack.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.join("dev/ansible/inventory.yml").exists() && !out.join("dev/ansible/deferred.json").exists());
    let outputs = tmp.path().join("outputs.json");
    std::fs::write(&outputs, "{}").unwrap();
    let (code, err) = fill(&out, "dev", &outputs);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("nothing to fill"), "{err}");
    assert!(!out.join("dev/ansible/deferred").exists());
    let (code, _) = fill(&out, "nope", &outputs);
    assert_eq!(code, 2);
}
