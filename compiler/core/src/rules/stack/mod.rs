//! Rules over environments, pipelines and what the stack source itself says, one per file.

mod approval;
mod budget;
mod pipeline_scripts;
mod plaintext_secrets;
mod tags;

use super::Rule;

pub(super) static RULES: &[&Rule] =
    &[&plaintext_secrets::RULE, &pipeline_scripts::RULE, &approval::RULE, &budget::RULE, &tags::RULE];
