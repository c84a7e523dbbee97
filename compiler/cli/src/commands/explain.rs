//! `stackc explain CODE`: print the explanation page of a diagnostic code.

#[derive(clap::Args)]
pub struct Args {
    /// The diagnostic code, e.g. E0108
    code: String,
}

pub fn run(args: &Args) -> u8 {
    match stackc_core::explain(args.code.trim()) {
        Some(page) => super::print_stdout(page),
        None => {
            eprintln!("error: unknown diagnostic code `{}`", args.code);
            let codes: Vec<&str> = stackc_core::codes().collect();
            eprintln!("known codes: {}", codes.join(", "));
            2
        }
    }
}
