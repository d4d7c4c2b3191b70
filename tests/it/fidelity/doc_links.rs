//! Every repository file the public docs name is in the published package.
//! docs.rs builds from the package, not the repository: a doc that cites
//! `DESIGN.md`, `src/world/rules.rs` or `tests/it/sts.rs` while Cargo.toml's
//! `include` leaves that file out points nowhere there. The docs read are the
//! doc comments of `src/**/*.rs`, the guide's chapters (`src/docs/*.md`),
//! README.md, and DESIGN.md (the guide includes it into the rustdoc). The
//! guide's links to a chapter's heading (`super::fidelity#guardrails`) must
//! name a heading of that chapter too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Paths in the docs that name the reader's files, not this repository's: an
/// expectation's failure names where the reader's test wrote it
/// (`tests/foo.rs:12:5`).
const THE_READERS_FILES: &[&str] = &["tests/foo.rs"];

/// The patterns of Cargo.toml's `include = [...]`.
fn include_patterns(manifest: &str) -> Vec<String> {
    let start = manifest.find("\ninclude = [").expect("Cargo.toml has an include list");
    let list = &manifest[start..];
    let list = &list[..list.find(']').expect("the include list ends")];
    list.lines()
        .skip(1)
        .filter_map(|l| l.trim().trim_end_matches(',').strip_prefix('"')?.strip_suffix('"'))
        .map(str::to_string)
        .collect()
}

/// Cargo's include patterns as this manifest uses them: `/file`, `/dir/**`
/// and `/dir/*.ext`, anchored at the package root.
fn matches(pattern: &str, path: &str) -> bool {
    let pattern = pattern.trim_start_matches('/');
    if let Some(dir) = pattern.strip_suffix("/**") {
        path.starts_with(&format!("{dir}/"))
    } else if let Some((dir, ext)) = pattern.split_once("/*") {
        path.strip_prefix(&format!("{dir}/"))
            .is_some_and(|name| !name.contains('/') && name.ends_with(ext))
    } else {
        path == pattern
    }
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Whether the package built with `patterns` carries `path` (a file, or a
/// folder with at least one packaged file; a glob stands for its folder).
fn in_package(path: &str, patterns: &[String]) -> bool {
    let path = match path.find('*') {
        Some(star) => &path[..star],
        None => path,
    };
    let on_disk = root().join(path);
    if on_disk.is_file() {
        return patterns.iter().any(|p| matches(p, path));
    }
    if !on_disk.is_dir() {
        return false;
    }
    let mut files = Vec::new();
    files_under(&on_disk, &mut files);
    files.iter().any(|f| {
        let relative = f
            .strip_prefix(root())
            .expect("under the root")
            .to_string_lossy()
            .replace('\\', "/");
        patterns.iter().any(|p| matches(p, &relative))
    })
}

/// The repository files a text names.
fn references(text: &str) -> BTreeSet<String> {
    let path = regex::Regex::new(
        r"(?:^|[^A-Za-z0-9_./-])((?:src|tests|benches|model|examples)/[A-Za-z0-9_./*-]*|[A-Z][A-Z_]*\.md)",
    )
    .unwrap();
    path.captures_iter(text)
        .map(|c| c[1].trim_end_matches('.').to_string())
        .filter(|p| !THE_READERS_FILES.contains(&p.as_str()))
        .collect()
}

/// The references of `text` that the package built with `patterns` lacks.
fn missing(text: &str, patterns: &[String]) -> Vec<String> {
    references(text)
        .into_iter()
        .filter(|p| !in_package(p, patterns))
        .collect()
}

/// The doc comments (`///`, `//!`) of a Rust file.
fn doc_comments(source: &str) -> String {
    source
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            l.strip_prefix("///").or_else(|| l.strip_prefix("//!"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The public docs: (file, the text of it that is documentation).
fn public_docs() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    files_under(&root().join("src"), &mut files);
    files.push(root().join("README.md"));
    files.push(root().join("DESIGN.md"));
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            match path.extension().and_then(|e| e.to_str()) {
                Some("rs") => Some((path, doc_comments(&text))),
                Some("md") => Some((path, text)),
                _ => None,
            }
        })
        .collect()
}

fn manifest_patterns() -> Vec<String> {
    include_patterns(&std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml"))
}

#[test]
fn every_file_the_public_docs_name_is_in_the_package() {
    let patterns = manifest_patterns();
    let (mut named, mut broken) = (0, Vec::new());
    for (path, text) in public_docs() {
        named += references(&text).len();
        for reference in missing(&text, &patterns) {
            broken.push(format!("{}: {reference}", path.strip_prefix(root()).unwrap().display()));
        }
    }
    assert!(named > 50, "the scan finds the docs' references ({named})");
    assert!(
        broken.is_empty(),
        "the public docs name files the package leaves out (add them to Cargo.toml's include, \
         or stop citing them):\n{}",
        broken.join("\n")
    );
}

#[test]
fn a_made_up_path_or_a_file_left_out_of_the_package_fails_the_check() {
    let patterns = manifest_patterns();
    let text = "See DESIGN.md, `src/world/rules.rs`, `tests/it/` and `model/service-2.json`.";
    assert_eq!(missing(text, &patterns), Vec::<String>::new());

    let made_up = "The rules are in `src/world/no_such_file.rs` (see NOTES.md and tests/it/gone/).";
    assert_eq!(
        missing(made_up, &patterns),
        ["NOTES.md", "src/world/no_such_file.rs", "tests/it/gone/"]
    );

    // A file that exists but that the include list leaves out.
    let without_design: Vec<String> = patterns.iter().filter(|p| *p != "/DESIGN.md").cloned().collect();
    assert_eq!(missing(text, &without_design), ["DESIGN.md"]);
    let without_model: Vec<String> = patterns.iter().filter(|p| !p.starts_with("/model/")).cloned().collect();
    assert_eq!(missing(text, &without_model), ["model/service-2.json"]);
}

/// rustdoc's id for a heading: lower case, letters, digits, `-` and `_`
/// kept, runs of white space one `-`, everything else dropped.
fn rustdoc_id(heading: &str) -> String {
    let kept: String = heading
        .chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            c if c.is_whitespace() => Some(' '),
            _ => None,
        })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join("-")
}

/// The source of a guide module's documentation.
fn chapter_source(module: &str) -> PathBuf {
    match module {
        // DESIGN.md and the ledger, at the repository's root.
        "design" | "fidelity" => root().join(format!("{}.md", module.to_uppercase())),
        "crate" => root().join("src/docs/crate.md"),
        chapter => root().join(format!("src/docs/{chapter}.md")),
    }
}

fn broken_anchors(docs: &[(PathBuf, String)]) -> Vec<String> {
    let link = regex::Regex::new(r"\]\((?:crate::guide::|super::|guide::)?([a-z_]+)#([A-Za-z0-9_-]+)\)").unwrap();
    let mut broken = Vec::new();
    for (path, text) in docs {
        for c in link.captures_iter(text) {
            let (module, anchor) = (&c[1], &c[2]);
            let ids: BTreeSet<String> = std::fs::read_to_string(chapter_source(module))
                .unwrap_or_default()
                .lines()
                .filter(|l| l.starts_with('#'))
                .map(|l| rustdoc_id(l.trim_start_matches('#')))
                .collect();
            if !ids.contains(anchor) {
                broken.push(format!("{}: {module}#{anchor}", path.display()));
            }
        }
    }
    broken
}

#[test]
fn every_link_to_a_heading_of_the_guide_names_one_that_exists() {
    let docs: Vec<(PathBuf, String)> = public_docs()
        .into_iter()
        .filter(|(p, _)| p.starts_with(root().join("src")))
        .collect();
    let links = docs.iter().filter(|(_, t)| t.contains("fidelity#")).count();
    assert!(links > 0, "the guide links to the ledger's headings");
    let broken = broken_anchors(&docs);
    assert!(
        broken.is_empty(),
        "links to headings that do not exist:\n{}",
        broken.join("\n")
    );

    let made_up = vec![(
        PathBuf::from("made-up.md"),
        "[ledger](super::fidelity#no-such-entry)".to_string(),
    )];
    assert_eq!(broken_anchors(&made_up), ["made-up.md: fidelity#no-such-entry"]);
}
