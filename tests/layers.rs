//! The dependencies between the top-level modules of `src/` point one way:
//! no two of them import each other, directly or around a circle. Read from
//! the code's own `crate::…` paths, so a new import that closes a circle
//! fails here with the circle named.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`bookings` for
/// `src/bookings/engine.rs`, `error` for `src/error.rs`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// Everything `text` names as `crate::<module>`, test code excluded.
fn imports(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    code.split("crate::")
        .skip(1)
        .filter_map(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let Some(module) = module_of(&src, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("readable file");
        let used = graph.entry(module.clone()).or_default();
        used.extend(imports(&text).into_iter().filter(|m| *m != module));
    }
    graph
}

/// A circle through `start`, if there is one.
fn circle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in graph.get(&at).into_iter().flatten() {
            if next == start {
                let mut circle = path.clone();
                circle.push(start.to_owned());
                return Some(circle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn no_two_modules_of_src_import_each_other_even_around_a_circle() {
    let graph = graph();
    assert!(graph.contains_key("bookings") && graph.contains_key("listings"));
    let circles: Vec<String> = graph
        .keys()
        .filter_map(|m| circle_from(&graph, m))
        .map(|c| c.join(" -> "))
        .collect();
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_circle_finder_finds_a_circle() {
    let mut graph = BTreeMap::new();
    graph.insert("a".to_owned(), BTreeSet::from(["b".to_owned()]));
    graph.insert("b".to_owned(), BTreeSet::from(["c".to_owned()]));
    graph.insert("c".to_owned(), BTreeSet::from(["a".to_owned()]));
    assert_eq!(circle_from(&graph, "a").map(|c| c.len()), Some(4));
    assert_eq!(
        imports("use crate::db::scope;\nfn f() { crate::error::x() }"),
        BTreeSet::from(["db".to_owned(), "error".to_owned()])
    );
}

#[test]
fn only_the_top_of_the_crate_uses_calendars() {
    let graph = graph();
    assert!(graph.contains_key("calendar"));
    let users: BTreeSet<&str> = graph
        .iter()
        .filter(|(_, used)| used.contains("calendar"))
        .map(|(module, _)| module.as_str())
        .collect();
    // The pages sit above every capability, as `http` does: nothing imports them.
    let allowed = BTreeSet::from(["graphql", "http", "notifications", "pages"]);
    assert!(
        users.is_subset(&allowed),
        "modules using calendar: {users:?}"
    );
}
