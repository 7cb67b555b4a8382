//! Ingestion: discovery, manifests, metadata and bad files.

mod common;

use sabiqa::ingest::{discover, load_document, manifests_for, Manifest};
use sabiqa::{Error, Lang};
use std::path::PathBuf;

#[test]
fn bad_files_are_reported_with_their_reason_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    };
    write(
        "good.en.txt",
        b"1. The Committee met.\n\n2. It adopted its report.\n",
    );
    write("latin1.txt", b"caf\xe9 au lait\n");
    write("binary.txt", b"PK\x03\x04\x00\x00binary");
    write("empty.txt", b"  \n\n");
    write("notes.md", b"not a document");
    let missing = dir.path().join("missing.txt");

    let (files, errors) = discover(&[dir.path().to_path_buf(), missing.clone()]);
    assert_eq!(errors.len(), 1, "the missing path is an error");
    assert!(matches!(&errors[0], Error::Io { path, .. } if *path == missing));
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["binary.txt", "empty.txt", "good.en.txt", "latin1.txt"],
        "sorted, .txt only"
    );

    let manifest = Manifest::default();
    let mut loaded = Vec::new();
    let mut reasons = Vec::new();
    for file in &files {
        match load_document(file, &manifest) {
            Ok(doc) => loaded.push(doc),
            Err(Error::BadFile { path, reason }) => reasons.push((path, reason)),
            Err(other) => panic!("unexpected error {other}"),
        }
    }
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded[0].units.len(), 2);
    assert_eq!(loaded[0].meta.lang, Lang::En);
    let reason_for = |name: &str| {
        reasons
            .iter()
            .find(|(p, _)| p.ends_with(name))
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{name} not reported"))
    };
    assert!(reason_for("latin1.txt").contains("UTF-8"));
    assert!(reason_for("binary.txt").contains("binary"));
    assert!(reason_for("empty.txt").contains("empty"));
}

#[test]
fn the_cli_skips_bad_files_and_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("good.txt"), "1. Text.\n").expect("write");
    std::fs::write(dir.path().join("bad.txt"), b"\xff\xfe").expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sabiqa"))
        .args(["segment", "--json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.txt") && stderr.contains("UTF-8"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let unit: serde_json::Value =
        serde_json::from_str(stdout.lines().next().expect("a unit")).expect("json");
    for key in [
        "doc", "kind", "para", "ordinal", "lang", "start", "end", "text",
    ] {
        assert!(unit.get(key).is_some(), "missing {key} in {unit}");
    }
    assert_eq!(unit["doc"], "good");
    assert_eq!(unit["para"], "1");
}

#[test]
fn a_manifest_wins_over_header_and_file_name() {
    let Some(ar) = common::shared("corpus/ar") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let target = ar.join("003_6b20bb8a1a11c676.txt");
    let tsv = format!(
        "file\tsymbol\tlanguage\tdate\ttitle\n{}\tXYZ/COP/2031/9\tar\t2018-07-23\tActivities of UNODC\n",
        target.display()
    );
    std::fs::write(dir.path().join("manifest.tsv"), tsv).expect("write");
    let manifest = manifests_for(&[dir.path().to_path_buf()]).expect("manifest");
    assert_eq!(manifest.len(), 1);
    let doc = load_document(&target, &manifest).expect("loads");
    assert_eq!(doc.meta.id, "XYZ/COP/2031/9");
    assert_eq!(doc.meta.title.as_deref(), Some("Activities of UNODC"));
    assert!(doc.units.iter().all(|u| u.doc == "XYZ/COP/2031/9"));
    // Without the manifest the header gives the date, and the id falls back to the file name
    // (the agenda footnote `* CTOC/COP/2018/1` is not the document's symbol).
    let bare = load_document(&target, &Manifest::default()).expect("loads");
    assert_eq!(bare.meta.id, "003_6b20bb8a1a11c676");
    assert_eq!(bare.meta.date.as_deref(), Some("2018-07-23"));
    assert_eq!(bare.meta.lang, Lang::Ar);
}

#[test]
fn the_unpc_manifests_are_used_unchanged() {
    let Some(dev) = common::shared("corpus/unpc/dev") else {
        return;
    };
    let manifest = manifests_for(std::slice::from_ref(&dev)).expect("manifest loads");
    assert!(manifest.len() > 1000);
    let (files, errors) = discover(std::slice::from_ref(&dev));
    assert!(errors.is_empty());
    assert!(
        files
            .iter()
            .all(|f| f.extension().is_some_and(|e| e == "txt")),
        "manifest.tsv excluded"
    );
    let en = load_document(&dev.join("2015_a_68_908.en.txt"), &manifest).expect("loads");
    let ar = load_document(&dev.join("2015_a_68_908.ar.txt"), &manifest).expect("loads");
    assert_eq!(en.meta.id, "A/68/908");
    assert_eq!(ar.meta.id, en.meta.id);
    assert_eq!((en.meta.lang, ar.meta.lang), (Lang::En, Lang::Ar));
}

#[test]
fn a_sidecar_manifest_is_found_next_to_a_file_argument() {
    let Some(dev) = common::shared("corpus/unpc/dev") else {
        return;
    };
    let file: PathBuf = dev.join("2015_a_68_908.ar.txt");
    let manifest = manifests_for(std::slice::from_ref(&file)).expect("manifest");
    assert_eq!(
        manifest.lookup(&file).and_then(|e| e.symbol.as_deref()),
        Some("A/68/908")
    );
}
