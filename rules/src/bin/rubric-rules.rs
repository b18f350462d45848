//! A stand-alone front end for the rule commands, for working on rule sets
//! without the server: `rubric-rules check FILE.rhai`, `rubric-rules test DIR`,
//! `rubric-rules eval --rules DIR --input FILE [--json]`,
//! `rubric-rules boundary DIR [--input TEMPLATE.json]`.
//! The product's CLI is `rubric rules …` in `server/`.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "cách dùng:
  rubric-rules check FILE.rhai
  rubric-rules test DIR
  rubric-rules eval --rules DIR --input INPUT.json [--json]
  rubric-rules boundary DIR [--input TEMPLATE.json]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let code = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["check", file] => rubric_rules::cli::check(&PathBuf::from(file), &mut out, &mut err),
        ["test", dir] => rubric_rules::cli::test(&PathBuf::from(dir), &mut out, &mut err),
        ["boundary", dir] => {
            rubric_rules::cli::boundary(&PathBuf::from(dir), None, &mut out, &mut err)
        }
        ["boundary", dir, "--input", template] => rubric_rules::cli::boundary(
            &PathBuf::from(dir),
            Some(&PathBuf::from(template)),
            &mut out,
            &mut err,
        ),
        ["eval", rest @ ..] => match parse_eval(rest) {
            Some((rules, input, json)) => {
                rubric_rules::cli::eval(&rules, &input, json, &mut out, &mut err)
            }
            None => usage(&mut err),
        },
        _ => usage(&mut err),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn usage(err: &mut dyn std::io::Write) -> i32 {
    let _ = writeln!(err, "{USAGE}");
    rubric_rules::cli::EXIT_INPUT
}

fn parse_eval(args: &[&str]) -> Option<(PathBuf, PathBuf, bool)> {
    let (mut rules, mut input, mut json) = (None, None, false);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match *arg {
            "--rules" => rules = it.next().map(PathBuf::from),
            "--input" => input = it.next().map(PathBuf::from),
            "--json" => json = true,
            _ => return None,
        }
    }
    Some((rules?, input?, json))
}
