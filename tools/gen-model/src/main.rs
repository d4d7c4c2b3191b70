//! Regenerates `src/validation/model.rs`, the table of input constraints, from
//! the AWS service model vendored at `model/service-2.json`, and the README's operations table is checked by the
//! tests (`UPDATE_README=1 cargo test --test fidelity readme` rewrites it).
//!
//! ```sh
//! cargo run -p gen-model            # writes src/validation/model.rs
//! cargo run -p gen-model -- PATH    # reads another service-2.json
//! ```

#[path = "../../../src/validation/generate.rs"]
mod generate;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let model = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("model/service-2.json"));
    let text = match std::fs::read_to_string(&model) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("gen-model: cannot read {}: {e}", model.display());
            return ExitCode::FAILURE;
        }
    };
    let code = match generate::generate(&text) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gen-model: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = repo.join("src/validation/model.rs");
    if let Err(e) = std::fs::write(&out, code) {
        eprintln!("gen-model: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!("gen-model: wrote {}", out.display());
    ExitCode::SUCCESS
}
