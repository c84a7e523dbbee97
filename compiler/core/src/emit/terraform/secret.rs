//! secret → a Secrets Manager secret; generated values come from an ephemeral resource and reach AWS
//! through a write-only attribute, so they are in neither the plan nor the state.

use hcl::Expression;

use super::shared::kms;
use super::tf::{self, Blk, Handle};
use super::{count, tf_id, Lowerer};
use crate::bridge;
use crate::graph::Resource;
use crate::kinds::secret::{Output, Secret};
use crate::kinds::{require_all, ViewError};

const FILE: &str = "secrets";

/// The Secrets Manager secret of a stack secret.
pub fn handle(res: &Resource) -> Handle {
    Handle::resource("aws_secretsmanager_secret", tf_id(res))
}

pub fn output(s: &Secret, output: Output) -> Expression {
    let secret = handle(s.resource);
    match output {
        Output::Arn => secret.attr("arn"),
        Output::Name => secret.attr("name"),
    }
}

pub fn lower(l: &mut Lowerer, s: &Secret) -> Result<(), ViewError> {
    let res = s.resource;
    let id = tf_id(res);
    let key = kms(l)?.attr("arn");
    let name = bridge::secret_name(l.env, res);
    let keys = require_all(&s.keys, res, "keys")?;
    let description = s.description.map(|d| l.text(d)).transpose()?;
    let secret = l.add(
        FILE,
        Blk::of(&handle(res))
            .comments(l.skips(res))
            .set("name", tf::string(name.clone()))
            .set_opt("description", description)
            .set("kms_key_id", key)
            .set("recovery_window_in_days", s.recovery_window.days_ceil())
            .set("tags", l.tags(res, &name)),
    );
    if s.generate {
        let password = l.add(
            FILE,
            Blk::ephemeral("aws_secretsmanager_random_password", &id)
                .set("for_each", tf::call("toset", [tf::strings(&keys)]))
                .set("password_length", count(s.length))
                .set("exclude_punctuation", true),
        );
        let values = tf::call(
            "jsonencode",
            [tf::object(keys.iter().map(|k| ((*k).to_owned(), password.at(tf::string(*k)).attr("random_password"))))],
        );
        l.add(
            FILE,
            Blk::resource("aws_secretsmanager_secret_version", &id)
                .set("secret_id", secret.attr("id"))
                .set("secret_string_wo", values)
                .set("secret_string_wo_version", 1),
        );
    }
    Ok(())
}
