//! The shape of the code, checked: each layer of `app/src` imports only the
//! layers below it, and no two files import each other, however many files
//! stand between them. Read from the sources, as text (`crate::…` and
//! `super::…` paths), so the check needs nothing compiled.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first: a module may use its own layer and those
/// before it.
const LAYERS: &[&[&str]] = &[
    &["model", "csp"],
    &["i18n"],
    &["store"],
    &["render"],
    &["api"],
    &["boot"],
    &["offline"],
    &["components"],
    &["pages"],
    &["app"],
    &["lib"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's module path: `app/src/api/sync.rs` is `["api", "sync"]`,
/// `app/src/i18n/mod.rs` is `["i18n"]`, `app/src/lib.rs` is `["lib"]`.
fn module_of(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src()).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The file a module path names, by its longest prefix that is a file.
fn file_of(modules: &BTreeMap<Vec<String>, PathBuf>, path: &[String]) -> Option<PathBuf> {
    (1..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n]).cloned())
}

/// The module paths a file's code names (`crate::a::b`, `super::c`),
/// outside its tests.
fn named(file: &Path, text: &str) -> Vec<Vec<String>> {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    let own = module_of(file);
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let (start, relative) = if rest.starts_with("crate::") {
            (at + "crate::".len(), None)
        } else if rest.starts_with("super::") {
            (at, Some(()))
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        // A path starts a word (not `foo_crate::` nor `x.super::`).
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
            at += 1;
            continue;
        }
        let path: Vec<&str> = text[start..]
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
            .next()
            .unwrap_or_default()
            .split("::")
            .filter(|p| !p.is_empty())
            .collect();
        // `super::` from a file's top level is the module above it.
        let mut module: Vec<String> = match relative {
            None => Vec::new(),
            Some(()) => own.clone(),
        };
        for part in &path {
            if *part == "super" {
                module.pop();
            } else if part.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                module.push(part.to_string());
            } else {
                break;
            }
        }
        if !module.is_empty() {
            found.push(module);
        }
        at = start + 1;
    }
    found
}

/// Every file and the files it names.
fn graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let mut all = Vec::new();
    files(&src(), &mut all);
    let modules: BTreeMap<Vec<String>, PathBuf> =
        all.iter().map(|f| (module_of(f), f.clone())).collect();
    all.iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).unwrap();
            let uses = named(file, &text)
                .iter()
                .filter_map(|path| file_of(&modules, path))
                .filter(|used| used != file)
                // A folder's own mod.rs only declares its files.
                .filter(|used| {
                    !(used.ends_with("mod.rs") && file.starts_with(used.parent().unwrap()))
                })
                .collect();
            (file.clone(), uses)
        })
        .collect()
}

fn short(file: &Path) -> String {
    file.strip_prefix(src()).unwrap().display().to_string()
}

#[test]
fn every_layer_imports_only_the_layers_below_it() {
    let mut wrong = Vec::new();
    for (file, uses) in graph() {
        let Some(own) = layer_of(&module_of(&file)[0]) else {
            wrong.push(format!("{} is in no layer", short(&file)));
            continue;
        };
        for used in uses {
            let layer = layer_of(&module_of(&used)[0]).unwrap_or(usize::MAX);
            if layer > own {
                wrong.push(format!(
                    "{} imports {} (a higher layer)",
                    short(&file),
                    short(&used)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_files_import_each_other_in_a_circle() {
    let graph = graph();
    // Depth-first: a file met again while it is on the way is a circle.
    fn visit(
        file: &PathBuf,
        graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        way: &mut Vec<PathBuf>,
        done: &mut BTreeSet<PathBuf>,
        circles: &mut Vec<String>,
    ) {
        if done.contains(file) {
            return;
        }
        if let Some(at) = way.iter().position(|f| f == file) {
            let circle: Vec<String> = way[at..].iter().map(|f| short(f)).collect();
            circles.push(format!("{} -> {}", circle.join(" -> "), short(file)));
            return;
        }
        way.push(file.clone());
        for used in graph.get(file).into_iter().flatten() {
            visit(used, graph, way, done, circles);
        }
        way.pop();
        done.insert(file.clone());
    }
    let (mut done, mut circles) = (BTreeSet::new(), Vec::new());
    for file in graph.keys() {
        visit(file, &graph, &mut Vec::new(), &mut done, &mut circles);
    }
    assert!(circles.is_empty(), "{}", circles.join("\n"));
}

#[test]
fn the_check_sees_an_import_that_runs_up_and_a_circle() {
    let model = src().join("model/goal.rs");
    let pages = src().join("pages/goals.rs");
    let text = "use crate::pages::goals::GoalCard;\nfn f() { super::meeting::x(); }\n";

    let named = named(&model, text);

    assert_eq!(
        named,
        vec![
            vec!["pages".to_string(), "goals".into()],
            vec!["model".to_string(), "meeting".into(), "x".into()],
        ]
    );
    assert!(layer_of("pages") > layer_of("model"));
    assert!(graph()[&pages].iter().all(|f| f != &pages));
}
