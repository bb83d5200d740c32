//! The layout of `src/` that lets a reader find a rule in one hop: each
//! file opens with a `//!` line, none is over 600 lines, imports inside the
//! crate name the module that defines a name (not the crate root's
//! re-exports, which are for users), and no module imports another that
//! imports it back, directly or around a loop: neither two top-level
//! modules nor two files of one folder. A file may use its own folder's
//! items (a child module is part of its parent).
//!
//! This reads the source as text: `use` statements and `crate::` paths in
//! code, outside comments and test modules.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// A module's path from the crate root: `["account", "unlink"]`.
type ModPath = Vec<String>;

struct File {
    path: String,
    module: ModPath,
    text: String,
}

fn files() -> Vec<File> {
    fn walk(dir: &Path, out: &mut Vec<File>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix("src").unwrap().with_extension("");
                let mut module: ModPath = relative
                    .iter()
                    .map(|part| part.to_string_lossy().into_owned())
                    .collect();
                if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                    module.pop();
                }
                let text = fs::read_to_string(&path).unwrap();
                out.push(File {
                    path: path.display().to_string(),
                    module,
                    text,
                });
            }
        }
    }
    let mut out = Vec::new();
    walk(Path::new("src"), &mut out);
    out.retain(|f| f.module.first().map(String::as_str) != Some("bin"));
    out
}

/// The code of a file: comments and `#[cfg(test)]` modules left out.
fn code(text: &str) -> String {
    let text = text
        .split("\n#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or(text);
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a `use` tree names: `a::{b, c::d}` gives `a::b`, `a::c::d`.
fn leaves(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    match tree.find('{') {
        Some(open) if tree.ends_with('}') => {
            let prefix = format!("{prefix}{}", &tree[..open]);
            let (mut depth, mut start) = (0, open + 1);
            let inner_end = tree.len() - 1;
            for (i, ch) in tree.char_indices().take(inner_end).skip(open + 1) {
                match ch {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        leaves(&tree[start..i], &prefix, out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            leaves(&tree[start..inner_end], &prefix, out);
        }
        _ if !tree.is_empty() => {
            let path = tree.split(" as ").next().unwrap().trim();
            out.push(format!("{prefix}{path}").replace(' ', ""));
        }
        _ => {}
    }
}

/// The in-crate paths a file's code names, from the crate root, as
/// written (`crate::`, `super::`, `self::` and child modules resolved).
fn named_paths(file: &File, modules: &BTreeSet<ModPath>) -> Vec<Vec<String>> {
    let code = code(&file.text);
    let mut written = Vec::new();
    for statement in code.split(';') {
        let statement = statement.trim_start();
        let tree = ["use ", "pub use ", "pub(crate) use ", "pub(super) use "]
            .iter()
            .find_map(|start| statement.strip_prefix(start));
        if let Some(tree) = tree {
            leaves(tree, "", &mut written);
        }
    }
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let path: String = rest[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        written.push(path.trim_end_matches(':').to_owned());
        rest = &rest[at + 7..];
    }
    let here = &file.module;
    let is_folder = file.path.ends_with("mod.rs") || file.path.ends_with("lib.rs");
    written
        .into_iter()
        .filter_map(|path| {
            let segments: Vec<String> = path.split("::").map(str::to_owned).collect();
            let mut base: ModPath = here.clone();
            let mut rest = &segments[..];
            match segments.first().map(String::as_str) {
                Some("crate") => {
                    base.clear();
                    rest = &segments[1..];
                }
                Some("self") => rest = &segments[1..],
                Some("super") => {
                    while rest.first().map(String::as_str) == Some("super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                }
                Some(first)
                    if is_folder
                        && modules.contains(&[here.clone(), vec![first.into()]].concat()) => {}
                _ => return None,
            }
            Some([base, rest.to_vec()].concat())
        })
        .collect()
}

/// The longest prefix of `path` that is a module.
fn module_of(path: &[String], modules: &BTreeSet<ModPath>) -> ModPath {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| modules.contains(prefix))
        .unwrap_or_default()
}

/// A loop in `graph`, if it has one.
fn find_loop(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            return Some(stack[at..].to_vec());
        }
        if !done.insert(node.to_owned()) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, stack, done) {
                return Some(found);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn every_file_names_its_subject_and_stays_short() {
    for file in files() {
        assert!(
            file.text.starts_with("//!"),
            "{} does not open with a `//!` line",
            file.path
        );
        let lines = file.text.lines().count();
        assert!(
            lines <= 600,
            "{} has {lines} lines (at most 600)",
            file.path
        );
    }
}

#[test]
fn imports_name_the_defining_module_not_the_root() {
    let files = files();
    let modules: BTreeSet<ModPath> = files.iter().map(|f| f.module.clone()).collect();
    let mut through_root = Vec::new();
    for file in files.iter().filter(|f| !f.module.is_empty()) {
        for path in named_paths(file, &modules) {
            if !path.is_empty() && module_of(&path, &modules).is_empty() {
                through_root.push(format!("{}: crate::{}", file.path, path.join("::")));
            }
        }
    }
    assert!(
        through_root.is_empty(),
        "imports through the crate root (name the defining module):\n{}",
        through_root.join("\n")
    );
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let files = files();
    let modules: BTreeSet<ModPath> = files.iter().map(|f| f.module.clone()).collect();
    // For each folder, the graph of its children: `a -> b` when a file in
    // or under `a` names something in or under `b`.
    let mut graphs: BTreeMap<ModPath, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        for path in named_paths(file, &modules) {
            let target = module_of(&path, &modules);
            let common = file
                .module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            // A module using its own folder's items, or its own, is not an edge.
            if common == file.module.len() || common == target.len() {
                continue;
            }
            graphs
                .entry(file.module[..common].to_vec())
                .or_default()
                .entry(file.module[common].clone())
                .or_default()
                .insert(target[common].clone());
        }
    }
    for (folder, graph) in &graphs {
        if let Some(cycle) = find_loop(graph) {
            panic!(
                "in `crate::{}`, these import each other around a loop: {}",
                folder.join("::"),
                cycle.join(" -> ")
            );
        }
    }
}
