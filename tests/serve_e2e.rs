//! The search page in a real browser: serves an index of ../shared/corpus on a loopback port and
//! runs `node tests/e2e/run.mjs URL OUTDIR` (playwright-core driving Debian's Chromium), which
//! checks what a user sees and saves screenshots under `target/e2e-screenshots/`.
//!
//! Without Chromium, node or playwright-core (installed by `tests/e2e/setup.sh`) the test is
//! skipped with the reason printed; under CI (`CI=true`) their absence is a failure.

mod serve_support;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Skips (returns `None`) with a printed reason, or fails under CI.
fn require(ok: bool, why: &str) -> Option<()> {
    if ok {
        return Some(());
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{why}: under CI the browser test must run (tests/e2e/setup.sh installs it)");
    }
    eprintln!("SKIPPED: {why} (run tests/e2e/setup.sh to install it)");
    None
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

#[test]
fn the_search_page_works_in_headless_chromium() {
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let browser = chromium();
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let Some(()) = require(
        browser.is_file(),
        &format!("no Chromium at {}", browser.display()),
    )
    .and_then(|()| require(node_ok, "node is not installed"))
    .and_then(|()| {
        require(
            e2e.join("node_modules/playwright-core").is_dir(),
            "playwright-core is not installed in tests/e2e",
        )
    }) else {
        return;
    };
    let Some(server) = serve_support::corpus_server() else {
        return;
    };
    let screenshots = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map(|target| target.join("e2e-screenshots"))
        .unwrap_or_else(|| PathBuf::from("target/e2e-screenshots"));
    let output = Command::new("node")
        .arg("run.mjs")
        .arg(&server.base)
        .arg(&screenshots)
        .env("CHROMIUM", &browser)
        .current_dir(&e2e)
        .output()
        .expect("node runs");
    let log = String::from_utf8_lossy(&output.stdout);
    println!("{log}");
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "the browser test failed (screenshots in {}):\n{log}",
        screenshots.display()
    );
    assert!(log.contains(" 0 failed"), "{log}");
    assert!(screenshots.join("05-document.png").is_file());
}
