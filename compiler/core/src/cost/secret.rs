//! A Secrets Manager secret: by the month, plus API calls (`secret_api_calls_thousand`).

use super::Pricer;
use crate::kinds::secret::Secret;

pub(super) fn price(p: &mut Pricer<'_>, _s: &Secret<'_>) {
    p.unit("secret", "secretsmanager.secret", 1.0).bills("aws_secretsmanager_secret", 1);
    let calls = p.usage.get("secret_api_calls_thousand");
    p.unit("API calls", "secretsmanager.api", calls / 10.0).assumed("secret_api_calls_thousand");
}
