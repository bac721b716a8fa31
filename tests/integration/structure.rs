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
