//! Regenerates `src/wire/validation/model.rs`, the table of input constraints, from
//! the AWS service model vendored at `model/service-2.json`. The README's
//! operations table is checked by the tests (`UPDATE_README=1 cargo test --test
//! fidelity readme` rewrites it).
//!
//! ```sh
//! cargo run -p gen-model                              # regenerates from model/service-2.json
//! cargo run -p gen-model -- path/to/newer/service-2.json
//!     # copies that file over model/service-2.json, then regenerates
//! ```
//!
//! The file is checked (it must generate a table) before anything is written,
//! so a bad input leaves the repository untouched.

#[path = "../../../src/wire/validation/generate.rs"]
mod generate;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let vendored = repo.join("model/service-2.json");
    let given = std::env::args_os().nth(1).map(PathBuf::from);
    let model = given.clone().unwrap_or_else(|| vendored.clone());
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
    if given.is_some() {
        if let Err(e) = std::fs::write(&vendored, &text) {
            eprintln!("gen-model: cannot write {}: {e}", vendored.display());
            return ExitCode::FAILURE;
        }
        println!("gen-model: copied {} to {}", model.display(), vendored.display());
    }
    let out = repo.join("src/wire/validation/model.rs");
    if let Err(e) = std::fs::write(&out, code) {
        eprintln!("gen-model: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!("gen-model: wrote {}", out.display());
    ExitCode::SUCCESS
}
