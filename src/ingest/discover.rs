//! Finding the document files under the paths a user gives.
//!
//! | given                          | result |
//! |--------------------------------|--------|
//! | a directory                    | every file below it (recursively) that some [`Reader`](super::Reader) handles, except `manifest.tsv` |
//! | a file a reader handles        | that file |
//! | a file no reader handles       | an error: the user asked for it by name |
//! | a path that does not exist     | an error |
//!
//! Files come back sorted and without duplicates, so runs are reproducible. Hidden entries
//! (`.git`, editor files) and symbolic links to directories are not followed.

use super::manifest::MANIFEST_FILE;
use super::reader::reader_for;
use crate::error::Error;
use std::path::{Path, PathBuf};

/// The document files under `paths`, and an error for each path that could not be used.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(source) => errors.push(Error::Io {
                path: path.clone(),
                source,
            }),
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut errors),
            Ok(_) if reader_for(path).is_some() => files.push(path.clone()),
            Ok(_) => errors.push(Error::BadFile {
                path: path.clone(),
                reason: "no reader for this kind of file (sabiqa reads .txt)".into(),
            }),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            errors.push(Error::Io {
                path: dir.to_path_buf(),
                source,
            });
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(source) => {
                errors.push(Error::Io {
                    path: dir.to_path_buf(),
                    source,
                });
                continue;
            }
        };
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || name == MANIFEST_FILE {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, files, errors),
            Ok(_) if reader_for(&path).is_some() && path.is_file() => files.push(path),
            Ok(_) => {}
            Err(source) => errors.push(Error::Io { path, source }),
        }
    }
}
