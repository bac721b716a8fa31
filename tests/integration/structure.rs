//! The house rules that the compiler does not enforce (`scripts/structure` prints the
//! figures): the binary calls services, not server functions; SQL lives in the store.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Lines of the files under `dirs` (relative to the workspace) that contain `needle`.
fn lines_with(dirs: &[&str], needle: &str, except: Option<&str>) -> Vec<String> {
    let root = workspace();
    let mut files = Vec::new();
    for d in dirs {
        rust_files(&root.join(d), &mut files);
    }
    let mut found = Vec::new();
    for f in files {
        let rel = f.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        if except.is_some_and(|e| rel.starts_with(e)) {
            continue;
        }
        for (i, line) in std::fs::read_to_string(&f).unwrap().lines().enumerate() {
            if line.contains(needle) && !line.trim_start().starts_with("//") {
                found.push(format!("{rel}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_binary_and_the_benches_call_services_never_server_functions() {
    assert_eq!(lines_with(&["server/src", "server/examples"], "app::api", None), Vec::<String>::new());
    // The search itself works: the app crate's pages do use `crate::api`.
    assert!(!lines_with(&["app/src/pages"], "crate::api", None).is_empty());
}

#[test]
fn every_sql_statement_is_in_the_store() {
    assert_eq!(lines_with(&["app/src", "server/src"], "sqlx::query", Some("app/src/backend/db/")), Vec::<String>::new());
    assert!(!lines_with(&["app/src/backend/db"], "sqlx::query", None).is_empty());
}

/// `app/src/api/results.rs` → `api::results`; `app/src/backend/mod.rs` → `backend`.
fn module_of(rel: &str) -> String {
    let path = rel.trim_start_matches("app/src/").trim_end_matches(".rs");
    let mut parts: Vec<&str> = path.split('/').collect();
    if matches!(parts.last(), Some(&"mod" | &"lib")) {
        parts.pop();
    }
    if parts.is_empty() { "crate".to_owned() } else { parts.join("::") }
}

/// The paths a file names: `crate::a::b`, each name of `crate::a::{b, c::d}`, and
/// `super::x` made absolute. Comments and `#[cfg(test)]` code are left out.
fn references(module: &str, is_mod_rs: bool, text: &str) -> Vec<String> {
    let code: String = text.split("#[cfg(test)]").next().unwrap_or("").lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    let mut out = Vec::new();
    let mut parent: Vec<&str> = module.split("::").collect();
    if !is_mod_rs {
        parent.pop();
    }
    for (prefix, base) in [("crate::", String::new()), ("super::", parent.join("::"))] {
        let mut rest = code.as_str();
        while let Some(i) = rest.find(prefix) {
            let preceded = rest[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            rest = &rest[i + prefix.len()..];
            if preceded {
                continue;
            }
            let path: String = rest.chars().take_while(|c| ident(*c)).collect();
            let join = |p: &str| if base.is_empty() { p.trim_end_matches(':').to_owned() } else { format!("{base}::{}", p.trim_end_matches(':')) };
            if path.ends_with("::") && rest[path.len()..].starts_with('{') {
                let group = &rest[path.len() + 1..rest.find('}').unwrap_or(rest.len())];
                for name in group.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    out.push(join(&format!("{path}{}", name.split("::").next().unwrap_or(""))));
                }
            } else {
                out.push(join(&path));
            }
        }
    }
    out
}

#[test]
fn the_app_crates_modules_depend_one_way() {
    let root = workspace();
    let mut files = Vec::new();
    rust_files(&root.join("app/src"), &mut files);
    let mut modules = std::collections::BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        modules.insert(module_of(&rel), (rel.ends_with("mod.rs"), std::fs::read_to_string(f).unwrap()));
    }
    let mut edges: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = std::collections::BTreeMap::new();
    for (m, (is_mod, text)) in &modules {
        for r in references(m, *is_mod, text) {
            let mut parts: Vec<&str> = r.split("::").collect();
            while !parts.is_empty() && !modules.contains_key(&parts.join("::")) {
                parts.pop();
            }
            let target = parts.join("::");
            let related = target == *m || target.starts_with(&format!("{m}::")) || m.starts_with(&format!("{target}::"));
            if !target.is_empty() && !related {
                edges.entry(m.clone()).or_default().insert(target);
            }
        }
    }
    // The graph is read right: pages reach the api, the api the services, services the store.
    assert!(edges["pages::results"].contains("api::results"), "{:?}", edges["pages::results"]);
    assert!(edges["api::results"].contains("service::results"));
    assert!(edges["service::results"].contains("backend::db::results"));
    // No module reaches one that reaches it back.
    let reaches = |from: &str, to: &str| {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(m) = stack.pop() {
            if m == to {
                return true;
            }
            if seen.insert(m.clone()) {
                stack.extend(edges.get(&m).into_iter().flatten().cloned());
            }
        }
        false
    };
    let circles: Vec<String> = edges.iter().flat_map(|(m, ts)| ts.iter().filter(|t| reaches(t, m)).map(move |t| format!("{m} -> {t}"))).collect();
    assert_eq!(circles, Vec::<String>::new());
}
