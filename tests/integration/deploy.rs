//! The deployment guide's files as shipped: the systemd unit passes `systemd-analyze verify`
//! (in a scratch root holding systemd's own units and a stand-in for the binary), and the
//! guide and the README point at the files the tests use.

use std::process::Command;

fn workspace() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        let kind = e.file_type().unwrap();
        if kind.is_dir() {
            copy_dir(&e.path(), &target);
        } else if kind.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(e.path()).unwrap(), target).unwrap();
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn the_systemd_unit_passes_systemd_analyze_verify() {
    let root = tempfile::tempdir().unwrap();
    let r = root.path();
    copy_dir(std::path::Path::new("/usr/lib/systemd/system"), &r.join("usr/lib/systemd/system"));
    std::fs::create_dir_all(r.join("usr/local/bin")).unwrap();
    std::fs::copy("/bin/true", r.join("usr/local/bin/baiqau")).unwrap();
    let unit = r.join("etc/systemd/system/baiqau.service");
    std::fs::create_dir_all(unit.parent().unwrap()).unwrap();
    std::fs::copy(workspace().join("deploy/baiqau.service"), &unit).unwrap();
    let verify = |unit: &std::path::Path| {
        let out = Command::new("systemd-analyze").arg("verify").arg(format!("--root={}", r.display())).arg(unit).output().expect("systemd-analyze (scripts/setup installs systemd)");
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout))
    };
    assert_eq!(verify(&unit), (true, String::new()), "no error and no warning");
    // The check has teeth: a misspelt setting is reported.
    let text = std::fs::read_to_string(&unit).unwrap().replace("Type=exec", "Type=exek");
    std::fs::write(&unit, text).unwrap();
    let (_, said) = verify(&unit);
    assert!(said.contains("Failed to parse service type"), "{said}");
}

#[test]
fn the_guide_and_the_readme_point_at_the_tested_files() {
    let guide = std::fs::read_to_string(workspace().join("docs/deploy.md")).unwrap();
    for file in ["deploy/baiqau.service", "deploy/nginx.conf", "tests/browser/scaleout.rs"] {
        assert!(guide.contains(file), "docs/deploy.md names {file}");
        assert!(workspace().join(file).is_file(), "{file} exists");
    }
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    assert!(readme.contains("docs/deploy.md"), "the README links the guide");
    let nginx = std::fs::read_to_string(workspace().join("deploy/nginx.conf")).unwrap();
    // What the guide promises of the proxy for large pieces and slow links.
    for line in ["client_max_body_size 2g;", "proxy_request_buffering off;", "client_body_timeout 120s;", "location = /metrics { return 404; }", "proxy_set_header X-Forwarded-For $remote_addr;"] {
        assert!(nginx.contains(line), "deploy/nginx.conf: {line}");
    }
}
