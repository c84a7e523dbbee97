//! `stackc explain CODE`: print the explanation page of a diagnostic code.

use stackc_syntax::Code;

#[derive(clap::Args)]
pub struct Args {
    /// The diagnostic code, e.g. E0108
    code: String,
}

pub fn run(args: &Args) -> u8 {
    match Code::parse(args.code.trim()) {
        Some(code) => super::print_stdout(code.page()),
        None => {
            eprintln!("error: unknown diagnostic code `{}`", args.code);
            let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
            eprintln!("known codes: {}", codes.join(", "));
            2
        }
    }
}
