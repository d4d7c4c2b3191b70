//! The import graph between the crate's files, and the rule it must keep:
//! no cycles (no file reaches itself through `use crate::…`, `super::…` or
//! `self::…` paths). Built from the source text at test time, so it needs no
//! extra dependency; `cargo test --lib layering -- --nocapture` prints the
//! edges.
//!
//! A `mod.rs` naming its own children (`mod x;`, `x::f()`) declares them and
//! is not counted as importing them; a child reaching its parent through
//! `super::` is counted, as is every `crate::` path, in `use` or inline.
//! Test modules at the end of a file are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One source file: its module path (`["world", "policies"]`) and its text
/// with comments and the trailing `#[cfg(test)] mod tests` removed.
struct File {
    module: Vec<String>,
    text: String,
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "bin") {
                collect(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without `//` comments and without the test module at the end
/// of the file (test code may reach anywhere).
fn library_text(source: &str) -> String {
    let end = source.find("#[cfg(test)]\nmod tests").unwrap_or(source.len());
    source[..end]
        .lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string literal (e.g. "https://") is rare in
            // paths; cutting there only loses tokens, never invents them.
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn files() -> Vec<File> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    collect(&src, &mut paths);
    paths
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&src).expect("under src/");
            let mut module: Vec<String> = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let is_mod_rs = module.last().is_some_and(|m| m == "mod");
            if is_mod_rs || module == ["lib"] {
                module.pop();
            }
            let source = std::fs::read_to_string(&path).expect("readable source");
            File {
                module,
                text: library_text(&source),
            }
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Semi,
    Other,
}

fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
            continue;
        }
        if c == '"' {
            // Skip string literals (escapes included).
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push(Token::Other);
            continue;
        }
        if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push(Token::PathSep);
            i += 2;
            continue;
        }
        if !c.is_whitespace() {
            out.push(match c {
                '{' => Token::Open,
                '}' => Token::Close,
                ',' => Token::Comma,
                ';' => Token::Semi,
                _ => Token::Other,
            });
        }
        i += 1;
    }
    out
}

/// Parses one use tree at `at`, pushing every full path it names.
fn use_tree(toks: &[Token], at: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    loop {
        match toks.get(*at) {
            Some(Token::Ident(name)) => {
                path.push(name.clone());
                *at += 1;
                if toks.get(*at) == Some(&Token::PathSep) {
                    *at += 1;
                    continue;
                }
                // `as alias` or end of this tree.
                if matches!(toks.get(*at), Some(Token::Ident(kw)) if kw == "as") {
                    *at += 2;
                }
                out.push(path);
                return;
            }
            Some(Token::Open) => {
                *at += 1;
                while !matches!(toks.get(*at), Some(Token::Close) | None) {
                    use_tree(toks, at, &path, out);
                    if toks.get(*at) == Some(&Token::Comma) {
                        *at += 1;
                    }
                }
                *at += 1;
                return;
            }
            _ => {
                // `*` or anything else ends the path.
                *at += 1;
                out.push(path);
                return;
            }
        }
    }
}

/// Every path the file names: each `use` tree's paths (with `true`), and
/// the inline paths through `crate` or `super` (with `false`).
fn named_paths(text: &str) -> Vec<(Vec<String>, bool)> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            // `pub(in crate::world)` restricts a visibility; it names a
            // module without importing anything from it.
            Token::Ident(kw)
                if kw == "in"
                    && i >= 2
                    && toks[i - 1] == Token::Other
                    && toks[i - 2] == Token::Ident("pub".to_string()) =>
            {
                i += 1;
                while matches!(toks.get(i), Some(Token::Ident(_) | Token::PathSep)) {
                    i += 1;
                }
            }
            Token::Ident(kw) if kw == "use" => {
                i += 1;
                let mut uses = Vec::new();
                use_tree(&toks, &mut i, &[], &mut uses);
                out.extend(uses.into_iter().map(|path| (path, true)));
            }
            Token::Ident(head)
                if matches!(head.as_str(), "crate" | "super")
                    && toks.get(i + 1) == Some(&Token::PathSep)
                    && (i == 0 || toks[i - 1] != Token::PathSep) =>
            {
                let mut path = vec![head.clone()];
                i += 1;
                while toks.get(i) == Some(&Token::PathSep) {
                    match toks.get(i + 1) {
                        Some(Token::Ident(seg)) => {
                            path.push(seg.clone());
                            i += 2;
                        }
                        _ => break,
                    }
                }
                out.push((path, false));
            }
            _ => i += 1,
        }
    }
    out
}

/// The paths of [`named_paths`] that point into the crate, as absolute module
/// paths: `crate::a::b`, `self::…` and `super::…` relative to `here`, and, in
/// a `mod.rs` or `lib.rs`, a `use` of one of its own children (`use
/// accounts::X;`, a re-export included).
fn absolute_paths(here: &[String], text: &str, modules: &BTreeSet<Vec<String>>) -> Vec<(Vec<String>, bool)> {
    let mut out = Vec::new();
    for (path, is_use) in named_paths(text) {
        let mut absolute: Vec<String> = match path.first().map(String::as_str) {
            Some("crate") => Vec::new(),
            Some("self") => here.to_vec(),
            Some("super") => {
                let mut base = here.to_vec();
                base.pop();
                base
            }
            Some(child) if is_use && modules.contains(&[here, &[child.to_string()]].concat()) => {
                out.push(([here, &path].concat(), is_use));
                continue;
            }
            _ => continue,
        };
        let mut rest = path[1..].iter().peekable();
        while rest.peek().is_some_and(|s| *s == "super") {
            absolute.pop();
            rest.next();
        }
        absolute.extend(rest.cloned());
        out.push((absolute, is_use));
    }
    out
}

/// The file a path leads to: the longest prefix that is a module, followed
/// through that module's `use`s when the next segment is a name it imports
/// (a re-export such as `crate::world::AccountId` leads to
/// `world::id_types`).
fn resolve(
    path: &[String],
    modules: &BTreeSet<Vec<String>>,
    imports: &BTreeMap<(Vec<String>, String), Vec<String>>,
    depth: usize,
) -> Vec<String> {
    let module = (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| modules.contains(prefix))
        .unwrap_or_default();
    if depth < 8 {
        if let Some(next) = path.get(module.len()) {
            if let Some(source) = imports.get(&(module.clone(), next.clone())) {
                if source.as_slice() != path {
                    let mut onward = source.clone();
                    onward.extend(path[module.len() + 1..].iter().cloned());
                    return resolve(&onward, modules, imports, depth + 1);
                }
            }
        }
    }
    module
}

/// The import edges between files, by module path (`"world::policies"`),
/// re-exports followed to the file that defines the name.
pub(crate) fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let files = files();
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    let resolved: Vec<Vec<(Vec<String>, bool)>> = files
        .iter()
        .map(|f| absolute_paths(&f.module, &f.text, &modules))
        .collect();
    // What each module imports by name: (module, last segment) -> full path.
    let mut imports = BTreeMap::new();
    for (file, paths) in files.iter().zip(&resolved) {
        for (path, is_use) in paths {
            if let (true, Some(last)) = (*is_use, path.last()) {
                imports.insert((file.module.clone(), last.clone()), path.clone());
            }
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, paths) in files.iter().zip(&resolved) {
        let name = file.module.join("::");
        graph.entry(name.clone()).or_default();
        for (path, _) in paths {
            let target = resolve(path, &modules, &imports, 0);
            // lib.rs declares every module; its `pub use` re-exports are the
            // public face, not a dependency of the layers.
            let target_name = target.join("::");
            if target_name != name && !name.is_empty() && !target.is_empty() {
                graph.entry(name.clone()).or_default().insert(target_name);
            }
        }
    }
    graph
}

/// Strongly connected components with more than one file.
pub(crate) fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan's algorithm, recursive (the graph has ~60 nodes).
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !graph.contains_key(w) {
                continue;
            }
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.out.push(component);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// The layers, lowest first: each top-level folder of `src/` may import its
/// own modules and those of the layers before it, never one after it. Two
/// folders on one line are side by side and import nothing of each other.
const LAYERS: &[&[&str]] = &[
    &["world"],
    &["wire"],
    &["operations", "sts"],
    &["calls"],
    &["protocol"],
    &["transport"],
    &["harness"],
    &["server"],
];

/// The layer of a module (`"calls::faults"` is in `calls`), by its index in
/// [`LAYERS`].
fn layer(module: &str) -> Option<(usize, &'static str)> {
    let top = module.split("::").next()?;
    LAYERS
        .iter()
        .enumerate()
        .find_map(|(rank, folders)| folders.iter().find(|f| **f == top).map(|f| (rank, *f)))
}

#[test]
fn every_folder_of_src_is_a_layer() {
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("src")).expect("src/") {
        let path = entry.expect("entry").path();
        let name = path.file_stem().expect("a name").to_string_lossy().into_owned();
        if path.is_dir() && !["bin", "docs"].contains(&name.as_str()) {
            assert!(layer(&name).is_some(), "src/{name}/ is in no layer of LAYERS");
        }
    }
}

#[test]
fn no_layer_imports_one_above_it() {
    let mut wrong = Vec::new();
    for (from, to) in edges() {
        let Some((rank, folder)) = layer(&from) else { continue };
        for target in to {
            if let Some((target_rank, target_folder)) = layer(&target) {
                if target_folder != folder && target_rank >= rank {
                    wrong.push(format!("{from} -> {target}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layers (see LAYERS): {wrong:#?}");
}

#[test]
fn the_files_import_each_other_without_cycles() {
    let graph = edges();
    for (from, to) in &graph {
        println!("{from} -> {}", to.iter().cloned().collect::<Vec<_>>().join(", "));
    }
    let cycles = cycles(&graph);
    assert!(cycles.is_empty(), "import cycles between files: {cycles:#?}");
}

/// The world's stores: records and the indexes over them, changed only
/// through their own methods.
const STORES: &[&str] = &[
    "world::accounts::requests",
    "world::accounts::store",
    "world::delegation::store",
    "world::handshakes::store",
    "world::iam::store",
    "world::policies::book",
    "world::transfers::govcloud",
    "world::tree::store",
];

#[test]
fn no_store_imports_the_world() {
    // `World` (world::state) holds the stores; a store reaching back for it
    // would put its invariants in the hands of every `impl World`.
    let graph = edges();
    for store in STORES {
        let imports = graph.get(*store).unwrap_or_else(|| panic!("{store} is no file"));
        assert!(
            !imports.contains("world::state") && !imports.contains("world::organization"),
            "{store} imports the world: {imports:?}"
        );
    }
}

#[test]
fn a_cycle_through_a_re_export_is_found() {
    // `b` imports `a`'s re-export of `c::X`, and `c` imports `b`: a circle
    // b -> c -> b, though no file names `c` from `b`.
    let modules: BTreeSet<Vec<String>> = [
        vec![],
        vec!["a".to_string()],
        vec!["a".to_string(), "c".to_string()],
        vec!["b".to_string()],
    ]
    .into();
    let a = absolute_paths(&["a".to_string()], "pub(crate) use c::X;", &modules);
    let mut imports = BTreeMap::new();
    for (path, _) in &a {
        imports.insert((vec!["a".to_string()], path.last().cloned().unwrap()), path.clone());
    }
    let from_b = absolute_paths(&["b".to_string()], "use crate::a::X;", &modules);
    let target = resolve(&from_b[0].0, &modules, &imports, 0);
    assert_eq!(target, ["a", "c"]);
}

#[test]
fn only_the_handles_satellites_import_the_public_handle() {
    // `harness` is the public face; the layers below it never import it.
    // The server, the handle's methods by concept (its builder, clients,
    // recordings, rules, expectations, world state, STS methods and the
    // guardrails' questions) and its unit tests sit on top of it.
    let importers: Vec<String> = edges()
        .into_iter()
        .filter(|(_, to)| to.contains("harness"))
        .map(|(from, _)| from)
        .collect();
    assert_eq!(
        importers,
        [
            "harness::builder",
            "harness::clients",
            "harness::expectations",
            "harness::guardrails",
            "harness::guardrails::query",
            "harness::recordings",
            "harness::rules",
            "harness::sts",
            "harness::tests",
            "harness::world_state",
            "server"
        ]
    );
}

#[test]
fn the_parser_sees_use_trees_and_inline_paths() {
    let found = named_paths("use crate::{a::{b, c as d}, e::*};\nfn f() { super::g::h(); x::crate_y(); }");
    let strings = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        found,
        vec![
            (strings(&["crate", "a", "b"]), true),
            (strings(&["crate", "a", "c"]), true),
            (strings(&["crate", "e"]), true),
            (strings(&["super", "g", "h"]), false),
        ]
    );
}

#[test]
fn a_restricted_visibility_is_no_import() {
    // `pub(in crate::world)` names the module it opens to, and imports
    // nothing from it; a `crate::` path after it still counts.
    let found = named_paths("pub(in crate::world) fn f() -> crate::a::B { pub(in super::super) x; }");
    assert_eq!(
        found,
        vec![(vec!["crate".to_string(), "a".to_string(), "B".to_string()], false)]
    );
    // Without the visibility, the same path is an inline import.
    let found = named_paths("fn f() { crate::world::g(); }");
    assert_eq!(found.len(), 1);
}

#[test]
fn the_world_imports_nothing_of_the_wire() {
    // The pure domain (src/world) raises `DomainError`; the wire error
    // (`crate::wire::error`), the codec, the protocol, the transport, the
    // operations and the harness are above it. Its only imports outside
    // itself are the leaf rule tables.
    let allowed: [&str; 0] = [];
    let graph = edges();
    let mut wrong = Vec::new();
    for (from, to) in &graph {
        if from != "world" && !from.starts_with("world::") {
            continue;
        }
        for target in to {
            if target != "world" && !target.starts_with("world::") && !allowed.contains(&target.as_str()) {
                wrong.push(format!("{from} -> {target}"));
            }
        }
    }
    assert!(wrong.is_empty(), "the world imports layers above it: {wrong:#?}");
    // No name of the wire error in the world's library code either.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join("world");
    let mut paths = Vec::new();
    collect(&src, &mut paths);
    for path in paths {
        let text = library_text(&std::fs::read_to_string(&path).expect("readable source"));
        for word in ["ApiError", "ApiResult", "http_status"] {
            assert!(!text.contains(word), "{} names {word}", path.display());
        }
        // Exceptions are `Exception` kinds and reasons the SDK's enums; their
        // wire names are given in src/wire/error.rs only.
        for literal in text.split('"').skip(1).step_by(2) {
            assert!(
                !literal.ends_with("Exception"),
                "{} spells the exception \"{literal}\"; use world::Exception",
                path.display()
            );
        }
    }
}
