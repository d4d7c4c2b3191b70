//! Every pointer into the fidelity ledger names an entry that exists. Tests
//! and docs cite `FIDELITY.md#some-heading` or `FIDELITY.md, "Some heading"`;
//! a misspelt or renamed heading would otherwise leave a citation that points
//! nowhere while every test stays green.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// GitHub's anchor for a heading: lower case, spaces to hyphens, and
/// everything but letters, digits, hyphens and underscores dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn text_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            text_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| ["rs", "md", "sh", "py"].contains(&e.to_str().unwrap_or_default()))
        {
            out.push(path);
        }
    }
}

/// A file's text with comment markers dropped and white space folded, so a
/// citation broken over two comment lines reads as one.
fn folded(text: &str) -> String {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !matches!(*w, "//" | "///" | "//!" | "#" | "*" | ">"))
        .collect();
    words.join(" ")
}

#[test]
fn every_citation_of_the_ledger_names_an_entry_that_exists() {
    let ledger = std::fs::read_to_string(root().join("FIDELITY.md")).expect("FIDELITY.md");
    let headings: BTreeSet<String> = ledger
        .lines()
        .filter_map(|l| l.strip_prefix("## ").or_else(|| l.strip_prefix("### ")))
        .map(|h| h.trim().to_string())
        .collect();
    let slugs: BTreeSet<String> = headings.iter().map(|h| slug(h)).collect();
    assert!(
        slugs.contains("default-page-size"),
        "the slug rule reads the ledger's headings"
    );

    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        text_files(&root().join(dir), &mut files);
    }
    for file in ["README.md", "DESIGN.md", "CHANGELOG.md", "FIDELITY.md"] {
        files.push(root().join(file));
    }
    let anchor = regex::Regex::new(r"FIDELITY\.md#([A-Za-z0-9_-]+)").unwrap();
    let named = regex::Regex::new(r#"FIDELITY\.md[,:]? ?\(?"([^"]+)""#).unwrap();
    let local = regex::Regex::new(r"\]\(#([A-Za-z0-9_-]+)\)").unwrap();
    let (mut cited, mut broken) = (0, Vec::new());
    // This file names the citation forms as examples: it is not read.
    let before = files.len();
    files.retain(|p| !p.ends_with("tests/it/fidelity/ledger_links.rs"));
    assert_eq!(files.len(), before - 1, "this file moved: update its path above");
    for path in files {
        let text = folded(&std::fs::read_to_string(&path).expect("a text file"));
        let name = path.strip_prefix(root()).unwrap_or(&path).display().to_string();
        for c in anchor.captures_iter(&text) {
            cited += 1;
            if !slugs.contains(&c[1]) {
                broken.push(format!("{name}: FIDELITY.md#{}", &c[1]));
            }
        }
        for c in named.captures_iter(&text) {
            cited += 1;
            if !headings.contains(&c[1]) {
                broken.push(format!("{name}: FIDELITY.md, \"{}\"", &c[1]));
            }
        }
        if name == "FIDELITY.md" {
            for c in local.captures_iter(&text) {
                cited += 1;
                if !slugs.contains(&c[1]) {
                    broken.push(format!("FIDELITY.md: (#{})", &c[1]));
                }
            }
        }
    }
    assert!(
        cited > 20,
        "only {cited} citations found: the scan is not reading the sources"
    );
    assert!(
        broken.is_empty(),
        "citations of ledger entries that do not exist:\n{}",
        broken.join("\n")
    );
}
