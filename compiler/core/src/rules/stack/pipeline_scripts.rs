use std::sync::LazyLock;

use regex::Regex;

use crate::kinds::pipeline::Pipeline;
use crate::kinds::View;
use crate::rules::{Category, Check, Hits, Level, Rule, Scope, Subject};
use stackc_syntax::Severity;

pub static RULE: Rule = Rule {
    id: "SC301",
    name: "pipeline-script",
    title: "a pipeline's test command runs nothing an attacker controls",
    category: Category::Delivery,
    severity: Severity::Error,
    scope: Scope::Everywhere,
    checkov: &["CKV_GHA_2", "CKV_GHA_3", "CKV_GHA_4"],
    why: "`test_command` becomes a `run:` script. An expression like `${{ github.head_ref }}` is pasted into the script before the shell sees it, so a branch name or pull-request title can run code with the workflow's token; curl with a secret on its command line leaks it to the process list and logs; netcat to an address is the shape of a reverse shell.",
    fix: "read GitHub context through an environment variable (`env:` in a script of your own, or the repository's test script) instead of `${{ … }}`; keep secrets out of the command",
    example: "pipeline \"delivery\" {\n  repository   = \"acme/shop\"\n  services     = [service.api]\n  promotion    = [\"prod\"]\n  test_command = \"make test\"\n}",
    security_severity: Some(8.0),
    check: Check::Resource(&["pipeline"], check),
};

/// GitHub context an attacker can set, as checkov lists it (`shell_injection_list.py`). The
/// workspace builds `regex` without its Unicode tables: no `\d`, no `(?i)` in these patterns.
static UNTRUSTED: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\$\{\{ *github\.(",
        r"event\.(issue\.(title|body)|pull_request\.(title|body|head\.(ref|label|repo\.default_branch))",
        r"|comment\.body|review\.body|review_comment\.body|pages\..*\.page_name",
        r"|head_commit\.(message|author\.(email|name))|commits\..*\.author\.(email|name))",
        r"|head_ref) *\}\}"
    ))
    .ok()
});
static NETCAT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(nc|netcat) ([0-9]{1,3}).([0-9]{1,3}).([0-9]{1,3}).([0-9]{1,3})").ok());

fn check(s: &Subject<'_>, out: &mut Hits) {
    let Ok(p) = Pipeline::view(s.res) else { return };
    let Some(cmd) = p.test_command.and_then(|c| c.known()) else { return };
    let at = s.at("test_command");
    let address = &s.res.address;
    if UNTRUSTED.as_ref().is_some_and(|r| r.is_match(cmd)) {
        out.only(
            at,
            format!("`{address}` pastes attacker-controlled GitHub context into its test script"),
            &["CKV_GHA_2"],
        );
    } else if cmd.contains("${{") {
        let msg =
            format!("`{address}` pastes a GitHub expression into its test script (pass it through `env:` instead)");
        out.at_level(Level::Warning, at, msg, &[]);
    }
    if cmd.lines().any(|l| l.contains("curl") && l.contains("secret")) {
        out.only(at, format!("`{address}` passes a secret to curl on the command line"), &["CKV_GHA_3"]);
    }
    if NETCAT.as_ref().is_some_and(|r| r.is_match(cmd)) {
        out.only(at, format!("`{address}` opens a netcat connection to an address"), &["CKV_GHA_4"]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_what_checkov_matches() {
        let untrusted = UNTRUSTED.as_ref().unwrap();
        assert!(untrusted.is_match("echo ${{ github.head_ref }}"));
        assert!(untrusted.is_match("echo ${{github.event.pull_request.title}}"));
        assert!(!untrusted.is_match("echo ${{ github.sha }}"));
        let netcat = NETCAT.as_ref().unwrap();
        assert!(netcat.is_match("nc 10.0.0.1 4444"));
        assert!(netcat.is_match("rsync 10.0.0.1"), "checkov's pattern is a substring match");
        assert!(!netcat.is_match("nc example.com 80"));
    }
}
