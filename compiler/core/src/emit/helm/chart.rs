//! stackc's first-party `workload` chart, embedded from `stdlib/charts/workload` and written to
//! `charts/workload/` with every build, so the output is self-contained; its version is stackc's.

use super::super::Artifact;

/// The chart's files, relative to the chart directory.
const FILES: &[(&str, &str)] = &[
    (".helmignore", include_str!("../../../../../stdlib/charts/workload/.helmignore")),
    ("Chart.yaml", include_str!("../../../../../stdlib/charts/workload/Chart.yaml")),
    ("values.yaml", include_str!("../../../../../stdlib/charts/workload/values.yaml")),
    ("values.schema.json", include_str!("../../../../../stdlib/charts/workload/values.schema.json")),
    ("templates/_helpers.tpl", include_str!("../../../../../stdlib/charts/workload/templates/_helpers.tpl")),
    ("templates/checks.yaml", include_str!("../../../../../stdlib/charts/workload/templates/checks.yaml")),
    ("templates/configmap.yaml", include_str!("../../../../../stdlib/charts/workload/templates/configmap.yaml")),
    ("templates/cronjob.yaml", include_str!("../../../../../stdlib/charts/workload/templates/cronjob.yaml")),
    ("templates/deployment.yaml", include_str!("../../../../../stdlib/charts/workload/templates/deployment.yaml")),
    (
        "templates/externalsecrets.yaml",
        include_str!("../../../../../stdlib/charts/workload/templates/externalsecrets.yaml"),
    ),
    ("templates/hpa.yaml", include_str!("../../../../../stdlib/charts/workload/templates/hpa.yaml")),
    ("templates/ingress.yaml", include_str!("../../../../../stdlib/charts/workload/templates/ingress.yaml")),
    ("templates/job.yaml", include_str!("../../../../../stdlib/charts/workload/templates/job.yaml")),
    (
        "templates/networkpolicy.yaml",
        include_str!("../../../../../stdlib/charts/workload/templates/networkpolicy.yaml"),
    ),
    ("templates/pdb.yaml", include_str!("../../../../../stdlib/charts/workload/templates/pdb.yaml")),
    ("templates/secretstore.yaml", include_str!("../../../../../stdlib/charts/workload/templates/secretstore.yaml")),
    ("templates/service.yaml", include_str!("../../../../../stdlib/charts/workload/templates/service.yaml")),
    (
        "templates/serviceaccount.yaml",
        include_str!("../../../../../stdlib/charts/workload/templates/serviceaccount.yaml"),
    ),
    (
        "templates/servicemonitor.yaml",
        include_str!("../../../../../stdlib/charts/workload/templates/servicemonitor.yaml"),
    ),
];

pub fn artifacts() -> Vec<Artifact> {
    FILES
        .iter()
        .map(|(path, contents)| {
            let contents = if *path == "Chart.yaml" {
                contents.replace("version: 0.1.0", &format!("version: {}", env!("CARGO_PKG_VERSION")))
            } else {
                (*contents).to_owned()
            };
            Artifact { path: format!("charts/workload/{path}"), contents }
        })
        .collect()
}
